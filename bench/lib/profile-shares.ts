import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One `.cpuprofile` as written by `node --cpu-prof`. */
interface CpuProfile {
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

/**
 * The share of each kind of code in a profile's samples over its last `seconds` (the load: the profile ends 1.5 s
 * or so after it, at the process's stop), idle excluded.
 */
export function profileShares(profile: CpuProfile, seconds: number): Map<string, number> {
  const at: number[] = [];
  let elapsed = 0;
  for (const delta of profile.timeDeltas) at.push((elapsed += delta));
  const from = elapsed - (seconds + 1.5) * 1e6;
  const to = elapsed - 1.5e6;
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
export function printProfileShares(dir: string, seconds: number): void {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const app = /dist\/apps\/([a-z-]+)\/src\/main\.js/.exec(text)?.[1] ?? file;
    const shares = [...profileShares(JSON.parse(text) as CpuProfile, seconds)].sort((a, b) => b[1] - a[1]);
    if (!shares.length) continue;
    console.log(`${app} (${file}): whose code ran, share of the busy samples during the load`);
    console.table(shares.map(([code, share]) => ({ code, share: `${(100 * share).toFixed(1)} %` })));
  }
}
