import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { createMigratedDatabase, eventually } from '@hearth/testing';
import { SERVICE_SCHEMAS } from '../../migrate/src';
import { MaintenanceTimer } from '../src/maintenance-timer';

/** Standalone's own maintenance (ADR 0020): `npm run maintenance` on a timer, as the database's owner. */
describe('standalone’s maintenance timer', () => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let owner: Client;
  const schemas = SERVICE_SCHEMAS.map((s) => s.schema);

  beforeAll(async () => {
    db = await createMigratedDatabase(SERVICE_SCHEMAS);
    owner = db.owner;
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('runs shortly after start, then every interval, until stopped; each run rewrites the tables', async () => {
    const canary = `Canary${uuidv7().replaceAll('-', '')}`;
    await owner.query(`insert into events.erased_members (tenant_id, member_key) values ($1, $2)`, [
      uuidv7(),
      canary,
    ]);
    await owner.query(`delete from events.erased_members where member_key = $1`, [canary]);
    await owner.query('checkpoint');
    const inFile = async () =>
      (
        await owner.query<{ found: boolean }>(
          `select position(convert_to($1, 'UTF8') in pg_read_binary_file(pg_relation_filepath('events.erased_members'))) > 0 as found`,
          [canary],
        )
      ).rows[0].found;
    expect(await inFile()).toBe(true);

    const said: string[] = [];
    const timer = new MaintenanceTimer(db.ownerUrl, schemas, {
      intervalMs: 400,
      firstRunMs: 50,
      say: (line) => said.push(line),
    });
    const started = Date.now();
    timer.start();
    try {
      // At least two runs, and the dead version gone: a run after any transaction older than the delete ended
      // (another test's, on a busy server) removes it (docs/retention.md). A run rewrites every table, seconds
      // each on a loaded machine.
      await eventually(
        async () => {
          expect(said.length).toBeGreaterThanOrEqual(2);
          expect(await inFile()).toBe(false);
        },
        { timeoutMs: 90_000 },
      );
    } finally {
      // Stopped whatever happened: a timer left running fires into the next test file of this worker.
      await timer.stop();
    }
    // Two runs, the second an interval after the first ended.
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    for (const line of said)
      expect(line).toMatch(/^Maintenance done: \d+ table\(s\) vacuumed; checkpoint made\.$/);
    expect(await inFile()).toBe(false);

    // Stopped: no further run.
    const runs = said.length;
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(said.length).toBe(runs);
  }, 120_000);

  it('says a run that failed, and goes on', async () => {
    const said: string[] = [];
    const timer = new MaintenanceTimer('postgres://nobody@127.0.0.1:1/hearth', schemas, {
      intervalMs: 200,
      firstRunMs: 10,
      say: (line) => said.push(line),
    });
    timer.start();
    try {
      await eventually(() => expect(said.length).toBeGreaterThanOrEqual(2), { timeoutMs: 10_000 });
    } finally {
      await timer.stop();
    }
    expect(said[0]).toMatch(/^Maintenance failed; trying again later: /);
  });

  it('is off with an interval of 0', async () => {
    const said: string[] = [];
    const timer = new MaintenanceTimer(db.ownerUrl, schemas, { intervalMs: 0, say: (l) => said.push(l) });
    timer.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await timer.stop();
    expect(said).toEqual([]);
  });
});
