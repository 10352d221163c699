import { Logger } from '@nestjs/common';
import { RETENTION_SETTING, type ServiceDatabase, type Statement } from '@hearth/persistence';
import type { MessagingLogger } from './event-publisher';
import { DEFAULT_RETRY_POLICY, RETENTION_MARGIN_MS, streamMaxAgeFor } from './retry-policy';

const DAY_MS = 86_400_000;
export const DAYS = (n: number) => n * DAY_MS;
/** Rows one statement deletes at most: a long backlog is pruned in short transactions. */
const CHUNK = 5000;

/**
 * The retention schedule (docs/retention.md, ADR 0016): how long each kind of record is kept, and
 * how often each service's pruning job applies it. Each service applies the lines about its own records.
 */
export interface RetentionOptions {
  intervalMs: number;
  /** Published outbox rows: as long as the stream keeps events, so standalone can replay as long as NATS can. */
  outboxMs: number;
  /** Inbox rows: never less than the stream keeps events (the job takes the stream's own `max_age` if longer). */
  inboxMs: number;
  /** Members who left are erased this long after they left (membership). */
  leftMembersMs: number;
  /** Audit entries (tenants, membership). */
  auditMs: number;
  /** Invitations, this long after they were accepted, cancelled or expired (tenants). */
  invitationsMs: number;
  /** A sign-in's refresh tokens, this long after it ended or was revoked (tenants). */
  refreshTokensMs: number;
  /** Password reset links, this long after they were used or expired (tenants). */
  passwordResetsMs: number;
}

export const DEFAULT_RETENTION: RetentionOptions = {
  intervalMs: 3_600_000,
  outboxMs: streamMaxAgeFor(DEFAULT_RETRY_POLICY),
  inboxMs: streamMaxAgeFor(DEFAULT_RETRY_POLICY) + RETENTION_MARGIN_MS,
  leftMembersMs: DAYS(2 * 365),
  auditMs: DAYS(6 * 365),
  invitationsMs: DAYS(90),
  refreshTokensMs: DAYS(30),
  passwordResetsMs: DAYS(30),
};

/** One line of a service's retention schedule: removes what has outlived `keepMs`; returns how many rows. */
export interface RetentionRule {
  /** What it prunes, for the log (`refresh tokens`). */
  name: string;
  keepMs: number;
  prune(db: ServiceDatabase, cutoff: Date): Promise<number>;
}

/**
 * Deletes from `table` the rows matching `condition` (`$1` is the cutoff), in chunks of short transactions until
 * none is left. `acrossTenants` for a table under row-level security: the job sees its rows only with the
 * retention setting on (`retentionRlsSql`), which no request path sets.
 */
export async function deleteOlderThan(
  db: ServiceDatabase,
  table: string,
  condition: string,
  cutoff: Date,
  opts: { acrossTenants?: boolean } = {},
): Promise<number> {
  const statement: Statement = {
    sql: `delete from ${table} where ctid in (select ctid from ${table} where ${condition} limit ${CHUNK}) returning 1`,
    params: [cutoff],
  };
  const statements: Statement[] = opts.acrossTenants
    ? [{ sql: `select set_config('${RETENTION_SETTING}', 'on', true)` }, statement]
    : [statement];
  let total = 0;
  for (;;) {
    const deleted = await db.transactPlatform(async (tx) => {
      const results = await tx.run<unknown[][]>(statements, { commit: true });
      return results[results.length - 1].length;
    });
    total += deleted;
    if (deleted < CHUNK) return total;
  }
}

/** The messaging lines of every service's schedule: published outbox rows, and inbox rows. */
export function messagingRetentionRules(
  schema: string,
  retention: RetentionOptions,
  /** The stream's `max_age` (0: none, keep for ever); undefined without a stream (in process). */
  streamMaxAgeMs: () => Promise<number | undefined>,
): RetentionRule[] {
  const s = `"${schema}"`;
  return [
    {
      name: 'published outbox rows',
      keepMs: retention.outboxMs,
      prune: (db, cutoff) => deleteOlderThan(db, `${s}.outbox`, 'published_at < $1', cutoff),
    },
    {
      name: 'inbox rows',
      keepMs: retention.inboxMs,
      prune: async (db, cutoff) => {
        // An event can come back for as long as the stream keeps it: its inbox row must outlive that, or the
        // redelivery would be handled twice. A stream without a max age keeps events for ever: keep the rows.
        // Unknown (NATS unreachable) throws: the rows stay until the next run.
        const maxAge = await streamMaxAgeMs();
        if (maxAge === 0) return 0;
        // A margin for the stream's expiry running late: a tenth of its max age, a day at most.
        const bound =
          maxAge === undefined
            ? cutoff.getTime()
            : Date.now() - maxAge - Math.min(RETENTION_MARGIN_MS, maxAge / 10);
        const safe = new Date(Math.min(cutoff.getTime(), bound));
        return deleteOlderThan(db, `${s}.inbox`, 'handled_at < $1', safe);
      },
    },
  ];
}

export interface PruningJobOptions {
  intervalMs?: number;
  logger?: MessagingLogger;
  now?: () => Date;
}

/**
 * A service's pruning job: every rule of its retention schedule, now and then. Replicas may run it at the same
 * time: every rule is idempotent (a delete by age, an erasure under the row's lock), so no lock is needed.
 */
export class PruningJob {
  private readonly intervalMs: number;
  private readonly logger: MessagingLogger;
  private readonly now: () => Date;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly db: ServiceDatabase,
    private readonly rules: RetentionRule[],
    opts: PruningJobOptions = {},
  ) {
    this.rules = [...rules];
    this.intervalMs = opts.intervalMs ?? DEFAULT_RETENTION.intervalMs;
    this.logger = opts.logger ?? new Logger(`PruningJob(${db.schema})`);
    this.now = opts.now ?? (() => new Date());
  }

  /** A service adds the lines of the schedule about its own records (from `onModuleInit`). */
  addRules(rules: RetentionRule[]): void {
    this.rules.push(...rules);
  }

  /** Nest lifecycle: the first run a little after start (jittered, so replicas spread out), then every interval. */
  onApplicationBootstrap(): void {
    const first = Math.min(this.intervalMs, 60_000) * (0.5 + Math.random() / 2);
    this.timer = setTimeout(() => this.tick(), first);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    this.running = this.runOnce()
      .catch((err: unknown) =>
        this.logger.warn(`Pruning ${this.db.schema} failed; trying again later: ${(err as Error).message}`),
      )
      .finally(() => {
        this.running = undefined;
        if (this.timer) {
          this.timer = setTimeout(() => this.tick(), this.intervalMs);
          this.timer.unref();
        }
      });
  }

  /** Runs every rule once; returns what each removed. A rule that fails does not stop the others. */
  async runOnce(): Promise<Record<string, number>> {
    const removed: Record<string, number> = {};
    const failures: string[] = [];
    for (const rule of this.rules) {
      try {
        removed[rule.name] = await rule.prune(this.db, new Date(this.now().getTime() - rule.keepMs));
      } catch (err) {
        failures.push(`${rule.name}: ${(err as Error).message}`);
      }
    }
    const done = Object.entries(removed).filter(([, n]) => n > 0);
    if (done.length) this.logger.log(`Pruned ${done.map(([name, n]) => `${n} ${name}`).join(', ')}.`);
    if (failures.length) throw new Error(failures.join('; '));
    return removed;
  }
}
