import type { BenchConfig, BenchRow } from '../lib/compare';
import { compareLoad } from '../lib/compare';
import type { BenchDatabase, DistributedProcesses } from '../lib/hearth';
import { startRawServer } from '../lib/raw-server';

/**
 * `read-tenant`: GET /api/v1/tenants/{id} as that LERO's admin, through gateway → NATS → tenants →
 * Postgres, against the same SELECT by id on bare Fastify + pg (`baseline-raw-read-tenant`).
 */
export async function readTenant(
  config: BenchConfig,
  db: BenchDatabase,
  hearth: DistributedProcesses,
): Promise<BenchRow[]> {
  const admin = await hearth.given.platformAdmin();
  const region = await hearth.given.region(admin);
  const leros = [];
  for (let i = 0; i < (config.quick ? 1 : 20); i++) leros.push(await hearth.given.lero(region.id, admin));
  const target = leros[0];
  const raw = await startRawServer(db.serviceUrls.tenants, [
    {
      path: '/raw/tenants/:id',
      sql: `select id, region_id, name, slug, status, reporting_visibility, contact_email, created_at, updated_at
            from tenants.tenants where id = $1`,
      params: (p) => [p.id],
    },
  ]);
  try {
    const rows: BenchRow[] = [];
    for (const connections of [10, 50]) {
      rows.push(
        await compareLoad(
          config,
          'read-tenant',
          'baseline-raw-read-tenant',
          connections,
          {
            url: `${hearth.api.baseUrl}/api/v1/tenants/${target.id}`,
            headers: { authorization: `Bearer ${target.adminToken}` },
          },
          { url: `${raw.url}/raw/tenants/${target.id}` },
        ),
      );
    }
    return rows;
  } finally {
    await raw.close();
  }
}
