import { runLoad, type LoadOptions, type LoadResult } from './load';
import { figure, round, type Figure } from './stats';

export interface BenchConfig {
  quick: boolean;
  seconds: number;
  warmupSeconds: number;
  rounds: number;
}

/** One line of bench-results/latest.json. */
export interface BenchRow {
  name: string;
  connections?: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  ratio: number | null;
  baseline?: { name: string; rps: number; p50Ms: number; p99Ms: number };
  spread?: { rps: Figure; p99Ms: Figure; ratio: Figure };
  note?: string;
}

/** One side measured against a shared baseline: its row's name and what it loads. */
export interface Contender {
  name: string;
  load: Omit<LoadOptions, 'connections' | 'seconds'>;
}

/**
 * Runs Hearth and its baseline back to back in every round, so their ratio holds on a noisy machine, and
 * reports the median of the rounds with min and max.
 */
export async function compareLoad(
  config: BenchConfig,
  name: string,
  baselineName: string,
  connections: number,
  hearth: Omit<LoadOptions, 'connections' | 'seconds'>,
  baseline: Omit<LoadOptions, 'connections' | 'seconds'>,
): Promise<BenchRow> {
  const [row] = await compareMany(config, baselineName, connections, baseline, [{ name, load: hearth }]);
  return row;
}

/**
 * Several contenders against one baseline: each round measures the baseline once, then each contender, and each
 * contender's ratio is to that round's baseline — a row per contender, as `compareLoad` would give it, at a
 * fraction of the time when they share a baseline (the full run stays under the 12 minutes).
 */
export async function compareMany(
  config: BenchConfig,
  baselineName: string,
  connections: number,
  baseline: Omit<LoadOptions, 'connections' | 'seconds'>,
  contenders: Contender[],
): Promise<BenchRow[]> {
  await runLoad({ ...baseline, connections, seconds: config.warmupSeconds });
  for (const c of contenders) await runLoad({ ...c.load, connections, seconds: config.warmupSeconds });
  const b: LoadResult[] = [];
  const h: LoadResult[][] = contenders.map(() => []);
  for (let i = 0; i < config.rounds; i++) {
    b.push(await runLoad({ ...baseline, connections, seconds: config.seconds }));
    for (const [j, c] of contenders.entries())
      h[j].push(await runLoad({ ...c.load, connections, seconds: config.seconds }));
  }
  // A baseline that fails is fast for nothing: say so, or its ratio misleads.
  const baselineFailures = b.reduce((n, r) => n + r.errors + r.non2xx, 0);
  const base = {
    name: baselineName,
    rps: round(figure(b.map((r) => r.rps)).median),
    p50Ms: round(figure(b.map((r) => r.p50Ms)).median),
    p99Ms: round(figure(b.map((r) => r.p99Ms)).median),
  };
  return contenders.map((c, j) => {
    const failures = h[j].reduce((n, r) => n + r.errors + r.non2xx, 0);
    const notes = [
      failures ? `${failures} failed or non-2xx responses` : '',
      baselineFailures ? `baseline: ${baselineFailures} failed or non-2xx responses` : '',
    ].filter(Boolean);
    const ratios = h[j].map((r, i) => r.rps / b[i].rps);
    const rps = figure(h[j].map((r) => r.rps));
    const p99 = figure(h[j].map((r) => r.p99Ms));
    return {
      name: c.name,
      connections,
      rps: round(rps.median),
      p50Ms: round(figure(h[j].map((r) => r.p50Ms)).median),
      p99Ms: round(p99.median),
      ratio: round(figure(ratios).median, 2),
      baseline: base,
      spread: { rps, p99Ms: p99, ratio: figure(ratios.map((r) => round(r, 2))) },
      ...(notes.length ? { note: notes.join('; ') } : {}),
    };
  });
}
