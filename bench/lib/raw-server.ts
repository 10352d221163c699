import Fastify, { type FastifyInstance } from 'fastify';
import { Pool } from 'pg';

/**
 * The physical limit of HTTP + Postgres here: bare Fastify and `pg`, one query per request, no framework,
 * no broker. Scenarios compare Hearth against it in the same run.
 */
export async function startRawServer(
  databaseUrl: string,
  routes: { path: string; sql: string; params: (p: Record<string, string>) => unknown[] }[],
): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const app: FastifyInstance = Fastify({ logger: false });
  for (const route of routes) {
    app.get(route.path, async (req, reply) => {
      const { rows } = await pool.query(route.sql, route.params(req.params as Record<string, string>));
      if (rows.length === 0) return reply.code(404).send({ error: 'not found' });
      return rows[0];
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
