import { Client } from 'pg';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { NATS_USERS, type NatsUser } from '@hearth/contracts';
import {
  canManageDeadLetters,
  discardDeadLetters,
  eventFromOutbox,
  eventFromStream,
  listDeadLetters,
  natsConnectionOptions,
  natsCredentialsFromEnv,
  replayOutcome,
  requestReplay,
  type DeadLetter,
} from '@hearth/messaging';
import { redactUrl, serviceUrlVariable } from '@hearth/persistence';
import { SERVICE_SCHEMAS } from './service-schemas';
import { runningEmbeddedPostgres, startEmbeddedPostgres } from '../../standalone/src';

export const DEAD_LETTERS_USAGE = `Usage: npm run dead-letters -- <command> [options]

  list                          the dead letters of every service: events that can never be handled as
                                they are (they failed validation), with the consumer, subject, stream
                                sequence and reason; never their content
  replay <id>... | --all        reread each event (from the stream by its sequence, else from the outbox
                                of the service that published it) and hand it to its consumer again; the
                                dead letter goes once the event is handled, or stays with the new reason
  discard <id>... | --all       delete dead letters for good (the events will not be handled)

Options:
  --service <name>              only this service's dead letters (tenants, membership, events, reporting)
  --consumer <name>             only this consumer's (e.g. reporting-membership)
  --wait <seconds>              how long replay waits for the services to handle the events (default 30)
  --json                        list as JSON, one dead letter a line

Distributed: MIGRATION_DATABASE_URL (the owner: every service), or a service's own <SERVICE>_DATABASE_URL
or DATABASE_URL; for replay also NATS_URL and NATS_PASSWORD of the NATS user "operator" (NATS_USER to use
another). Standalone: none of those; the embedded database in HEARTH_DATA_DIR (default ./.hearth), whether
Hearth is running or not.`;

export interface CommandIo {
  out(line: string): void;
  /** For the replay's wait; a test passes a shorter one. */
  pollMs?: number;
}

interface Args {
  command: 'list' | 'replay' | 'discard';
  ids: string[];
  all: boolean;
  service?: string;
  consumer?: string;
  waitSeconds: number;
  json: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseArgs(argv: string[]): Args | string {
  const [command, ...rest] = argv;
  if (command !== 'list' && command !== 'replay' && command !== 'discard')
    return `Unknown command "${command ?? ''}".`;
  const args: Args = { command, ids: [], all: false, waitSeconds: 30, json: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value.`);
      return v;
    };
    try {
      if (arg === '--all') args.all = true;
      else if (arg === '--json') args.json = true;
      else if (arg === '--service') args.service = value();
      else if (arg === '--consumer') args.consumer = value();
      else if (arg === '--wait') args.waitSeconds = Number(value());
      else if (UUID.test(arg)) args.ids.push(arg.toLowerCase());
      else return `Not a dead letter id or option: "${arg}".`;
    } catch (err) {
      return (err as Error).message;
    }
  }
  if (args.service && !SERVICE_SCHEMAS.some((s) => s.schema === args.service))
    return `Unknown service "${args.service}".`;
  if (!(args.waitSeconds >= 0)) return '--wait must be a number of seconds.';
  if (command !== 'list' && args.ids.length === 0 && !args.all)
    return `${command} needs dead letter ids, or --all.`;
  if (command !== 'list' && args.ids.length > 0 && args.all) return 'Give ids or --all, not both.';
  return args;
}

/** The database connections that reach each service's dead letters, in this runtime. */
async function openDatabases(env: NodeJS.ProcessEnv, io: CommandIo) {
  const given = [
    env.MIGRATION_DATABASE_URL,
    ...SERVICE_SCHEMAS.map((s) => env[serviceUrlVariable(s.schema)]),
    env.DATABASE_URL,
  ].filter((u): u is string => !!u);
  const urls = [...new Set(given)];
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (urls.length === 0) {
    // Standalone: its embedded database, whether Hearth runs beside us or not.
    const dataDir = env.HEARTH_DATA_DIR ?? './.hearth';
    const running = await runningEmbeddedPostgres(dataDir);
    if (running) urls.push(running);
    else {
      const embedded = await startEmbeddedPostgres(dataDir, () => undefined);
      urls.push(embedded.ownerUrl);
      stopEmbedded = embedded.stop;
      io.out(`(Hearth is not running: started its database in ${dataDir} for this command)`);
    }
  }
  const clients: Client[] = [];
  try {
    for (const url of urls) {
      const client = new Client({ connectionString: url });
      client.on('error', () => undefined);
      await client.connect().catch((err: unknown) => {
        throw new Error(`Could not connect to ${redactUrl(url)}: ${(err as Error).message}`);
      });
      clients.push(client);
    }
    const bySchema = new Map<string, Client>();
    for (const { schema } of SERVICE_SCHEMAS)
      for (const client of clients)
        if (await canManageDeadLetters(client, schema)) {
          bySchema.set(schema, client);
          break;
        }
    return {
      clients,
      bySchema,
      async close() {
        await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
        await stopEmbedded?.();
      },
    };
  } catch (err) {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await stopEmbedded?.();
    throw err;
  }
}

async function openStream(
  env: NodeJS.ProcessEnv,
): Promise<{ nc: NatsConnection; jsm: JetStreamManager } | undefined> {
  if (!env.NATS_URL) return undefined;
  const user = (env.NATS_USER ?? 'operator') as NatsUser;
  if (!NATS_USERS.includes(user)) throw new Error(`NATS_USER "${user}" is not one of Hearth's NATS users.`);
  const nc = await connect({
    ...natsConnectionOptions(
      { natsUrl: env.NATS_URL, nats: natsCredentialsFromEnv(env, user) },
      'hearth-dead-letters',
    ),
    maxReconnectAttempts: 3,
  });
  return { nc, jsm: await jetstreamManager(nc) };
}

const describe = (d: DeadLetter) =>
  [
    d.id,
    `${d.service}/${d.consumer}`,
    d.subject,
    `event ${d.eventId ?? '(unreadable)'}`,
    `seq ${d.streamSeq ?? '-'}`,
    d.failedAt,
    `${d.attempts} attempt(s)`,
    d.replayRequested ? 'replay requested' : '',
    `: ${d.error}`,
  ]
    .filter(Boolean)
    .join('  ');

/** `npm run dead-letters -- …`; returns the exit code (0 done, 1 something could not be done, 2 usage). */
export async function runDeadLetters(argv: string[], env: NodeJS.ProcessEnv, io: CommandIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.out(`${args}\n\n${DEAD_LETTERS_USAGE}`);
    return 2;
  }
  const db = await openDatabases(env, io);
  try {
    const schemas = SERVICE_SCHEMAS.map((s) => s.schema).filter((s) => !args.service || s === args.service);
    const unreachable = schemas.filter((s) => !db.bySchema.has(s));
    if (unreachable.length === schemas.length)
      throw new Error(`None of the given database roles can read the dead letters of ${schemas.join(', ')}.`);
    if (unreachable.length && args.service === undefined)
      io.out(`(not reachable with the given database URLs: ${unreachable.join(', ')})`);
    const letters: DeadLetter[] = [];
    for (const schema of schemas) {
      const client = db.bySchema.get(schema);
      if (client)
        letters.push(
          ...(await listDeadLetters(client, schema, {
            consumer: args.consumer,
            ...(args.ids.length ? { ids: args.ids } : {}),
          })),
        );
    }
    const missing = args.ids.filter((id) => !letters.some((l) => l.id === id));
    for (const id of missing) io.out(`No dead letter ${id}.`);
    if (args.command === 'list') {
      for (const d of letters) io.out(args.json ? JSON.stringify(d) : describe(d));
      if (!args.json) io.out(`${letters.length} dead letter(s).`);
      return missing.length ? 1 : 0;
    }
    if (args.command === 'discard') {
      let discarded = 0;
      for (const schema of schemas) {
        const ids = letters.filter((l) => l.service === schema).map((l) => l.id);
        const client = db.bySchema.get(schema);
        if (client) discarded += await discardDeadLetters(client, schema, ids);
      }
      io.out(`Discarded ${discarded} dead letter(s).`);
      return missing.length ? 1 : 0;
    }
    return (await replay(letters, db, env, args, io)) && missing.length === 0 ? 0 : 1;
  } finally {
    await db.close();
  }
}

async function replay(
  letters: DeadLetter[],
  db: { clients: Client[]; bySchema: Map<string, Client> },
  env: NodeJS.ProcessEnv,
  args: Args,
  io: CommandIo,
): Promise<boolean> {
  let ok = true;
  const stream = await openStream(env);
  const requested: DeadLetter[] = [];
  try {
    for (const letter of letters) {
      let event = stream ? await eventFromStream(stream.jsm, letter) : undefined;
      for (const client of db.clients) event ??= await eventFromOutbox(client, letter);
      if (!event) {
        ok = false;
        io.out(
          `Cannot replay ${letter.id}: ${letter.eventId ? 'the event is no longer in the stream or its outbox (they keep events for a limited time)' : 'the message was not an event'}. Discard it.`,
        );
        continue;
      }
      await requestReplay(db.bySchema.get(letter.service)!, letter.service, letter.id, event);
      requested.push(letter);
    }
  } finally {
    await stream?.nc.close();
  }
  const deadline = Date.now() + args.waitSeconds * 1000;
  const pending = new Set(requested);
  for (;;) {
    for (const letter of [...pending]) {
      const outcome = await replayOutcome(db.bySchema.get(letter.service)!, letter.service, letter.id);
      if (outcome.state === 'waiting') continue;
      pending.delete(letter);
      if (outcome.state === 'replayed') io.out(`Replayed ${letter.id} (${letter.subject}): handled.`);
      else {
        ok = false;
        io.out(`Replayed ${letter.id} (${letter.subject}): it failed again and stays: ${outcome.error}`);
      }
    }
    if (pending.size === 0 || Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, io.pollMs ?? 500));
  }
  for (const letter of pending)
    io.out(`Replay of ${letter.id} requested; ${letter.service} will handle it as soon as it runs.`);
  return ok;
}
