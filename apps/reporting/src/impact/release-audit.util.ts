import { REPORT_METRICS, type ReportCell } from '@hearth/contracts';
import { firstDerivable, type AuditCell, type AuditTarget } from '../disclosure/derivation-audit';
import type { ControlCell, ControlTable, DisclosureRules } from '../disclosure/disclosure-control';
import type { Controller, ReleaseInput } from './period-report.builder';

/**
 * The exact audit's work for a metric is about readers × published cells × figures × rank (figures are the
 * non-zero LERO × category × month counts). Above this it is skipped (well under a second above it): a region
 * that large mixes many more LEROs' rounding into every combination, and the line rules stand alone.
 */
export const AUDIT_BUDGET = 2e8;
/** Rounds of "suppress one more cell, control again" before giving up on a release's audit. */
const AUDIT_ROUNDS = 60;

const isMonth = (label: string) => /^\d{4}-\d{2}$/.test(label);

function monthsOf(label: string): string[] {
  if (isMonth(label)) return [label];
  const year = label.slice(0, 4);
  const q = /-Q(\d)$/.exec(label);
  const first = q ? (Number(q[1]) - 1) * 3 : 0;
  return Array.from({ length: q ? 3 : 12 }, (_, i) => `${year}-${String(first + i + 1).padStart(2, '0')}`);
}

/** Each non-zero leaf (`lero|category|month`) of a metric, by month: a month's figures by category. */
function leavesOf(input: ReleaseInput, m: string, byCategory: boolean): Map<string, string[]> {
  const months = isMonth(input.label)
    ? [{ label: input.label, leros: input.leros }]
    : input.within.filter((w) => isMonth(w.label));
  return new Map(
    months.map((w) => [
      w.label,
      w.leros.flatMap((l) =>
        byCategory
          ? [...(l.figures?.byCategory ?? [])]
              .filter(([, f]) => (f.get(m) ?? 0) > 0)
              .map(([c]) => `${l.entry.id}|${c}|${w.label}`)
          : (l.figures?.total.get(m) ?? 0) > 0
            ? [`${l.entry.id}||${w.label}`]
            : [],
      ),
    ]),
  );
}

/** A cell's leaves, from its id (`L|lero|metric|period`, `C|category|metric|period`, `T|metric|period`). */
function cellLeaves(id: string, byMonth: Map<string, string[]>): string[] {
  const parts = id.split('|');
  const period = parts[parts.length - 1];
  const leaves = monthsOf(period).flatMap((month) => byMonth.get(month) ?? []);
  if (parts[0] === 'L') return leaves.filter((l) => l.startsWith(`${parts[1]}|`));
  if (parts[0] === 'C') return leaves.filter((l) => l.split('|')[1] === parts[1]);
  return leaves;
}

/**
 * Disclosure control of one release, then an exact audit of each metric (for releases small enough): while
 * some reader can compute a figure of a LERO shown only in the total, or a small suppressed figure, by
 * combining published cells of this release and the released periods inside it, one more published cell of
 * this release is suppressed (the smallest that breaks that combination) and the control runs again.
 */
export function controlAndAudit(
  table: ControlTable,
  input: ReleaseInput,
  categoryMetrics: readonly string[],
  rules: DisclosureRules,
  control: Controller,
): Map<string, ReportCell> {
  const forced = new Set<string>();
  let controlled = control({ ...table, forced }, rules);
  const metrics = REPORT_METRICS.map((m) => ({
    m,
    byMonth: leavesOf(input, m, categoryMetrics.includes(m)),
  }));
  const periods = [input.label, ...input.within.map((w) => w.label)];
  for (let round = 0; round < AUDIT_ROUNDS; round++) {
    let fixed = false;
    for (const { m, byMonth } of metrics) {
      const ids = [...table.cells.keys()].filter((id) => id.split('|').at(-2) === m);
      const leaves = new Map(ids.map((id) => [id, cellLeaves(id, byMonth)]));
      const figures = [...byMonth.values()].reduce((n, l) => n + l.length, 0);
      const readers = new Set([...byMonth.values()].flat().map((l) => l.split('|')[0])).size + 1;
      const work = readers * ids.length * figures * Math.min(figures, ids.length);
      if (figures === 0 || work > AUDIT_BUDGET) continue;
      const shown = (id: string, out: Map<string, ReportCell>) => {
        const c = out.get(id);
        return !!c && 'value' in c && c.value > 0;
      };
      const cells = (out: Map<string, ReportCell>): AuditCell[] =>
        ids.map((id) => ({ leaves: leaves.get(id)!, published: shown(id, out) }));
      const small = ids.filter((id) => {
        const c = table.cells.get(id) as ControlCell;
        return 'suppressed' in controlled.get(id)! && c.value >= 1 && c.value < rules.suppressBelow;
      });
      const valueOf = (id: string) => table.cells.get(id)!.value;
      const targets: AuditTarget[] = [
        ...small.map((id) => ({ what: id, leaves: leaves.get(id)! })),
        // Two small figures whose sum is learnt are each narrowed to the sum less one: no room for the threshold.
        ...small.flatMap((a, i) =>
          small
            .slice(i + 1)
            .filter(
              (b) =>
                valueOf(a) + valueOf(b) - 1 < rules.suppressBelow &&
                !leaves.get(a)!.some((l) => leaves.get(b)!.includes(l)),
            )
            .map((b) => ({ what: `${a} + ${b}`, leaves: [...leaves.get(a)!, ...leaves.get(b)!] })),
        ),
        ...hiddenTargets(table.hidden, periods, byMonth),
      ];
      const found = firstDerivable(cells(controlled), targets);
      if (!found) continue;
      const candidates = ids
        .filter(
          (id) => id.endsWith(`|${input.label}`) && !table.cells.get(id)!.frozen && shown(id, controlled),
        )
        .sort((a, b) => table.cells.get(a)!.value - table.cells.get(b)!.value || (a < b ? -1 : 1));
      const breaks = candidates.find((id) => {
        const without = new Map(controlled).set(id, { suppressed: true });
        return !firstDerivable(cells(without), [found.target], [found.insider]);
      });
      if (!breaks) continue;
      forced.add(breaks);
      controlled = control({ ...table, forced }, rules);
      fixed = true;
      break;
    }
    if (!fixed) break;
  }
  return controlled;
}

/** Each figure of each LERO shown only in the total: its total and each category, in every period. */
function hiddenTargets(
  hidden: ReadonlySet<string>,
  periods: string[],
  byMonth: Map<string, string[]>,
): AuditTarget[] {
  const out: AuditTarget[] = [];
  for (const period of periods) {
    const leaves = monthsOf(period).flatMap((month) => byMonth.get(month) ?? []);
    for (const lero of hidden) {
      const mine = leaves.filter((l) => l.startsWith(`${lero}|`));
      if (mine.length === 0) continue;
      out.push({ what: `${lero} ${period}`, leaves: mine });
      for (const c of new Set(mine.map((l) => l.split('|')[1])))
        out.push({ what: `${lero} ${c} ${period}`, leaves: mine.filter((l) => l.split('|')[1] === c) });
    }
  }
  return out;
}
