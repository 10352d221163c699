import {
  CROSS_SERVICE_REQUESTS,
  EVENT_CONSUMERS,
  EVENTS_STREAM,
  GATEWAY_NOTICES,
  GATHER_PARTS,
  NATS_SERVICES,
  NATS_USERS,
  inboxPrefixOf,
  natsPasswordVariable,
  type NatsService,
  type NatsUser,
} from '@hearth/contracts';

export interface NatsPermissions {
  publish: string[];
  /** A subject, or `"<subject> <queue>"` for a queue subscription only in that group. */
  subscribe: string[];
  /** May answer the requests it receives (publish once to their reply subject). */
  allowResponses: boolean;
}

const JS = `$JS.API`;

/**
 * What a service's events and durable consumers need, and no more: see that the stream is there (readiness),
 * bind, pull, ack. Never create, update or purge.
 */
function consumerSubjects(service: NatsService): string[] {
  const own = Object.values(EVENT_CONSUMERS).filter((c) => c.service === service);
  return [
    `${JS}.INFO`,
    `${JS}.STREAM.INFO.${EVENTS_STREAM}`,
    ...own.flatMap((c) => [
      `${JS}.CONSUMER.INFO.${EVENTS_STREAM}.${c.durable}`,
      `${JS}.CONSUMER.MSG.NEXT.${EVENTS_STREAM}.${c.durable}`,
      `$JS.ACK.${EVENTS_STREAM}.${c.durable}.>`,
    ]),
  ];
}

function servicePermissions(service: NatsService): NatsPermissions {
  return {
    publish: [`evt.${service}.>`, ...CROSS_SERVICE_REQUESTS[service], ...consumerSubjects(service)],
    subscribe: [
      `${service}.> ${service}`,
      ...GATHER_PARTS[service].map((s) => `${s} ${service}`),
      `${inboxPrefixOf(service)}.>`,
    ],
    allowResponses: true,
  };
}

/** The permissions of every NATS user, derived from `libs/contracts/src/permissions.ts`. */
export function natsPermissions(): Record<NatsUser, NatsPermissions> {
  const services = Object.fromEntries(NATS_SERVICES.map((s) => [s, servicePermissions(s)])) as Record<
    NatsService,
    NatsPermissions
  >;
  const gateway: NatsPermissions = {
    publish: [...CROSS_SERVICE_REQUESTS.gateway],
    subscribe: [...GATEWAY_NOTICES, `${inboxPrefixOf('gateway')}.>`],
    allowResponses: false,
  };
  // The deploy step: creates the stream and every durable consumer; answers nothing.
  const migrate: NatsPermissions = {
    publish: [`${JS}.>`],
    subscribe: [`${inboxPrefixOf('migrate')}.>`],
    allowResponses: false,
  };
  // The dead-letters command: reads an event back by its stream sequence to replay it; changes nothing.
  const operator: NatsPermissions = {
    publish: [`${JS}.INFO`, `${JS}.STREAM.INFO.${EVENTS_STREAM}`, `${JS}.STREAM.MSG.GET.${EVENTS_STREAM}`],
    subscribe: [`${inboxPrefixOf('operator')}.>`],
    allowResponses: false,
  };
  // Every service and the gateway in one process, which also provisions JetStream as migrate does.
  const all = [...Object.values(services), gateway, migrate, operator];
  const standalone: NatsPermissions = {
    publish: unique(all.flatMap((p) => p.publish)),
    subscribe: unique([
      ...all.flatMap((p) => p.subscribe).filter((s) => !s.startsWith('_INBOX')),
      `${inboxPrefixOf('standalone')}.>`,
    ]),
    allowResponses: true,
  };
  return { ...services, gateway, migrate, operator, standalone };
}

const unique = (values: string[]) => [...new Set(values)];
const quoted = (values: string[]) => values.map((v) => `"${v}"`).join(', ');

/** `deploy/nats/accounts.conf`: one account with JetStream, one user per app, passwords from variables. */
export function natsAccountsConfig(): string {
  const permissions = natsPermissions();
  const users = NATS_USERS.map((user) => {
    const p = permissions[user];
    return [
      `      {`,
      `        user: "${user}"`,
      `        password: $${natsPasswordVariable(user)}`,
      `        permissions: {`,
      `          publish: { allow: [${quoted(p.publish)}] }`,
      `          subscribe: { allow: [${quoted(p.subscribe)}] }`,
      ...(p.allowResponses ? [`          allow_responses: true`] : []),
      `        }`,
      `      }`,
    ].join('\n');
  });
  return [
    '# Generated from libs/contracts/src/permissions.ts by `npm run nats-config`: do not edit by hand.',
    '# One account with JetStream; each Hearth app connects as its own user and may publish and subscribe only',
    '# what its line allows (queue subscriptions only in its own group, reply inboxes only its own). Passwords',
    '# come from the environment of the NATS server (one variable per user, all required).',
    'accounts: {',
    '  HEARTH: {',
    '    jetstream: enabled',
    '    users: [',
    users.join('\n'),
    '    ]',
    '  }',
    '}',
    '',
  ].join('\n');
}
