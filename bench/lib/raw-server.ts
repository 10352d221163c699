import Fastify, { type FastifyInstance } from 'fastify';
import { Pool } from 'pg';

export interface RawRoute {
  method?: 'GET' | 'POST';
  path: string;
  /** One query, answered as the first row (404 when none)… */
  sql?: string;
  params?: (p: Record<string, string>) => unknown[];
  /** …or hand-written work on the pool (a transaction, say). */
  handle?: (pool: Pool, p: Record<string, string>) => Promise<unknown>;
}

/**
 * The physical limit of HTTP + Postgres here: bare Fastify and `pg`, no framework, no broker, no ORM.
 * Scenarios compare Hearth against it in the same run.
 */
export async function startRawServer(
  databaseUrl: string,
  routes: RawRoute[],
): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const app: FastifyInstance = Fastify({ logger: false });
  for (const route of routes) {
    app.route({
      method: route.method ?? 'GET',
      url: route.path,
      handler: async (req, reply) => {
        const p = req.params as Record<string, string>;
        if (route.handle) return reply.code(201).send(await route.handle(pool, p));
        const { rows } = await pool.query(route.sql!, route.params?.(p) ?? []);
        if (rows.length === 0) return reply.code(404).send({ error: 'not found' });
        return rows[0];
      },
    });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}
