import { rmSync } from 'node:fs';
import { freshDatabase, startDistributed } from './lib/hearth';
import { runLoad } from './lib/load';

/**
 * `node dist/bench/profile.js [seconds]`: Hearth in distributed mode with every process under --cpu-prof
 * (profiles in ./bench-results/profiles), loaded with read-tenant at 10 connections.
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
    const admin = await hearth.given.platformAdmin();
    const region = await hearth.given.region(admin);
    const lero = await hearth.given.lero(region.id, admin);
    const result = await runLoad({
      url: `${hearth.api.baseUrl}/api/v1/tenants/${lero.id}`,
      headers: { authorization: `Bearer ${lero.adminToken}` },
      connections: 10,
      seconds,
    });
    console.log(result);
  } finally {
    await hearth.stop();
  }
  console.log(`profiles in ${dir}`);
}

void main();
