import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
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

async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
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
  return {
    url: await listenOnLoopback(app),
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

/**
 * The floor of the gateway → NATS → service shape itself: bare Fastify that forwards each request over NATS
 * (request/reply) to a bare responder process running the same query. The gap between it and the raw server
 * is what the architecture costs here; the gap between it and Hearth is what Hearth's own code costs.
 */
export async function startRawNatsServer(
  databaseUrl: string,
  natsUrl: string,
  route: { path: string; sql: string; params: (p: Record<string, string>) => unknown[] },
): Promise<{ url: string; close(): Promise<void> }> {
  const subject = `bench.raw.${process.pid}.${Date.now()}`;
  const responder = spawn(
    process.execPath,
    [join(__dirname, 'raw-nats-responder.js'), natsUrl, databaseUrl, subject, route.sql],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    responder.once('exit', (code) => reject(new Error(`raw NATS responder exited ${code}`)));
    responder.stdout!.once('data', () => resolve());
  });
  const nc = await connect({ servers: natsUrl, name: 'bench-raw-front' });
  const app: FastifyInstance = Fastify({ logger: false });
  app.get(route.path, async (req, reply) => {
    const answer = await nc.request(
      subject,
      JSON.stringify(route.params(req.params as Record<string, string>)),
      {
        timeout: 5_000,
      },
    );
    const row = answer.json<unknown>();
    if (row === null) return reply.code(404).send({ error: 'not found' });
    return row;
  });
  return {
    url: await listenOnLoopback(app),
    close: async () => {
      await app.close();
      await nc.drain();
      responder.removeAllListeners('exit');
      await new Promise<void>((resolve) => {
        responder.once('exit', () => resolve());
        responder.kill('SIGTERM');
      });
    },
  };
}
