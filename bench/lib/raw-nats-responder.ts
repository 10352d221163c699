import { connect } from '@nats-io/transport-node';
import { Pool } from 'pg';

/**
 * `node raw-nats-responder.js <natsUrl> <databaseUrl> <subject> <sql>`: the floor of Hearth's architecture
 * with nothing of Hearth in it — a bare nats.js responder in its own process that runs one query (params
 * from the request's JSON array) and answers the first row as JSON. Stops on SIGTERM.
 */
async function main(): Promise<void> {
  const [natsUrl, databaseUrl, subject, sql] = process.argv.slice(2);
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const nc = await connect({ servers: natsUrl, name: 'bench-raw-responder' });
  nc.subscribe(subject, {
    queue: 'bench',
    callback: (err, msg) => {
      if (err) return;
      const params = msg.json<unknown[]>();
      pool.query(sql, params).then(
        ({ rows }) => msg.respond(JSON.stringify(rows[0] ?? null)),
        (e: Error) => msg.respond(JSON.stringify({ error: e.message })),
      );
    },
  });
  await nc.flush();
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    void nc
      .drain()
      .then(() => pool.end())
      .finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
