import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { LoadJob } from './load-worker';

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
  items?: {
    method: 'GET' | 'POST';
    path: string;
    body?: string;
    /** Over the run's headers for this request only (each respondent their own token, say). */
    headers?: Record<string, string>;
  }[];
}

/**
 * Drives load with autocannon in its own process (it needs ~100 µs of CPU per request: on 2 cores, keep it
 * out of the measured process). One worker serves every run, so no run pays for starting Node.
 */
let itemRuns = 0;
let worker: ChildProcess | undefined;
let nextId = 0;
const pending = new Map<number, (answer: { error?: string; result?: AutocannonResult }) => void>();

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}

function loadWorker(): ChildProcess {
  if (worker) return worker;
  const child = fork(join(__dirname, 'load-worker.js'), [], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  child.on('message', ({ id, ...answer }: { id: number; error?: string; result?: AutocannonResult }) => {
    pending.get(id)?.(answer);
    pending.delete(id);
    // Idle: let the bench exit without stopping the worker.
    if (pending.size === 0) child.channel?.unref();
  });
  child.on('exit', (code) => {
    worker = undefined;
    for (const [id, answer] of pending) {
      answer({ error: `the load worker exited ${code}` });
      pending.delete(id);
    }
  });
  child.unref();
  worker = child;
  return child;
}

export function runLoad(opts: LoadOptions): Promise<LoadResult> {
  // Only with a body: Fastify answers 400 to a JSON content type with an empty body (a raw baseline's bare POST).
  const json = opts.items?.some((i) => i.body !== undefined);
  const headers = { ...(json ? { 'content-type': 'application/json' } : {}), ...opts.headers };
  let job: LoadJob;
  if (opts.items) {
    const { origin, pathname } = new URL(opts.url);
    // Each run starts in its own eighth of the list, so successive runs (warm-up, rounds) make new writes.
    const offset = (itemRuns++ % 8) * Math.floor(opts.items.length / 8);
    const rotated = [...opts.items.slice(offset), ...opts.items.slice(0, offset)];
    const items = rotated.map((i) => ({ ...i, path: `${pathname.replace(/\/$/, '')}${i.path}` }));
    job = { url: origin, connections: opts.connections, seconds: opts.seconds, headers, items };
  } else {
    job = {
      url: opts.url,
      connections: opts.connections,
      seconds: opts.seconds,
      headers,
      method: opts.method,
    };
  }
  const child = loadWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, ({ error, result }) => {
      if (error || !result) return reject(new Error(`autocannon failed: ${error}`));
      resolve({
        rps: result.requests.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        errors: result.errors,
        non2xx: result.non2xx,
      });
    });
    child.channel?.ref();
    child.send({ id, job });
  });
}
