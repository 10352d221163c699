import { Client } from 'pg';
import { eventually } from '@hearth/testing';

/** Per table: its row count and an order-free checksum of its rows. */
export type Fingerprint = Record<string, { rows: number; checksum: string }>;

/**
 * Tables that change without a request having written anything of its own: the outbox as the relay marks
 * rows published, consumers' inboxes, and the sign-in throttle, which counts a refused sign-in by design
 * (ADR 0013). Everything else must be as it was after a refused request.
 */
const BOOKKEEPING = /\.(outbox|inbox|dead_letter|sign_in_failures|mikro_orm_migrations)$/;

/**
 * Row counts and checksums of every table of Hearth's schemas, read as the owner (who is not subject to row-level
 * security), in one round trip. The fuzzer compares them before and after requests that were refused.
 */
export class DbFingerprint {
  private query = '';
  private pendingQuery = '';
  /** Time spent reading fingerprints, for the report. */
  spentMs = 0;

  constructor(
    private readonly client: Client,
    private readonly schemas: string[],
  ) {}

  static async open(url: string, schemas: string[]): Promise<DbFingerprint> {
    const client = new Client({ connectionString: url });
    await client.connect();
    return new DbFingerprint(client, schemas);
  }

  async read(): Promise<Fingerprint> {
    if (!this.query) {
      const tables = await this.client.query<{ name: string }>(
        `select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables
          where table_schema = any($1) and table_type = 'BASE TABLE' order by 1`,
        [this.schemas],
      );
      const names = tables.rows.map((t) => t.name);
      this.pendingQuery = names
        .filter((name) => name.endsWith('.outbox'))
        .map((name) => `select count(*)::int as n from ${name} where published_at is null`)
        .join(' union all ');
      this.query = names
        .filter((name) => !BOOKKEEPING.test(name))
        .map(
          (name) =>
            `select '${name}' as name, count(*)::int as rows, coalesce(sum(hashtextextended(t::text, 0)), 0)::text as checksum from ${name} t`,
        )
        .join(' union all ');
    }
    const started = Date.now();
    const result = await this.client.query<{ name: string; rows: number; checksum: string }>(this.query);
    this.spentMs += Date.now() - started;
    return Object.fromEntries(result.rows.map((r) => [r.name, { rows: r.rows, checksum: r.checksum }]));
  }

  /** Once what earlier requests set off (events relayed, projections updated) has come to rest. */
  async settle(): Promise<Fingerprint> {
    let last = '';
    return eventually(
      async () => {
        const now = await this.read();
        const text = JSON.stringify(now);
        const pending = await this.client.query<{ n: number }>(this.pendingQuery);
        if (text !== last || pending.rows.some((r) => r.n > 0)) {
          last = text;
          throw new Error('the database is still changing');
        }
        return now;
      },
      { timeoutMs: 15_000, intervalMs: 20 },
    );
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** The tables whose rows differ between two fingerprints, described for a report. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys({ ...before, ...after })
    .filter((t) => JSON.stringify(before[t]) !== JSON.stringify(after[t]))
    .map((t) => `${t} (${before[t]?.rows ?? 0} → ${after[t]?.rows ?? 0} rows)`);
}
