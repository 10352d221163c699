// The files outside a new service's folder that `npm run new:service` patches (docs/adding-a-service.md, "Outside
// the folder"). Each patch finds the lines it extends by their shape, not by the names of today's services; a
// patch whose lines are not there changes nothing and becomes a to-do instead.

/** Inserts `text` after the last line matching `pattern`; null when no line does. */
function afterLast(source, pattern, text) {
  const lines = source.split('\n');
  const at = lines.findLastIndex((l) => pattern.test(l));
  if (at < 0) return null;
  lines.splice(at + 1, 0, ...text.split('\n'));
  return lines.join('\n');
}

/** Inserts `text` before the first line matching `pattern` (after the line matching `from`, if given). */
function beforeFirst(source, pattern, text, from) {
  const lines = source.split('\n');
  const start = from ? lines.findIndex((l) => from.test(l)) : 0;
  if (start < 0) return null;
  const at = lines.findIndex((l, i) => i >= start && pattern.test(l));
  if (at < 0) return null;
  lines.splice(at, 0, ...text.split('\n'));
  return lines.join('\n');
}

/** Adds `item` to the end of the bracketed list that `pattern` captures as (head)(items)(tail). */
function appendToList(source, pattern, item) {
  const m = pattern.exec(source);
  if (!m) return null;
  const items = m[2].trim().replace(/,$/, '');
  return source.replace(pattern, `${m[1]}${items}, ${item}${m[3]}`);
}

/** Applies steps in order; null as soon as one finds nothing to extend (the file is then left as it was). */
const chain = (source, steps) => steps.reduce((text, step) => (text === null ? null : step(text)), source);

/**
 * Every patch: the file, what it does (the to-do line when it cannot), and the change. `mentions` names the
 * files in which the service's name becomes an identifier or a key: a file that already says it is left alone.
 */
export function wiring(n) {
  const { svc, Svc, SVC, healthPort, contractsFolders } = n;
  const required = '?set it in .env (see .env.example)';
  return [
    {
      file: 'libs/contracts/src/index.ts',
      todo: `export ./${svc} from libs/contracts/src/index.ts`,
      // After the last service folder's line (contracts/src/<x>/), not after a file's.
      apply: (s) =>
        afterLast(
          s,
          new RegExp(`^export \\* from '\\./(${contractsFolders.join('|')})';$`),
          `export * from './${svc}';`,
        ),
    },
    {
      file: 'libs/contracts/src/event-map.ts',
      todo: `add ${SVC}_EVENT_PAYLOADS to DOMAIN_EVENT_PAYLOADS (libs/contracts/src/event-map.ts)`,
      apply: (s) =>
        chain(s, [
          (t) =>
            afterLast(
              t,
              /^import \{ [A-Z]+_EVENT_PAYLOADS \} from '\.\/[a-z]+\/events';$/,
              `import { ${SVC}_EVENT_PAYLOADS } from './${svc}/events';`,
            ),
          (t) => afterLast(t, /^ {2}\.\.\.[A-Z]+_EVENT_PAYLOADS,$/, `  ...${SVC}_EVENT_PAYLOADS,`),
        ]),
    },
    {
      file: 'libs/contracts/src/permissions.ts',
      mentions: true,
      todo: `add ${svc} to NATS_SERVICES, CROSS_SERVICE_REQUESTS (gateway and its own line) and GATHER_PARTS (libs/contracts/src/permissions.ts)`,
      apply: (s) =>
        chain(s, [
          (t) =>
            afterLast(
              t,
              /^import \{ \w+Subjects \} from '\.\/[a-z]+\/subjects';$/,
              `import { ${Svc}Subjects } from './${svc}/subjects';`,
            ),
          (t) => appendToList(t, /(export const NATS_SERVICES = \[)([^\]]*)(\] as const;)/, `'${svc}'`),
          (t) => beforeFirst(t, /^ {2}\],$/, `    ...answeredBy(${Svc}Subjects),`, /^ {2}gateway: \[$/),
          (t) =>
            beforeFirst(
              t,
              /^\};$/,
              `  // What the ${svc} service may ask of other services.\n  ${svc}: [],`,
              /^export const CROSS_SERVICE_REQUESTS/,
            ),
          (t) => beforeFirst(t, /^\};$/, `  ${svc}: partsOf('${svc}'),`, /^export const GATHER_PARTS/),
        ]),
    },
    {
      file: 'apps/migrate/src/service-schemas.ts',
      todo: `add ${SVC}_SCHEMA to SERVICE_SCHEMAS (apps/migrate/src/service-schemas.ts)`,
      apply: (s) =>
        chain(s, [
          (t) =>
            afterLast(
              t,
              /^import \{ [A-Z]+_SCHEMA \} from '\.\.\/\.\.\/[a-z]+\/src';$/,
              `import { ${SVC}_SCHEMA } from '../../${svc}/src';`,
            ),
          (t) => appendToList(t, /(SERVICE_SCHEMAS: ServiceSchema\[\] = \[)([^\]]*)(\];)/, `${SVC}_SCHEMA`),
        ]),
    },
    {
      file: 'apps/standalone/src/standalone.app.ts',
      mentions: true,
      todo: `add ${Svc}Module.register(options.${svc}) and its options to createStandaloneApp (apps/standalone/src/standalone.app.ts)`,
      apply: (s) =>
        chain(s, [
          (t) =>
            afterLast(
              t,
              /^import type \{ \w+Options \} from '\.\.\/\.\.\/[a-z]+\/src';$/,
              `import { ${Svc}Module } from '../../${svc}/src/${svc}.module';\nimport type { ${Svc}Options } from '../../${svc}/src';`,
            ),
          (t) =>
            beforeFirst(
              t,
              /^ {2}messaging: MessagingOptions;$/,
              `  ${svc}: ${Svc}Options;`,
              /^export interface StandaloneOptions/,
            ),
          (t) =>
            beforeFirst(
              t,
              /^ {6}WebModule\.register\(web\),$/,
              `      ${Svc}Module.register(options.${svc}),`,
            ),
        ]),
    },
    {
      file: 'apps/standalone/src/standalone.ts',
      mentions: true,
      todo: `give the standalone app the ${svc} options (apps/standalone/src/standalone.ts)`,
      apply: (s) =>
        chain(s, [
          (t) =>
            afterLast(
              t,
              /^import \{[^}]*[A-Z]+_SCHEMA[^}]*\} from '\.\.\/\.\.\/[a-z]+\/src';$/,
              `import { ${SVC}_SCHEMA } from '../../${svc}/src';`,
            ),
          (t) =>
            beforeFirst(
              t,
              /^ {4}\}\);$/,
              `      ${svc}: { databaseUrl: urls[${SVC}_SCHEMA.schema] },`,
              /^ {4}const app = await createStandaloneApp\(\{$/,
            ),
        ]),
    },
    {
      file: 'apps/gateway/test/hearth.harness.ts',
      mentions: true,
      todo: `start the ${svc} service in apps/gateway/test/hearth.harness.ts`,
      apply: (s) =>
        chain(s, [
          (t) =>
            afterLast(
              t,
              /^import \{[^}]*[A-Z]+_SCHEMA[^}]*\} from '\.\.\/\.\.\/[a-z]+\/src';$/,
              `import { create${Svc}App, ${SVC}_SCHEMA } from '../../${svc}/src';`,
            ),
          (t) => appendToList(t, /(await createSchemaDatabase\(\s*\[)([^\]]*)(\],)/, `${SVC}_SCHEMA`),
          (t) =>
            beforeFirst(
              t,
              /^ {2}gateway: NestFastifyApplication;$/,
              `  ${svc}: NestFastifyApplication;`,
              /^export interface DistributedHearth/,
            ),
          (t) =>
            beforeFirst(
              t,
              /^ {2}await gateway\.listen\(/,
              `  const ${svc} = await create${Svc}App(\n    { databaseUrl: db.urlFor(${SVC}_SCHEMA.schema) },\n    messaging('${svc}'),\n    logging,\n  );\n  await ${svc}.init();`,
            ),
          (t) => beforeFirst(t, /^ {4}gateway,$/, `    ${svc},`, /^ {2}return \{$/),
          (t) =>
            beforeFirst(
              t,
              /^ {6}await db\.drop\(\);$/,
              `      await ${svc}.close();`,
              /^ {4}async close\(\) \{$/,
            ),
        ]),
    },
    {
      file: 'package.json',
      todo: `add "start:${svc}": "node dist/apps/${svc}/src/main.js" to package.json`,
      apply: (s) =>
        afterLast(
          s,
          /^ {4}"start:[a-z]+": "node dist\/apps\/[a-z]+\/src\/main\.js",$/,
          `    "start:${svc}": "node dist/apps/${svc}/src/main.js",`,
        ),
    },
    {
      file: 'nest-cli.json',
      todo: `add the ${svc} project to nest-cli.json`,
      apply: (s) =>
        beforeFirst(
          s,
          /^ {4}"migrate": \{$/,
          [
            `    "${svc}": {`,
            `      "type": "application",`,
            `      "root": "apps/${svc}",`,
            `      "entryFile": "main",`,
            `      "sourceRoot": "apps/${svc}/src"`,
            `    },`,
          ].join('\n'),
        ),
    },
    {
      file: 'docker-compose.yml',
      todo: `add the ${svc} service, its database URL (migrate) and its NATS password (nats) to docker-compose.yml`,
      apply: (s) =>
        chain(s, [
          (t) =>
            beforeFirst(
              t,
              /^ {6}HEARTH_NATS_GATEWAY_PASSWORD: /,
              `      HEARTH_NATS_${SVC}_PASSWORD: \${HEARTH_NATS_${SVC}_PASSWORD:${required}}`,
            ),
          (t) =>
            afterLast(
              t,
              /^ {6}[A-Z]+_DATABASE_URL: &[a-z]+-database-url postgres:\/\/hearth_[a-z]+:/,
              `      ${SVC}_DATABASE_URL: &${svc}-database-url postgres://hearth_${svc}:\${${SVC}_DB_PASSWORD:${required}}@postgres:5432/hearth`,
            ),
          // Above the note on later services, which stays the last thing before the gateway.
          (t) =>
            beforeFirst(
              t,
              /^ {2}# Later services/,
              [
                `  # The ${svc} service (say here what it keeps).`,
                `  ${svc}:`,
                `    image: hearth/${svc}:local`,
                `    build:`,
                `      context: .`,
                `      dockerfile: deploy/Dockerfile`,
                `      args:`,
                `        APP: ${svc}`,
                `    environment:`,
                `      <<: *app-env`,
                `      DATABASE_URL: *${svc}-database-url`,
                `      NATS_PASSWORD: \${HEARTH_NATS_${SVC}_PASSWORD:${required}}`,
                `      HEALTH_PORT: ${healthPort}`,
                `    secrets: *app-secrets`,
                `    healthcheck:`,
                `      <<: *healthcheck`,
                `      test:`,
                `        - CMD`,
                `        - node`,
                `        - -e`,
                `        - "fetch('http://127.0.0.1:${healthPort}/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"`,
                `    depends_on: *app-depends-on`,
                `    restart: unless-stopped`,
                ``,
              ].join('\n'),
              /^services:$/,
            ),
        ]),
    },
    {
      file: '.env.example',
      todo: `add ${SVC}_DB_PASSWORD and HEARTH_NATS_${SVC}_PASSWORD to .env.example`,
      apply: (s) =>
        chain(s, [
          (t) => afterLast(t, /^[A-Z]+_DB_PASSWORD=$/, `${SVC}_DB_PASSWORD=`),
          (t) => beforeFirst(t, /^HEARTH_NATS_GATEWAY_PASSWORD=$/, `HEARTH_NATS_${SVC}_PASSWORD=`),
          (t) => t.replace(/^(#\s+for s in [A-Z ]+?)(; do)/m, `$1 ${SVC}$2`),
          (t) => t.replace(/^(#\s+for u in [A-Z ]+?)( GATEWAY )/m, `$1 ${SVC}$2`),
        ]),
    },
  ];
}

/** What a generator cannot write well: the rest of the checklist of docs/adding-a-service.md. */
export function remainingTodos(n) {
  const { svc, Svc, SVC } = n;
  return [
    `contracts: request subjects in ${Svc}Subjects, events in ${Svc}Events with payload classes in ${SVC}_EVENT_PAYLOADS, DTOs and a ${svc}.client.ts (libs/contracts/src/${svc}/); its domain reasons in DOMAIN_REASONS (errors.ts) and their words in apps/web/src/http/reason-titles.ts`,
    `permissions: what ${svc} may ask of others (CROSS_SERVICE_REQUESTS), its durable consumers (EVENT_CONSUMERS), then npm run nats-config`,
    `the first real table: replace ${svc}.examples in apps/${svc}/migrations/ and test/row-level-security.int-spec.ts, and widen ${svc}Ability in apps/${svc}/src/${svc}-access.ts`,
    `gateway: the ${Svc} client in apps/gateway/src/gateway.module.ts, controllers for its routes, each with ApiTag and ApiDoc (summary, description, who may call it: ADR 0033)`,
    `deploy/README.md: the ${svc} service, its HEALTH_PORT and its passwords`,
    `docs/configuration.md (its variables; and ${svc} in tools/docs/configuration-doc.spec.ts), docs/api.md (its routes), README.md (a line on what it does), docs/subjects.md (its subjects and events), an ADR for its decisions`,
    `web: its screens in apps/web, calls in apps/web/src/api/hearth-api.ts`,
  ];
}
