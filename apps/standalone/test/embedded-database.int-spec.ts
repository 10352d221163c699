import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/embedded-database';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('startEmbeddedPostgres', () => {
  let dataDir: string;
  let db: EmbeddedDatabase | undefined;
  const lines: string[] = [];
  const log = (msg: string) => lines.push(msg);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-embedded-pg-'));
  });

  afterEach(async () => {
    await db?.stop();
    db = undefined;
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates a cluster and the hearth database, reachable as the owner on loopback', async () => {
    db = await startEmbeddedPostgres(dataDir, log);

    const owner = new URL(db.ownerUrl);
    expect(owner.hostname).toBe('127.0.0.1');
    expect(owner.username).toBe('postgres');
    expect(owner.pathname).toBe('/hearth');
    expect(Number(owner.port)).not.toBe(5432);

    expect(await query(db.ownerUrl, 'select 1 as one')).toEqual([{ one: 1 }]);
    expect(
      await query(db.ownerUrl, `select current_database() as db, current_setting('server_encoding') as enc`),
    ).toEqual([{ db: 'hearth', enc: 'UTF8' }]);
    await query(db.ownerUrl, `create table survives (note text); insert into survives values ('kept')`);

    expect((await stat(join(dataDir, 'secrets.json'))).mode & 0o777).toBe(0o600);
    expect(lines.some((l) => l.includes('creating a new cluster'))).toBe(true);
  });

  it('keeps its data and passwords across a restart on the same directory', async () => {
    lines.length = 0;
    db = await startEmbeddedPostgres(dataDir, log);

    expect(lines.some((l) => l.includes('creating a new cluster'))).toBe(false);
    expect(await query(db.ownerUrl, 'select note from survives')).toEqual([{ note: 'kept' }]);
  });

  it('says when its server process runs, before that server is ready (main loads Hearth meanwhile)', async () => {
    const order: string[] = [];
    db = await startEmbeddedPostgres(dataDir, log, () => order.push('spawned'));
    order.push('ready');
    expect(order).toEqual(['spawned', 'ready']);
  });

  it('stops: the server no longer accepts connections, and stop() can be called again', async () => {
    const started = await startEmbeddedPostgres(dataDir, log);
    await started.stop();
    await started.stop();

    await expect(query(started.ownerUrl, 'select 1')).rejects.toThrow();
  });
});
