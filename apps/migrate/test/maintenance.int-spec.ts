import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { createMigratedDatabase } from '@hearth/testing';
import { SERVICE_SCHEMAS } from '../src/service-schemas';
import { runMaintenance } from '../src/maintenance.command';

const CANARY = `Canary${uuidv7().replaceAll('-', '')}`;

/** `npm run maintenance`: erased values do not stay in a table's files (ADR 0020, docs/retention.md). */
describe('npm run maintenance', () => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let owner: Client;
  const printed: string[] = [];
  const run = async (env: NodeJS.ProcessEnv) => {
    printed.length = 0;
    const code = await runMaintenance([], env, { out: (l) => printed.push(l) });
    return { code, output: printed.join('\n') };
  };
  /** Whether `text` is in any file of `table`: its heap, its indexes, its TOAST table (read as superuser). */
  const onDisk = async (table: string, text: string) => {
    const { rows } = await owner.query<{ found: boolean }>(
      `select bool_or(position(convert_to($2, 'UTF8') in pg_read_binary_file(pg_relation_filepath(oid))) > 0) as found
        from pg_class
        where oid = $1::regclass
          or oid in (select indexrelid from pg_index where indrelid = $1::regclass)
          or oid = (select reltoastrelid from pg_class where oid = $1::regclass)`,
      [table, text],
    );
    return rows[0].found;
  };

  beforeAll(async () => {
    db = await createMigratedDatabase(SERVICE_SCHEMAS);
    owner = db.owner;
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('leaves no erased value in a table’s pages, where the erasure alone left it', async () => {
    const id = uuidv7();
    await owner.query(
      `insert into membership.members (id, tenant_id, display_name, email, phone, status, joined_at)
        values ($1, $2, $3, $4, '07700 900123', 'active', now())`,
      [id, uuidv7(), CANARY, `${CANARY.toLowerCase()}@example.org`],
    );
    // As an erasure does: the row becomes a tombstone, in place.
    await owner.query(
      `update membership.members set display_name = null, email = null, phone = null, status = 'erased',
        erased_at = now() where id = $1`,
      [id],
    );
    await owner.query('checkpoint');
    expect(await onDisk('membership.members', CANARY)).toBe(true);
    expect(await onDisk('membership.members', CANARY.toLowerCase())).toBe(true);

    // A dead version still visible to a transaction older than the erasure (one of another test, on a busy
    // server) is kept until a run after that transaction ends: as docs/retention.md says, "until the next
    // maintenance run". So: runs until it is gone, a few at most.
    let output = '';
    for (let runs = 0; runs < 5; runs++) {
      const done = await run({ MIGRATION_DATABASE_URL: db.ownerUrl });
      expect(done.code).toBe(0);
      output = done.output;
      if (!(await onDisk('membership.members', CANARY))) break;
      await new Promise((resume) => setTimeout(resume, 500));
    }
    expect(await onDisk('membership.members', CANARY)).toBe(false);
    expect(await onDisk('membership.members', CANARY.toLowerCase())).toBe(false);
    // The tombstone is still there: only dead versions went.
    expect((await owner.query('select status from membership.members where id = $1', [id])).rows).toEqual([
      { status: 'erased' },
    ]);
    // Every table of every schema, then the WAL.
    for (const table of [
      'membership.members',
      'membership.outbox',
      'events.attendance',
      'events.idempotency_keys',
      'tenants.accounts',
      'tenants.invitations',
      'reporting.inbox',
    ])
      expect(output).toContain(`Vacuumed ${table} (full)`);
    expect(output).toContain('Checkpoint made');
    expect(output).toMatch(/Maintenance done: \d+ table\(s\) vacuumed; checkpoint made\./);
  });

  it('says what it could not do and fails as a role that owns nothing (a service’s)', async () => {
    const { code, output } = await run({ MIGRATION_DATABASE_URL: db.urlFor('events') });
    expect(code).toBe(1);
    expect(output).toMatch(/Not vacuumed: events\.attendance: role "?hearth_\w*"? does not own it/);
    expect(output).toContain('Not permitted to make a checkpoint');
    expect(output).toMatch(/Maintenance incomplete: 0 table\(s\) vacuumed, \d+ not; no checkpoint/);
  });

  it('fails when the database cannot be reached', async () => {
    await expect(run({ MIGRATION_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/hearth' })).rejects.toThrow(
      /Could not connect to postgres:\/\/nobody@127\.0\.0\.1:1\/hearth/,
    );
  });
});
