import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@hearth/platform';
import { FAST_PASSWORD_HASHING } from '@hearth/testing';
import { StandaloneEnv, startStandalone, type RunningHearth } from '../../apps/standalone/src';
import { readLog, shellBlocks, walkthroughScript } from './walkthrough.util';

const ROOT = join(__dirname, '..', '..');
const DOC = 'docs/api.md';
const ADMIN = { email: 'admin@hearth.local', password: 'the walkthrough’s own passphrase' };
/*
 * Budget: the whole file takes about a minute on two cores shared with other test runs (56 s at a load of 12,
 * 73 s at 25): the standalone's start, then about 30 s for the walkthrough's 40 requests and Node helpers.
 */
const RUN_BUDGET_MS = 90_000;

function bash(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_BUDGET_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/**
 * The curl walkthrough of docs/api.md, run as it is written (its `sh` blocks in one bash, in a directory with
 * the page's example files) against a fresh standalone Hearth of this test's own, on a free port and a data
 * directory of its own. Every request must answer what the page says: a success, or the status its `# → NNN`
 * comment names. `WALKTHROUGH_PRINT=1` prints what the walkthrough printed.
 */
describe(`the walkthrough of ${DOC}`, () => {
  let dataDir: string;
  let dir: string;
  let hearth: RunningHearth | undefined;

  beforeAll(async () => {
    // Standalone's data directory as mkdtemp makes it (0700), and the walkthrough's own working directory.
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-walkthrough-data-'));
    dir = await mkdtemp(join(tmpdir(), 'hearth-walkthrough-'));
    const env = loadConfig(StandaloneEnv, {
      HEARTH_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'warn',
      HEARTH_ADMIN_EMAIL: ADMIN.email,
      HEARTH_ADMIN_PASSWORD: ADMIN.password,
    });
    hearth = await startStandalone(env, () => undefined, {}, { passwordHashCost: FAST_PASSWORD_HASHING });
  }, 120_000);

  afterAll(async () => {
    await hearth?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'runs end to end, every request answering as the page says',
    async () => {
      const prelude = await readFile(join(__dirname, 'walkthrough-prelude.sh'), 'utf8');
      const script = walkthroughScript(prelude, shellBlocks(await readFile(join(ROOT, DOC), 'utf8')), {
        HEARTH: hearth!.url,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
      });
      const work = join(dir, 'work');
      await mkdir(join(work, 'docs', 'examples'), { recursive: true });
      await copyFile(join(ROOT, 'docs/examples/members.csv'), join(work, 'docs/examples/members.csv'));
      const log = join(dir, 'requests.log');
      const expect_ = join(dir, 'expect');
      await writeFile(log, '');
      await writeFile(expect_, '');

      const run = await bash(script, work, {
        PATH: process.env.PATH,
        HOME: work,
        LC_ALL: 'C.UTF-8',
        WALKTHROUGH_LOG: log,
        WALKTHROUGH_EXPECT: expect_,
      });
      if (process.env.WALKTHROUGH_PRINT) process.stdout.write(run.out);
      const requests = readLog(await readFile(log, 'utf8'));
      const summary = requests.map((r) => `${r.status} (${r.expected}) ${r.url.replace(hearth!.url, '')}`);
      expect({ exit: run.code, tail: run.code === 0 ? '' : run.out.slice(-3000), requests: summary }).toEqual(
        {
          exit: 0,
          tail: '',
          requests: summary,
        },
      );
      // Every step ran: the walkthrough reaches the commissioner's report and the region's OpenActive feed (its
      // last request, ADR 0078), and the refusal it shows was refused.
      expect(requests.length).toBeGreaterThan(30);
      expect(requests.filter((r) => r.expected !== '2xx').map((r) => r.status)).toEqual(['409']);
      expect(requests.some((r) => r.url.includes('/reports/impact/chart.svg'))).toBe(true);
      expect(requests.at(-1)!.url).toContain('/openactive/scheduled-sessions?afterTimestamp=');
    },
    RUN_BUDGET_MS + 10_000,
  );
});
