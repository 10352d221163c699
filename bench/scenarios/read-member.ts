import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchConfig, BenchRow } from '../lib/compare';
import { compareLoad, compareMany } from '../lib/compare';
import { ADMIN, type BenchDatabase, type DistributedProcesses } from '../lib/hearth';
import { freePort, startApp, waitFor } from '../lib/processes';
import { uuidv7 } from 'uuidv7';
import { startRawNatsServer, startRawServer } from '../lib/raw-server';
import { rawGroupCommit } from '../lib/raw-group-commit';
import type { SeededLero } from '../lib/seed';

const AUDIT_COLUMNS = ['id', 'tenant_id', 'at', 'actor_account_id', 'action', 'member_id', 'details'];
const MEMBER_COLUMNS = `id, tenant_id, display_name, email, phone, community_roles, pathway, preferred_contact,
  consent_contact, consent_photos, consent_share_stories_anonymously, notes, status, joined_at, left_at`;

/**
 * `read-member` (distributed: gateway → NATS → membership → Postgres under RLS, the read audited) and
 * `read-member-standalone` (the same request through standalone mode on the same database), each against
 * `baseline-raw-read`: the same tenant-scoped SELECT by id on bare Fastify + pg. `baseline-raw-audited-read` is that
 * read plus the same audit INSERT, in one statement committed per read: its ratio to `baseline-raw-read` is the
 * audit's own cost (a commit flushed per read), the floor of any audited read.
 */
export async function readMember(
  config: BenchConfig,
  db: BenchDatabase,
  hearth: DistributedProcesses,
  leros: SeededLero[],
): Promise<BenchRow[]> {
  const lero = leros[0];
  const memberId = lero.memberIds[Math.floor(lero.memberIds.length / 2)];
  const path = `/api/v1/tenants/${lero.id}/members/${memberId}`;
  const headers = { authorization: `Bearer ${lero.adminToken}` };
  // Who reads, in the raw audited read's rows (the column holds an account id; no key refers to it).
  const actorAccountId = uuidv7();
  // The window of the raw group-commit floor: AUDIT_GROUP_COMMIT_MS when set (Hearth's own then uses it too), else 2.
  const groupCommitMs = Number(process.env.AUDIT_GROUP_COMMIT_MS) || 2;
  let writeGrouped: ((values: unknown[]) => Promise<void>) | undefined;
  const raw = await startRawServer(db.ownerUrl, [
    {
      path: '/raw/members/:tenant/:id',
      sql: `select ${MEMBER_COLUMNS} from membership.members where tenant_id = $1 and id = $2`,
      params: (p) => [p.tenant, p.id],
    },
    {
      // The read and its audit row as membership writes them (members.repository.ts `readAudited`).
      path: '/raw/audited-members/:tenant/:id',
      sql: `with m as (select ${MEMBER_COLUMNS} from membership.members where tenant_id = $1 and id = $2),
        a as (insert into membership.audit_entries (id, tenant_id, at, actor_account_id, action, member_id, details)
          select $3::uuid, m.tenant_id, now(), $4::uuid, 'member.read', m.id, jsonb_build_object('memberId', m.id)
          from m)
        select * from m`,
      params: (p) => [p.tenant, p.id, uuidv7(), actorAccountId],
    },
    {
      // The same read, its audit row group-committed (ADR 0090): the floor of that mechanism on this machine.
      path: '/raw/grouped-audited-members/:tenant/:id',
      handle: async (pool, p) => {
        const { rows } = await pool.query(
          `select ${MEMBER_COLUMNS} from membership.members where tenant_id = $1 and id = $2`,
          [p.tenant, p.id],
        );
        writeGrouped ??= rawGroupCommit(pool, 'membership.audit_entries', AUDIT_COLUMNS, groupCommitMs);
        await writeGrouped([
          uuidv7(),
          p.tenant,
          new Date(),
          actorAccountId,
          'member.read',
          p.id,
          { memberId: p.id },
        ]);
        return rows[0];
      },
    },
  ]);
  const baseline = { url: `${raw.url}/raw/members/${lero.id}/${memberId}` };
  const rows: BenchRow[] = [];
  let natsFloor: Awaited<ReturnType<typeof startRawNatsServer>> | undefined;
  let standalone: Awaited<ReturnType<typeof startStandalone>> | undefined;
  try {
    // The same read through a bare NATS hop: what the gateway → NATS → service shape costs by itself.
    natsFloor = await startRawNatsServer(db.ownerUrl, hearth.natsUrl, {
      path: '/raw-nats/members/:tenant/:id',
      sql: `select ${MEMBER_COLUMNS} from membership.members where tenant_id = $1 and id = $2`,
      params: (p) => [p.tenant, p.id],
    });
    // Standalone on the same database and signing key: the same token reads the same member.
    standalone = await startStandalone(db, hearth);
    // Everything at 10 connections against one baseline-raw-read per round (each ratio to its round's baseline).
    const [distributed, ...others] = await compareMany(config, 'baseline-raw-read', 10, baseline, [
      { name: 'read-member', load: { url: `${hearth.api.baseUrl}${path}`, headers } },
      // The audit's own cost: the same raw read with its audit row committed per read.
      {
        name: 'baseline-raw-audited-read',
        load: { url: `${raw.url}/raw/audited-members/${lero.id}/${memberId}` },
      },
      {
        name: 'baseline-raw-grouped-audited-read',
        load: { url: `${raw.url}/raw/grouped-audited-members/${lero.id}/${memberId}` },
      },
      {
        name: 'baseline-nats-read',
        load: { url: `${natsFloor.url}/raw-nats/members/${lero.id}/${memberId}` },
      },
      { name: 'read-member-standalone', load: { url: `${standalone.url}${path}`, headers } },
    ]);
    rows.push(
      distributed,
      await compareLoad(
        config,
        'read-member',
        'baseline-raw-read',
        50,
        { url: `${hearth.api.baseUrl}${path}`, headers },
        baseline,
      ),
      ...others,
    );
    // With AUDIT_GROUP_COMMIT_MS set (ADR 0090): the same standalone with group commit off, as the baseline of the
    // one above, in the same run.
    if (Number(process.env.AUDIT_GROUP_COMMIT_MS) > 0) {
      const off = await startStandalone(db, hearth, { AUDIT_GROUP_COMMIT_MS: '0' });
      try {
        rows.push(
          await compareLoad(
            config,
            `read-member-standalone-group-commit-${process.env.AUDIT_GROUP_COMMIT_MS}ms`,
            'read-member-standalone-group-commit-off',
            10,
            { url: `${standalone.url}${path}`, headers },
            { url: `${off.url}${path}`, headers },
          ),
        );
        // Failed requests on either side: what each process logged (warnings and errors only).
        if (rows[rows.length - 1].note)
          for (const [side, app] of [
            ['on', standalone],
            ['off', off],
          ] as const)
            console.error(`standalone, group commit ${side}:\n${app.output().slice(-4000)}`);
      } finally {
        await off.stop();
      }
    }
    return rows;
  } finally {
    await standalone?.stop();
    await natsFloor?.close();
    await raw.close();
  }
}

/** Standalone on the bench's database and signing key, ready; `stop` removes its data directory. */
export async function startStandalone(
  db: BenchDatabase,
  hearth: DistributedProcesses,
  env: Record<string, string> = {},
): Promise<{ url: string; stop(): Promise<void>; output(): string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-bench-standalone-'));
  const port = await freePort();
  const app = startApp('standalone', {
    HEARTH_DATA_DIR: dataDir,
    PORT: String(port),
    // The owner, and the services' roles the distributed processes use (standalone would otherwise make its own).
    DATABASE_URL: db.ownerUrl,
    ...db.serviceUrlEnv,
    JWT_PRIVATE_KEY: hearth.privatePem,
    TOTP_ENCRYPTION_KEY: hearth.totpKey,
    ACCESS_TOKEN_TTL: '900',
    HEARTH_ADMIN_EMAIL: ADMIN.email,
    HEARTH_ADMIN_PASSWORD: ADMIN.password,
    NATS_URL: '',
    ...env,
  });
  const stop = async () => {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`http://127.0.0.1:${port}/health/ready`, 60_000);
  } catch (err) {
    console.error(`standalone did not start:\n${app.output().slice(-4000)}`);
    await stop();
    throw err;
  }
  return { url: `http://127.0.0.1:${port}`, stop, output: app.output };
}
