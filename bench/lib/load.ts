import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Every request different (paths and bodies rotated), e.g. check-ins over many sessions × members. */
  items?: { method: 'GET' | 'POST'; path: string; body?: string }[];
}

/**
 * Drives load with autocannon in its own process (it needs ~100 µs of CPU per request: on 2 cores, keep it
 * out of the measured process).
 */
let itemRuns = 0;

export function runLoad(opts: LoadOptions): Promise<LoadResult> {
  let args: string[];
  if (opts.items) {
    const file = join(mkdtempSync(join(tmpdir(), 'hearth-load-')), 'config.json');
    const { origin, pathname } = new URL(opts.url);
    // Each run starts in its own eighth of the list, so successive runs (warm-up, rounds) make new writes.
    const offset = (itemRuns++ % 8) * Math.floor(opts.items.length / 8);
    const rotated = [...opts.items.slice(offset), ...opts.items.slice(0, offset)];
    const items = rotated.map((i) => ({ ...i, path: `${pathname.replace(/\/$/, '')}${i.path}` }));
    writeFileSync(
      file,
      JSON.stringify({
        url: origin,
        connections: opts.connections,
        seconds: opts.seconds,
        headers: { 'content-type': 'application/json', ...opts.headers },
        items,
      }),
    );
    args = [join(__dirname, 'load-worker.js'), file];
  } else {
    args = [
      require.resolve('autocannon/autocannon.js'),
      '-j',
      '-c',
      String(opts.connections),
      '-d',
      String(opts.seconds),
    ];
    for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`);
    if (opts.method) args.push('-m', opts.method);
    args.push(opts.url);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err}`));
      const r = JSON.parse(out) as {
        requests: { average: number };
        latency: { p50: number; p99: number };
        errors: number;
        non2xx: number;
      };
      resolve({
        rps: r.requests.average,
        p50Ms: r.latency.p50,
        p99Ms: r.latency.p99,
        errors: r.errors,
        non2xx: r.non2xx,
      });
    });
  });
}
