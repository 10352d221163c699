import { rmSync } from 'node:fs';
import { freshDatabase, startDistributed, type BenchDatabase, type DistributedProcesses } from './lib/hearth';
import { seedLeros } from './lib/seed';
import { checkInLoad, doorSessions } from './scenarios/check-in';
import { runLoad } from './lib/load';

/**
 * `node dist/bench/profile.js [seconds] [read-tenant|read-member|check-in]`: Hearth in distributed mode with every process
 * under --cpu-prof (profiles in ./bench-results/profiles), loaded with one scenario at 10 connections.
 */
async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 10);
  const dir = `${process.cwd()}/bench-results/profiles`;
  rmSync(dir, { recursive: true, force: true });
  process.env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${dir} -r ${__dirname}/lib/exit-on-signal.js`;
  const db = await freshDatabase();
  const hearth = await startDistributed(db);
  delete process.env.NODE_OPTIONS;
  try {
    const scenario = process.argv[3] ?? 'read-tenant';
    const target =
      scenario === 'check-in'
        ? await checkInTarget(hearth, db)
        : scenario === 'read-member'
          ? await readMemberTarget(hearth, db)
          : await readTenantTarget(hearth);
    const result = await runLoad({ ...target, connections: 10, seconds });
    console.log(result);
  } finally {
    await hearth.stop();
  }
  console.log(`profiles in ${dir}`);
}

async function readTenantTarget(hearth: DistributedProcesses) {
  const admin = await hearth.given.platformAdmin();
  const region = await hearth.given.region(admin);
  const lero = await hearth.given.lero(region.id, admin);
  return {
    url: `${hearth.api.baseUrl}/api/v1/tenants/${lero.id}`,
    headers: { authorization: `Bearer ${lero.adminToken}` },
  };
}

async function readMemberTarget(hearth: DistributedProcesses, db: BenchDatabase) {
  const [lero] = await seedLeros(hearth, db, 1, 1000);
  return {
    url: `${hearth.api.baseUrl}/api/v1/tenants/${lero.id}/members/${lero.memberIds[500]}`,
    headers: { authorization: `Bearer ${lero.adminToken}` },
  };
}

async function checkInTarget(hearth: DistributedProcesses, db: BenchDatabase) {
  const [lero] = await seedLeros(hearth, db, 1, 2000);
  const sessions = await doorSessions(hearth, lero, 10);
  return {
    url: `${hearth.api.baseUrl}/api/v1/tenants/${lero.id}`,
    headers: { authorization: `Bearer ${lero.adminToken}` },
    items: checkInLoad(lero, sessions).items,
  };
}

void main();
