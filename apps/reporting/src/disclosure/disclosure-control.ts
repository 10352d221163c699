import type { ReportCell } from '@hearth/contracts';

export interface DisclosureRules {
  /** Counts from 1 up to this minus one are suppressed (8 by default; a region may only raise it). */
  suppressBelow: number;
  roundTo: number;
}

/**
 * An additive relation between published cells: `total = sum(members) + hidden`. `hidden` is what is counted
 * in the total but never shown as a cell of its own (LEROs that chose to appear only in the regional total):
 * `parts` is how many LEROs it holds, `value` their unrounded sum.
 */
export interface ControlLine {
  total: string;
  members: string[];
  hidden?: { parts: number; value: number };
}

/** The unrounded counts of one report's cells (ids are the caller's), and the lines between them. */
export interface ControlTable {
  cells: ReadonlyMap<string, number>;
  lines: ControlLine[];
}

export const roundToNearest = (value: number, step: number) =>
  value === 0 ? 0 : Math.round(value / step) * step;

export const isPrimarySensitive = (value: number, rules: DisclosureRules) =>
  value >= 1 && value < rules.suppressBelow;

/**
 * Whether the hidden part of a line must itself stay underivable: one LERO's own figure (it chose not to be
 * shown on its own), or a small sum.
 */
const hiddenSensitive = (hidden: ControlLine['hidden'], rules: DisclosureRules) =>
  !!hidden && hidden.parts > 0 && (hidden.parts === 1 || isPrimarySensitive(hidden.value, rules));

/** How many figures of the line a reader does not know. */
export function unknownsIn(line: ControlLine, suppressed: ReadonlySet<string>): number {
  const cells = [line.total, ...line.members].filter((id) => suppressed.has(id)).length;
  return cells + (line.hidden && line.hidden.parts > 0 ? 1 : 0);
}

/**
 * Primary suppression (counts 1 to suppressBelow-1), then secondary suppression: a line with exactly one
 * unknown would give it back by subtraction from its total, so the smallest published member (a non-zero one
 * first, then a zero, the total last) is suppressed too, over every line, until nothing changes. Totals are
 * computed by the caller from unrounded data and are controlled like any cell; a cell in several lines (a
 * total shared by two breakdowns) is suppressed in all of them. Pure and deterministic.
 */
export function controlTable(table: ControlTable, rules: DisclosureRules): Map<string, ReportCell> {
  if (!Number.isInteger(rules.suppressBelow) || rules.suppressBelow < 1)
    throw new Error('suppressBelow must be a positive whole number.');
  const value = (id: string) => {
    const v = table.cells.get(id);
    if (v === undefined) throw new Error(`A line names the unknown cell ${id}.`);
    return v;
  };
  for (const line of table.lines) for (const id of [line.total, ...line.members]) value(id);
  const suppressed = new Set<string>();
  for (const [id, v] of table.cells) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`Cell ${id} is not a count: ${v}.`);
    if (isPrimarySensitive(v, rules)) suppressed.add(id);
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const line of table.lines) {
      if (unknownsIn(line, suppressed) !== 1) continue;
      const onlyHiddenUnknown = ![line.total, ...line.members].some((id) => suppressed.has(id));
      if (onlyHiddenUnknown && !hiddenSensitive(line.hidden, rules)) continue;
      const next = nextToSuppress(line, suppressed, value);
      if (next) {
        suppressed.add(next);
        changed = true;
      }
    }
  }
  const out = new Map<string, ReportCell>();
  for (const [id, v] of table.cells)
    out.set(id, suppressed.has(id) ? { suppressed: true } : { value: roundToNearest(v, rules.roundTo) });
  return out;
}

function nextToSuppress(
  line: ControlLine,
  suppressed: ReadonlySet<string>,
  value: (id: string) => number,
): string | undefined {
  const open = [...new Set(line.members)].filter((id) => !suppressed.has(id));
  open.sort((a, b) => {
    const [va, vb] = [value(a), value(b)];
    // Non-zero cells protect better than zeros, which a reader may guess.
    if ((va === 0) !== (vb === 0)) return va === 0 ? 1 : -1;
    return va - vb || (a < b ? -1 : a > b ? 1 : 0);
  });
  if (open.length > 0) return open[0];
  return suppressed.has(line.total) ? undefined : line.total;
}
