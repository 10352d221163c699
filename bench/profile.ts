import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { freshDatabase, startDistributed, type BenchDatabase, type DistributedProcesses } from './lib/hearth';
import { seedLeros } from './lib/seed';
import { checkInLoad, doorSessions } from './scenarios/check-in';
import { runLoad } from './lib/load';
import { DEBT, seedDirectoryRegion } from './scenarios/directory-search';
import { responsesLoad } from './scenarios/consultation-responses';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { freePort, startApp, waitFor, type AppProcess } from './lib/processes';
import { printProfileShares, type ProfileWindow } from './lib/profile-shares';
import { startStandalone } from './scenarios/read-member';
import { awaitRelease, seedRegion, yearReportUrl } from './scenarios/regional-report';

/**
 * `node dist/bench/profile.js [seconds] [scenario] [--connections=N] [--cpu-share]`: Hearth in distributed mode with
 * every process under --cpu-prof (profiles in ./bench-results/profiles), loaded with one scenario (read-tenant,
 * read-member, read-member-standalone, check-in, web-member, directory-search[:taxonomy|:postcode],
 * consultation-responses, regional-report) at 10 connections (regional-report: 1, as its bench); it prints, per app,
 * the share of the samples spent in Hearth's own code, the frameworks', Node's and the kernel's socket writes. With
 * `--cpu-share`, no profiler: it prints the CPU time each process on the machine spent during the load (from /proc),
 * per request — where the two cores actually go.
 */
async function main(): Promise<void> {
  const [secondsArg, scenarioArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const seconds = Number(secondsArg ?? 10);
  const scenario = scenarioArg ?? 'read-tenant';
  const connectionsArg = process.argv.find((a) => a.startsWith('--connections='))?.split('=')[1];
  const dir = `${process.cwd()}/bench-results/profiles`;
  const cpuShare = process.argv.includes('--cpu-share');
  rmSync(dir, { recursive: true, force: true });
  const profiling = cpuShare ? '' : `--cpu-prof --cpu-prof-dir=${dir} -r ${__dirname}/lib/exit-on-signal.js`;
  if (profiling) process.env.NODE_OPTIONS = profiling;
  const db = await freshDatabase();
  const hearth = await startDistributed(db);
  // The web app too, for the page a coordinator reads (it renders from the gateway's answers).
  const web = scenario === 'web-member' ? await startWeb(hearth.api.baseUrl) : undefined;
  delete process.env.NODE_OPTIONS;
  let window: ProfileWindow | undefined;
  let standalone: Awaited<ReturnType<typeof startStandalone>> | undefined;
  try {
    const target =
      scenario === 'check-in'
        ? await checkInTarget(hearth, db)
        : scenario === 'read-member'
          ? await readMemberTarget(hearth, db)
          : scenario === 'read-member-standalone'
            ? await readMemberTarget(hearth, db, async () => {
                // Standalone on the same database, profiled as the others; the distributed processes idle.
                if (profiling) process.env.NODE_OPTIONS = profiling;
                standalone = await startStandalone(db, hearth);
                delete process.env.NODE_OPTIONS;
                return standalone.url;
              })
            : scenario === 'web-member'
              ? await webMemberTarget(hearth, db, web)
              : scenario === 'consultation-responses'
                ? await responsesLoad(hearth, db)
                : scenario === 'regional-report'
                  ? await regionalReportTarget(hearth, db)
                  : scenario.startsWith('directory-search')
                    ? await directorySearchTarget(hearth, db, scenario)
                    : await readTenantTarget(hearth);
    const connections = Number(connectionsArg ?? ('connections' in target ? target.connections : 10));
    const before = cpuByProcess();
    const started = monotonicUs();
    const result = await runLoad({ ...target, connections, seconds });
    // The load's window, half a second in from each end (the load's start and end).
    window = { fromUs: started + 5e5, toUs: monotonicUs() - 5e5 };
    const after = cpuByProcess();
    // The window too, for a closer look at the profiles (their sample times are on the same clock).
    console.log({ scenario, connections, ...result, window });
    if (cpuShare) printCpuShare(before, after, result.rps * seconds);
  } finally {
    await standalone?.stop();
    await web?.process.stop();
    await hearth.stop();
  }
  // Whose code the time went to, per app: Hearth's own, the frameworks', Node's, the kernel's writes.
  if (!cpuShare && window) printProfileShares(dir, window);
  console.log(`profiles in ${dir}`);
}

/** Now on the monotonic clock, in µs: the clock of `--cpu-prof`'s sample times. */
function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * CPU seconds (user + system) of every process, by pid, with a name that says what it is. Other work shares the
 * machine (other benches run Hearth's apps too): a process neither this run started nor PostgreSQL or nats-server
 * (which serve every run) is counted as "other work on the machine".
 */
function cpuByProcess(): Map<number, { name: string; seconds: number; system: number }> {
  const out = new Map<number, { name: string; seconds: number; system: number }>();
  const parents = new Map<number, number>();
  const tick = 100; // USER_HZ on Linux
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
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
  const ours = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parents.get(p) ?? 0, hops++)
      if (p === process.pid) return true;
    return false;
  };
  for (const [pid, sample] of out)
    if (!ours(pid) && sample.name !== 'postgres' && sample.name !== 'nats-server')
      sample.name = 'other work on the machine';
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

async function startWeb(apiUrl: string): Promise<{ url: string; process: AppProcess }> {
  const port = await freePort();
  const web = startApp('web', {
    API_URL: apiUrl,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    ALLOW_INSECURE_LOOPBACK_COOKIES: 'true',
    PORT: String(port),
    HOST: '127.0.0.1',
    HEALTH_PORT: String(await freePort()),
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/health/ready`);
  } catch (err) {
    await web.stop();
    throw new Error(`${String(err)}\n${web.output()}`, { cause: err });
  }
  return { url, process: web };
}

/** A coordinator's page of one member, through the web app: web → gateway → NATS → membership → Postgres. */
async function webMemberTarget(
  hearth: DistributedProcesses,
  db: BenchDatabase,
  web: { url: string } | undefined,
) {
  if (!web) throw new Error('the web app did not start');
  const [lero] = await seedLeros(hearth, db, 1, 1000);
  // A coordinator: an admin's pages wait for two-factor sign-in to be set up first.
  const coordinator = await hearth.given.tenantUser(lero.id, 'coordinator', lero.adminToken);
  // Signs in as a browser without JavaScript does: the form's CSRF token and the session cookie, then the form.
  const cookies = new Map<string, string>();
  const send = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${web.url}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader(), origin: web.url },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return { status: res.status, html: await res.text() };
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = await send('/sign-in');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.html)?.[1] ?? '';
  const signedIn = await send('/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      email: coordinator.email,
      password: 'correct horse battery staple',
      _csrf: csrf,
    }).toString(),
  });
  const path = `/leros/${lero.id}/members/${lero.memberIds[500]}`;
  const check = await send(path);
  if (signedIn.status !== 303 || check.status !== 200)
    throw new Error(`web sign-in ${signedIn.status}, member page ${check.status}`);
  return { url: `${web.url}${path}`, headers: { cookie: cookieHeader() } };
}

/** A member read through the gateway, or through the server `via` starts (standalone) once the LERO is seeded. */
async function readMemberTarget(
  hearth: DistributedProcesses,
  db: BenchDatabase,
  via?: () => Promise<string>,
) {
  const [lero] = await seedLeros(hearth, db, 1, 1000);
  const baseUrl = via ? await via() : hearth.api.baseUrl;
  return {
    url: `${baseUrl}/api/v1/tenants/${lero.id}/members/${lero.memberIds[500]}`,
    headers: { authorization: `Bearer ${lero.adminToken}` },
  };
}

/** A region's released year by LERO, as regional-report's bench reads it (a smaller region: 40 LEROs), at 1 connection. */
async function regionalReportTarget(hearth: DistributedProcesses, db: BenchDatabase) {
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  let regionId: string;
  try {
    regionId = await seedRegion(owner, 40, 7);
    await awaitRelease(owner, regionId);
  } finally {
    await owner.end();
  }
  const admin = await hearth.given.platformAdmin();
  const target = {
    url: yearReportUrl(hearth.api.baseUrl, regionId),
    headers: { authorization: `Bearer ${admin}` },
  };
  const res = await fetch(target.url, { headers: target.headers });
  if (res.status !== 200) throw new Error(`report: ${res.status} ${await res.text()}`);
  return { ...target, connections: 1 };
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
  const region = await seedDirectoryRegion(db, hearth);
  const query = scenario.endsWith(':taxonomy')
    ? `taxonomy_term_id=${DEBT}`
    : scenario.endsWith(':postcode')
      ? 'postcode=LS1%204AP&proximity=3000'
      : 'search=debt';
  return { url: `${hearth.api.baseUrl}/api/v1/public/regions/${region.slug}/oruk/services?${query}` };
}

void main();
