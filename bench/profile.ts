import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { freshDatabase, startDistributed, type BenchDatabase, type DistributedProcesses } from './lib/hearth';
import { seedLeros } from './lib/seed';
import { checkInLoad, doorSessions } from './scenarios/check-in';
import { runLoad } from './lib/load';
import { DEBT, LEEDS, seedDirectory } from './scenarios/directory-search';
import { loadPostcodes } from '../apps/directory/src';
import { Client } from 'pg';

/**
 * `node dist/bench/profile.js [seconds] [read-tenant|read-member|check-in|directory-search] [--cpu-share]`: Hearth in
 * distributed mode with every process under --cpu-prof (profiles in ./bench-results/profiles), loaded with
 * one scenario at 10 connections. With `--cpu-share`, no profiler: it prints the CPU time each process on
 * the machine spent during the load (from /proc), per request — where the two cores actually go.
 */
async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 10);
  const dir = `${process.cwd()}/bench-results/profiles`;
  const cpuShare = process.argv.includes('--cpu-share');
  rmSync(dir, { recursive: true, force: true });
  if (!cpuShare)
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
          : scenario.startsWith('directory-search')
            ? await directorySearchTarget(hearth, db, scenario)
            : await readTenantTarget(hearth);
    const before = cpuByProcess();
    const result = await runLoad({ ...target, connections: 10, seconds });
    const after = cpuByProcess();
    console.log(result);
    if (cpuShare) printCpuShare(before, after, result.rps * seconds);
  } finally {
    await hearth.stop();
  }
  console.log(`profiles in ${dir}`);
}

/** CPU seconds (user + system) of every process, by pid, with a name that says what it is. */
function cpuByProcess(): Map<number, { name: string; seconds: number; system: number }> {
  const out = new Map<number, { name: string; seconds: number; system: number }>();
  const tick = 100; // USER_HZ on Linux
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / tick;
      const system = Number(fields[12]) / tick;
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const app = cmd.find((c) => /dist\/apps\/[^/]+\/src\/main\.js$/.test(c));
      const name = app
        ? app.replace(/.*dist\/apps\/([^/]+)\/.*/, 'hearth $1')
        : cmd.some((c) => c.includes('autocannon') || c.includes('load-worker'))
          ? 'autocannon (load)'
          : (cmd[0] ?? '').startsWith('postgres')
            ? 'postgres'
            : (cmd[0] ?? entry).split('/').pop()!;
      out.set(Number(entry), { name, seconds, system });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

function printCpuShare(
  before: Map<number, { name: string; seconds: number; system: number }>,
  after: Map<number, { name: string; seconds: number; system: number }>,
  requests: number,
): void {
  const byName = new Map<string, { cpu: number; system: number }>();
  for (const [pid, { name, seconds, system }] of after) {
    const was = before.get(pid);
    const spent = seconds - (was?.seconds ?? 0);
    if (spent <= 0) continue;
    const sum = byName.get(name) ?? { cpu: 0, system: 0 };
    sum.cpu += spent;
    sum.system += system - (was?.system ?? 0);
    byName.set(name, sum);
  }
  const rows = [...byName.entries()]
    .filter(([, s]) => s.cpu >= 0.05)
    .sort((a, b) => b[1].cpu - a[1].cpu)
    .map(([name, s]) => ({
      process: name,
      'cpu s': +s.cpu.toFixed(2),
      'of which kernel': `${Math.round((100 * s.system) / s.cpu)} %`,
      'cpu ms / request': +((s.cpu * 1000) / requests).toFixed(3),
    }));
  console.table(rows);
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

/** `directory-search` (`search=debt`), `directory-search:taxonomy` or `directory-search:postcode`. */
async function directorySearchTarget(hearth: DistributedProcesses, db: BenchDatabase, scenario: string) {
  const admin = await hearth.given.platformAdmin();
  const region = await hearth.given.region(admin);
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    await seedDirectory(owner, region.id);
    await loadPostcodes(owner, LEEDS);
  } finally {
    await owner.end();
  }
  const query = scenario.endsWith(':taxonomy')
    ? `taxonomy_term_id=${DEBT}`
    : scenario.endsWith(':postcode')
      ? 'postcode=LS1%204AP&proximity=3000'
      : 'search=debt';
  return { url: `${hearth.api.baseUrl}/api/v1/public/regions/${region.slug}/oruk/services?${query}` };
}

void main();
