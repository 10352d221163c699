import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchConfig, BenchRow } from '../lib/compare';
import { compareLoad } from '../lib/compare';
import { ADMIN, type BenchDatabase, type DistributedProcesses } from '../lib/hearth';
import { freePort, startApp, waitFor } from '../lib/processes';
import { startRawNatsServer, startRawServer } from '../lib/raw-server';
import type { SeededLero } from '../lib/seed';

const MEMBER_COLUMNS = `id, tenant_id, display_name, email, phone, community_roles, pathway, preferred_contact,
  consent_contact, consent_photos, consent_share_stories_anonymously, notes, status, joined_at, left_at`;

/**
 * `read-member` (distributed: gateway → NATS → membership → Postgres under RLS, the read audited) and
 * `read-member-standalone` (the same request through standalone mode on the same database), each against
 * `baseline-raw-read`: the same tenant-scoped SELECT by id on bare Fastify + pg.
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
  const raw = await startRawServer(db.ownerUrl, [
    {
      path: '/raw/members/:tenant/:id',
      sql: `select ${MEMBER_COLUMNS} from membership.members where tenant_id = $1 and id = $2`,
      params: (p) => [p.tenant, p.id],
    },
  ]);
  const baseline = { url: `${raw.url}/raw/members/${lero.id}/${memberId}` };
  const rows: BenchRow[] = [];
  try {
    for (const connections of [10, 50]) {
      rows.push(
        await compareLoad(
          config,
          'read-member',
          'baseline-raw-read',
          connections,
          { url: `${hearth.api.baseUrl}${path}`, headers },
          baseline,
        ),
      );
    }
    // The same read through a bare NATS hop: what the gateway → NATS → service shape costs by itself.
    const natsFloor = await startRawNatsServer(db.ownerUrl, hearth.natsUrl, {
      path: '/raw-nats/members/:tenant/:id',
      sql: `select ${MEMBER_COLUMNS} from membership.members where tenant_id = $1 and id = $2`,
      params: (p) => [p.tenant, p.id],
    });
    try {
      rows.push(
        await compareLoad(
          config,
          'baseline-nats-read',
          'baseline-raw-read',
          10,
          { url: `${natsFloor.url}/raw-nats/members/${lero.id}/${memberId}` },
          baseline,
        ),
      );
    } finally {
      await natsFloor.close();
    }
    // Standalone on the same database and signing key: the same token reads the same member.
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-bench-standalone-'));
    const port = await freePort();
    const standalone = startApp('standalone', {
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
    });
    try {
      await waitFor(`http://127.0.0.1:${port}/health/ready`, 60_000);
      rows.push(
        await compareLoad(
          config,
          'read-member-standalone',
          'baseline-raw-read',
          10,
          { url: `http://127.0.0.1:${port}${path}`, headers },
          baseline,
        ),
      );
    } finally {
      await standalone.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
    return rows;
  } finally {
    await raw.close();
  }
}
