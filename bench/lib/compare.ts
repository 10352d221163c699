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
  await runLoad({ ...baseline, connections, seconds: config.warmupSeconds });
  await runLoad({ ...hearth, connections, seconds: config.warmupSeconds });
  const h: LoadResult[] = [];
  const b: LoadResult[] = [];
  for (let i = 0; i < config.rounds; i++) {
    b.push(await runLoad({ ...baseline, connections, seconds: config.seconds }));
    h.push(await runLoad({ ...hearth, connections, seconds: config.seconds }));
  }
  const failures = h.reduce((n, r) => n + r.errors + r.non2xx, 0);
  // A baseline that fails is fast for nothing: say so, or its ratio misleads.
  const baselineFailures = b.reduce((n, r) => n + r.errors + r.non2xx, 0);
  const notes = [
    failures ? `${failures} failed or non-2xx responses` : '',
    baselineFailures ? `baseline: ${baselineFailures} failed or non-2xx responses` : '',
  ].filter(Boolean);
  const ratios = h.map((r, i) => r.rps / b[i].rps);
  const rps = figure(h.map((r) => r.rps));
  const p99 = figure(h.map((r) => r.p99Ms));
  return {
    name,
    connections,
    rps: round(rps.median),
    p50Ms: round(figure(h.map((r) => r.p50Ms)).median),
    p99Ms: round(p99.median),
    ratio: round(figure(ratios).median, 2),
    baseline: {
      name: baselineName,
      rps: round(figure(b.map((r) => r.rps)).median),
      p50Ms: round(figure(b.map((r) => r.p50Ms)).median),
      p99Ms: round(figure(b.map((r) => r.p99Ms)).median),
    },
    spread: { rps, p99Ms: p99, ratio: figure(ratios.map((r) => round(r, 2))) },
    ...(notes.length ? { note: notes.join('; ') } : {}),
  };
}
