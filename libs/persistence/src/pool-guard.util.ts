import type { Pool, PoolClient } from 'pg';

/** How long a connection that died may stay checked out before the pool takes it back. */
const DEAD_CONNECTION_GRACE_MS = 1000;

/**
 * Gives back to the pool a connection that died while checked out and was never released. Kysely (under
 * MikroORM) releases a transaction's connection only after its COMMIT or ROLLBACK succeeds; when Postgres
 * restarts mid-transaction both fail, the connection is never released, and the pool shrinks by one for good:
 * after a few restarts every ORM request waits for a connection that never comes. A dead connection still
 * checked out after a grace period (the normal path releases at once) is released with an error, so the pool
 * drops it and opens a fresh one. Only for pools whose users may leak: our own raw paths always release.
 */
export function releaseDeadConnections(
  pool: Pool,
  log: (message: string) => void,
  graceMs = DEAD_CONNECTION_GRACE_MS,
): void {
  const checkedOut = new Set<PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_err, client) => checkedOut.delete(client));
  pool.on('remove', (client) => checkedOut.delete(client as PoolClient));
  pool.on('connect', (client) =>
    client.once('end', () => {
      setTimeout(() => {
        if (!checkedOut.delete(client as PoolClient)) return;
        log('A connection that died in a transaction was never released; gave it back to the pool.');
        try {
          (client as PoolClient).release(new Error('the connection ended while checked out'));
        } catch {
          // released meanwhile after all
        }
      }, graceMs).unref();
    }),
  );
}
