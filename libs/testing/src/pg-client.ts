import { Client } from 'pg';

/** One short-lived `pg` connection (as the service role or the owner), closed whatever happens. */
export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * How many sessions of this database are waiting for a lock now. It clears the statistics snapshot first: inside a
 * transaction (a test holding a lock to pin another's), `pg_stat_activity` is read once and then kept until the
 * transaction ends, so without it a test would keep seeing the sessions as they were at its first look — and a
 * connection opened after that not at all.
 */
export async function waitingOnLocks(c: Pick<Client, 'query'>): Promise<number> {
  await c.query('select pg_stat_clear_snapshot()');
  const { rows } = await c.query<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
  );
  return rows[0].n;
}
