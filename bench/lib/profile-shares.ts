import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One `.cpuprofile` as written by `node --cpu-prof`. */
interface CpuProfile {
  /** µs on the monotonic clock (`process.hrtime`'s), as every sample's time: `startTime` plus its deltas so far. */
  startTime: number;
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

// Package name prefixes (`@nestjs/core`, `pino-http`, `pg-protocol` …).
const FRAMEWORK =
  /^(@nestjs\/|rxjs|fastify|@fastify\/|find-my-way|avvio|light-my-request|passport|pino|@pinojs\/|helmet|nestjs-cls|nestjs-pino|reflect-metadata|fast-json-stringify|fast-querystring|secure-json-parse)/;
const DATABASE = /^(pg|postgres-|@mikro-orm\/|kysely)/;

/** Whose code a sampled frame is: Hearth's own (`dist/`), a group of libraries, Node's, or native. */
function categoryOf(functionName: string, url: string): string {
  if (url.includes('node_modules/')) {
    const path = url.split('node_modules/').pop()!;
    const pkg = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0];
    if (FRAMEWORK.test(pkg)) return 'web framework (Nest, fastify, passport, pino, helmet, rxjs)';
    if (DATABASE.test(pkg)) return 'PostgreSQL client / ORM';
    if (pkg.startsWith('@nats-io/')) return 'NATS client';
    if (/^(class-validator|class-transformer|validator)$/.test(pkg))
      return 'validation (class-validator/transformer)';
    if (/^(prom-client|@opentelemetry\/)/.test(pkg)) return 'metrics / tracing';
    return 'other libraries';
  }
  if (url.includes('/dist/')) return "Hearth's own code (dist/apps, dist/libs)";
  if (url.startsWith('node:')) return 'Node.js internals (http, streams, crypto, timers)';
  if (functionName === 'writeBuffer' || functionName === 'writeUtf8String' || functionName === 'writev')
    return 'socket writes (native)';
  if (functionName === '(garbage collector)') return 'garbage collector';
  return 'other native / V8';
}

/** A stretch of the monotonic clock, in µs (`process.hrtime.bigint() / 1000n`), the same clock as a profile's. */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

/**
 * The share of each kind of code in a profile's samples within `window` (the load, timed by the process that ran it:
 * a process's start-up and its stop, however long either takes, fall outside it), idle excluded.
 */
export function profileShares(profile: CpuProfile, window: ProfileWindow): Map<string, number> {
  const at: number[] = [];
  let elapsed = profile.startTime;
  for (const delta of profile.timeDeltas) at.push((elapsed += delta));
  const { fromUs: from, toUs: to } = window;
  const spent = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    if (at[i] >= from && at[i] <= to) spent.set(id, (spent.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const shares = new Map<string, number>();
  let total = 0;
  for (const { id, callFrame } of profile.nodes) {
    const us = spent.get(id) ?? 0;
    if (!us || callFrame.functionName === '(idle)') continue;
    total += us;
    const category = categoryOf(callFrame.functionName, callFrame.url);
    shares.set(category, (shares.get(category) ?? 0) + us);
  }
  for (const [category, us] of shares) shares.set(category, us / total);
  return shares;
}

/** Each Hearth app's profile in `dir` (named by its `main.js`), as a table of shares. */
export function printProfileShares(dir: string, window: ProfileWindow): void {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const app = /dist\/apps\/([a-z-]+)\/src\/main\.js/.exec(text)?.[1] ?? file;
    const shares = [...profileShares(JSON.parse(text) as CpuProfile, window)].sort((a, b) => b[1] - a[1]);
    if (!shares.length) continue;
    console.log(`${app} (${file}): whose code ran, share of the busy samples during the load`);
    console.table(shares.map(([code, share]) => ({ code, share: `${(100 * share).toFixed(1)} %` })));
  }
}
