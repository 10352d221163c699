// The files of a new service, in the shape of docs/adding-a-service.md (the skeleton), for `npm run new:service`.
// `n` holds the service's names: svc (one lowercase word: folder, schema, NATS user, subjects), Svc (PascalCase),
// SVC (upper case), plus its HEALTH_PORT and the date of its first migration.

/** Every file of the service's own folder and of its contracts folder: path → text. */
export function serviceFiles(n) {
  const { svc, Svc, SVC, healthPort, migration } = n;
  const app = `apps/${svc}`;
  return {
    [`${app}/src/main.ts`]: `import 'reflect-metadata';
import { bootstrapService, serviceMessagingFromEnv } from '@hearth/messaging';
import { ${Svc}Env } from './config/env.schema';
import { create${Svc}App } from './${svc}.app';

bootstrapService(${Svc}Env, (env) =>
  create${Svc}App(
    { databaseUrl: env.DATABASE_URL, databasePoolMax: env.DATABASE_POOL_MAX },
    serviceMessagingFromEnv(env, '${svc}'),
    env.LOG_LEVEL,
  ),
);
`,
    [`${app}/src/index.ts`]: `// The public entry of this app (ADR 0021): what standalone, migrate, bench and tests of other apps may import.
// Everything else in this app is private to it; other apps talk to it only through @hearth/contracts subjects.
export { create${Svc}App } from './${svc}.app';
export type { ${Svc}Options } from './${svc}.options';
export { ${SVC}_SCHEMA, ${Svc}Database } from './${svc}-database';
`,
    [`${app}/src/${svc}.app.ts`]: `import { serviceAppFactory } from '@hearth/messaging';
import { ${Svc}Module } from './${svc}.module';
import type { ${Svc}Options } from './${svc}.options';

/** The ${svc} service as its own process: NATS handlers and consumers, plus HTTP for /health only. */
export const create${Svc}App = serviceAppFactory((options: ${Svc}Options) => ${Svc}Module.register(options));
`,
    [`${app}/src/${svc}.module.ts`]: `import { Module, type DynamicModule } from '@nestjs/common';
import { serviceDataProviders } from '@hearth/messaging';
import { ${SVC}_SCHEMA, ${Svc}Database } from './${svc}-database';
import { ${SVC}_OPTIONS, type ${Svc}Options } from './${svc}.options';

/**
 * The ${svc} service. Each feature (a folder under src/ with its controller, service, repository and views) adds its
 * controller to \`controllers\` and its providers to \`providers\`.
 */
@Module({})
export class ${Svc}Module {
  static register(options: ${Svc}Options): DynamicModule {
    return {
      module: ${Svc}Module,
      controllers: [],
      providers: [
        { provide: ${SVC}_OPTIONS, useValue: options },
        ...serviceDataProviders(${Svc}Database, ${SVC}_SCHEMA, {
          url: options.databaseUrl,
          poolMax: options.databasePoolMax,
        }),
      ],
      exports: [${Svc}Database],
    };
  }
}
`,
    [`${app}/src/${svc}.options.ts`]: `export const ${SVC}_OPTIONS = Symbol('${SVC}_OPTIONS');

export interface ${Svc}Options {
  /** This service's own role (hearth_${svc}): rights on the ${svc} schema only (ADR 0012). */
  databaseUrl: string;
  databasePoolMax?: number;
}
`,
    [`${app}/src/${svc}-database.ts`]: `import { ServiceDatabase, type ServiceSchema } from '@hearth/persistence';
import { OutboxMessage } from '@hearth/messaging';
import { Migration${Svc}Init } from '../migrations/migration-${migration}-${svc}-init';

export const ${SVC}_SCHEMA: ServiceSchema = {
  schema: '${svc}',
  entities: [OutboxMessage],
  migrations: [Migration${Svc}Init],
};

/** The ${svc} service's database, as its own injectable type. */
export class ${Svc}Database extends ServiceDatabase {}
`,
    [`${app}/migrations/migration-${migration}-${svc}-init.ts`]: `import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';
import { messagingDeliverySql, messagingTablesSql, outboxTraceSql } from '@hearth/messaging';

/**
 * The ${svc} schema: the outbox, inbox and dead letters every service keeps (as they are today), and \`examples\`,
 * a LERO's rows under row-level security to show the pattern. Replace it with the service's first real table
 * (and its rows in test/row-level-security.int-spec.ts) before the first release; after that, only add migrations.
 */
export class Migration${Svc}Init extends Migration {
  override name = '${migration}-${svc}-init';

  up(): void {
    const sql = [
      \`create table ${svc}.examples (
        id uuid primary key, tenant_id uuid not null, label text not null,
        created_at timestamptz not null default now())\`,
      \`create index examples_tenant_idx on ${svc}.examples (tenant_id, id)\`,
      ...tenantRlsSql('${svc}.examples'),
      ...messagingTablesSql('${svc}'),
      ...messagingDeliverySql('${svc}'),
      ...outboxTraceSql('${svc}'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
`,
    [`${app}/src/${svc}-access.ts`]: `import { forbidden, notFound, type Actor } from '@hearth/contracts';
import { defineAbility, requireActor, subject, type Action, type HearthAbility } from '@hearth/auth';
import { asTenantId, type TenantId } from '@hearth/persistence';

/**
 * The one gate of the ${svc} service: the only place that turns a request into who is asking, what they may do
 * and the LERO they may do it in (the branded \`TenantId\` that repositories take).
 */
export interface Authorised {
  actor: Actor;
  ability: HearthAbility;
  tenantId: TenantId;
}

export type ${Svc}Subject = 'Example';

/** What each grant may do in the ${svc} service: to start with, a LERO's tenant-admins and coordinators. */
export function ${svc}Ability(actor: Actor | undefined): HearthAbility {
  return defineAbility(actor, (grant, { can }) => {
    const { tenantId } = grant;
    if (!tenantId) return;
    if (grant.role === 'tenant-admin' || grant.role === 'coordinator')
      can(['create', 'read', 'update', 'delete'], 'Example', { tenantId });
  });
}

/**
 * The gate of every route about a LERO: someone with no grant in it learns nothing (NOT_FOUND, as for an id that
 * does not exist); someone of the LERO without the right is FORBIDDEN.
 */
export function authoriseInLero(
  actor: Actor | undefined,
  tenantId: string,
  action: Action,
  what: ${Svc}Subject,
): Authorised {
  const who = requireActor(actor);
  if (!who.grants.some((g) => g.tenantId === tenantId)) throw notFound('LERO');
  const ability = ${svc}Ability(who);
  if (!ability.can(action, subject(what, { tenantId }))) throw forbidden();
  return { actor: who, ability, tenantId: asTenantId(tenantId) };
}
`,
    [`${app}/src/${svc}-access.spec.ts`]: `import { AppError, type Actor, type Role } from '@hearth/contracts';
import { authoriseInLero } from './${svc}-access';

const LERO = '01900000-0000-7000-8000-0000000000a1';
const OTHER = '01900000-0000-7000-8000-0000000000a2';
const actor = (role: Role, tenantId = LERO): Actor => ({
  accountId: '01900000-0000-7000-8000-0000000000b1',
  email: \`\${role}@example.org\`,
  grants: [{ role, tenantId, regionId: '01900000-0000-7000-8000-0000000000c1' }],
});
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : \`other: \${String(err)}\`;
  }
  return 'allowed';
};

describe('the ${svc} gate', () => {
  it.each<Role>(['tenant-admin', 'coordinator'])('gives a %s of the LERO that LERO', (role) => {
    const authorised = authoriseInLero(actor(role), LERO, 'create', 'Example');
    expect(authorised.tenantId).toBe(LERO);
    expect(authorised.ability.can('read', 'Example')).toBe(true);
  });

  it('answers someone of another LERO as if this one did not exist', () => {
    expect(refusal(() => authoriseInLero(actor('tenant-admin', OTHER), LERO, 'read', 'Example'))).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses someone of the LERO without the right', () => {
    expect(refusal(() => authoriseInLero(actor('volunteer'), LERO, 'read', 'Example'))).toBe('FORBIDDEN');
  });

  it('asks who is asking first', () => {
    expect(refusal(() => authoriseInLero(undefined, LERO, 'read', 'Example'))).toBe('UNAUTHENTICATED');
  });
});
`,
    [`${app}/src/config/env.schema.ts`]: `import { ServiceEnv } from '@hearth/platform';

/** The ${svc} service's variables, validated at boot. */
export class ${Svc}Env extends ServiceEnv {
  override HEALTH_PORT = ${healthPort};
}
`,
    [`${app}/test/row-level-security.int-spec.ts`]: `import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { migrateAll } from '@hearth/persistence';
import { withClient, createTestDatabase, type TestDatabase, testTenantId } from '@hearth/testing';
import { ${SVC}_SCHEMA, ${Svc}Database } from '../src/${svc}-database';

/** Every tenant-owned table of the ${svc} schema: a table added in a migration joins this list. */
const TABLES = ['${svc}.examples'];

describe('row-level security on the ${svc} schema', () => {
  let db: TestDatabase;
  let service: ${Svc}Database;
  const leroA = uuidv7();
  const leroB = uuidv7();

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([${SVC}_SCHEMA], db.ownerUrl, db.urlFor);
    await withClient(db.ownerUrl, async (owner) => {
      for (const tenant of [leroA, leroB]) {
        for (const label of ['first', 'second']) {
          await owner.query(\`insert into ${svc}.examples (id, tenant_id, label) values ($1, $2, $3)\`, [
            uuidv7(),
            tenant,
            label,
          ]);
        }
      }
    });
    service = await ${Svc}Database.connect(${SVC}_SCHEMA, { url: db.urlFor(${SVC}_SCHEMA.schema) });
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  const asServiceRole = <T>(fn: (c: Client) => Promise<T>) => withClient(db.urlFor(${SVC}_SCHEMA.schema), fn);

  it.each(TABLES)('returns only the set LERO’s rows of %s to a query without any filter', async (table) => {
    const rows = await asServiceRole(async (c) => {
      await c.query('begin');
      await c.query(\`select set_config('app.tenant_id', $1, true)\`, [leroA]);
      const { rows } = await c.query<{ tenant_id: string }>(\`select tenant_id from \${table}\`);
      await c.query('commit');
      return rows;
    });
    expect(rows.map((r) => r.tenant_id)).toEqual([leroA, leroA]);
  });

  it.each(TABLES)('returns nothing of %s when no LERO is set', async (table) => {
    const { rows } = await asServiceRole((c) => c.query(\`select * from \${table}\`));
    expect(rows).toHaveLength(0);
  });

  it('refuses to write a row into another LERO, or to move one there', async () => {
    await asServiceRole(async (c) => {
      await c.query('begin');
      await c.query(\`select set_config('app.tenant_id', $1, true)\`, [leroA]);
      await expect(
        c.query(\`insert into ${svc}.examples (id, tenant_id, label) values ($1, $2, 'smuggled')\`, [uuidv7(), leroB]),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback');
      await c.query('begin');
      await c.query(\`select set_config('app.tenant_id', $1, true)\`, [leroA]);
      await expect(c.query(\`update ${svc}.examples set tenant_id = $1\`, [leroB])).rejects.toThrow(
        /row-level security/,
      );
      await c.query('rollback');
    });
  });

  it('keeps the one-round-trip read path to one LERO', async () => {
    const rows = await service.readInTenant<{ tenant_id: string }>(
      testTenantId(leroB),
      'select tenant_id from ${svc}.examples',
    );
    expect(rows.map((r) => r.tenant_id)).toEqual([leroB, leroB]);
  });
});
`,
    [`${app}/test/${svc}.int-spec.ts`]: `import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { migrateAll } from '@hearth/persistence';
import {
  createTestDatabase,
  startTestNats,
  testTrust,
  type TestDatabase,
  type TestNats,
} from '@hearth/testing';
import { create${Svc}App, ${SVC}_SCHEMA } from '../src';

/** The ${svc} service as it is deployed: its own database role, its own NATS user, ready on /health/ready. */
describe('the ${svc} service', () => {
  let nats: TestNats;
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let applied: Record<string, string[]>;

  beforeAll(async () => {
    nats = await startTestNats();
    db = await createTestDatabase();
    applied = await migrateAll([${SVC}_SCHEMA], db.ownerUrl, db.urlFor);
    app = await create${Svc}App(
      { databaseUrl: db.urlFor(${SVC}_SCHEMA.schema) },
      { ...nats.as('${svc}'), trust: testTrust.trust },
      'warn',
    );
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await nats?.stop();
  });

  it('migrates its schema once', async () => {
    expect(applied[${SVC}_SCHEMA.schema]).toEqual(['${migration}-${svc}-init']);
    const again = await migrateAll([${SVC}_SCHEMA], db.ownerUrl, db.urlFor);
    expect(again[${SVC}_SCHEMA.schema]).toEqual([]);
  });

  it('is ready: its database as its own role, and NATS as its own user', async () => {
    const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ status: 'ok', details: { '${svc}-db': { status: 'up' } } });
  });
});
`,
    [`libs/contracts/src/${svc}/subjects.ts`]: `/** Every subject the ${svc} service answers (\`${svc}.<feature>.<verb>\`). A shipped value never changes (add \`.v2\`). */
export const ${Svc}Subjects = {} as const;

/** Domain events of the ${svc} service (facts, past tense: \`evt.${svc}.<thing>.<happened>\`), from its outbox. */
export const ${Svc}Events = {} as const;
`,
    [`libs/contracts/src/${svc}/events.ts`]: `/**
 * The ${svc} service's events: each subject of \`${Svc}Events\` and the class its payload is (a class with
 * class-validator decorators, checked by every consumer). Never a name, an email or a phone number.
 */
export const ${SVC}_EVENT_PAYLOADS = {} as const;
`,
    [`libs/contracts/src/${svc}/index.ts`]: `export * from './subjects';
export * from './events';
`,
  };
}
