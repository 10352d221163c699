import type { ReportCell } from '@hearth/contracts';

export interface DisclosureRules {
  /** Counts from 1 up to this minus one are suppressed (8 by default; a region may only raise it). */
  suppressBelow: number;
  roundTo: number;
}

/**
 * The p% rule: a figure that sums LEROs is published only when, whichever LERO reads it (knowing its own
 * part exactly), what is left besides the largest other LERO is at least this share of that LERO's part.
 * With two contributors nothing is left besides the other, so it takes at least three.
 */
export const DOMINANCE_PERCENT = 10;

/** Each LERO's exact part of a figure, by LERO id. */
export type Parts = ReadonlyMap<string, number>;

export interface ControlCell {
  /** The exact value. */
  value: number;
  /** Each LERO's part of it: one LERO for its own row, every contributing LERO for a category or a total. */
  parts: Parts;
  /** `one`: a LERO's own figure, shown because it chose to be; `sum`: a figure that sums LEROs. */
  kind: 'one' | 'sum';
  /**
   * LEROs whose part of this cell a reader knows while the named cell is published (a LERO shown on its own
   * that ran one category only: its row is its part), by the id of that cell. They give the others no cover.
   */
  exposed?: ReadonlyMap<string, string>;
  /** A cell of a period already released: it stays as it was published and is only reasoned about. */
  frozen?: ReportCell;
}

/**
 * An additive relation a reader can use: `total = sum(members) + hidden`. `hidden` holds the parts of LEROs
 * counted in the total but never shown on their own (those that chose to appear only in the regional total).
 */
export interface ControlLine {
  total: string;
  members: string[];
  hidden?: Parts;
}

export interface ControlTable {
  cells: ReadonlyMap<string, ControlCell>;
  lines: ControlLine[];
  /** The LEROs that chose to appear only inside the regional total. */
  hidden: ReadonlySet<string>;
  /** Cells to suppress whatever the rules say (an audit found they would give a figure back). */
  forced?: ReadonlySet<string>;
}

export const roundToNearest = (value: number, step: number) =>
  value === 0 ? 0 : Math.round(value / step) * step;

export const isPrimarySensitive = (value: number, rules: DisclosureRules) =>
  value >= 1 && value < rules.suppressBelow;

type Mass = Map<string, number>;

/** The non-zero parts of `parts` a reader does not know: other than its own, and other than exposed ones. */
function residual(parts: Parts, insider: string | undefined, exposed?: (lero: string) => boolean): Mass {
  const out: Mass = new Map();
  for (const [lero, v] of parts) if (v > 0 && lero !== insider && !exposed?.(lero)) out.set(lero, v);
  return out;
}

function merge(into: Mass, parts: Parts): Mass {
  for (const [lero, v] of parts) if (v > 0) into.set(lero, (into.get(lero) ?? 0) + v);
  return into;
}

const onlyHidden = (mass: Mass, hidden: ReadonlySet<string>): Mass =>
  new Map([...mass].filter(([lero]) => hidden.has(lero)));

const sumOf = (mass: Mass) => [...mass.values()].reduce((a, b) => a + b, 0);
const maxOf = (mass: Mass) => Math.max(0, ...mass.values());

/** No single LERO stands out of what a reader learns the sum of: at least two, and the p% rule. */
const noneDominant = (mass: Mass) =>
  mass.size >= 2 && sumOf(mass) - maxOf(mass) >= (DOMINANCE_PERCENT / 100) * maxOf(mass);

/** Each of `count` unknowns summing to `mass` (each at least 1) can still be the threshold or more. */
const largeEnough = (mass: Mass, count: number, rules: DisclosureRules) =>
  sumOf(mass) - (count - 1) >= rules.suppressBelow;

/**
 * The part of LEROs shown only in the total that a reader may learn the sum of (assuming they know every
 * other LERO's figures exactly): nothing, or at least two such LEROs with at least the threshold left
 * besides the largest, so none of them can be narrowed to a small number or to its own figure.
 */
const hiddenCovered = (mass: Mass, rules: DisclosureRules) =>
  mass.size === 0 ||
  (mass.size >= 2 &&
    sumOf(mass) - maxOf(mass) >= Math.max(rules.suppressBelow, (DOMINANCE_PERCENT / 100) * maxOf(mass)));

/** The readers to reason about: anyone, and each LERO with a part here (it knows its own part exactly). */
const insidersOf = (...masses: Parts[]): (string | undefined)[] => {
  const leros = new Set<string>();
  for (const m of masses) for (const [lero, v] of m) if (v > 0) leros.add(lero);
  return [undefined, ...leros];
};

/**
 * Whether a figure that sums LEROs may be published: for every reader, what is left besides its own part
 * has no dominant LERO (p% rule, so three or more non-zero contributors), and the part of LEROs shown only
 * in the total is covered. Zeros count as nobody: a zero part protects nothing.
 */
export function sumPublishable(
  parts: Parts,
  hidden: ReadonlySet<string>,
  rules: DisclosureRules,
  exposed?: (lero: string) => boolean,
): boolean {
  for (const insider of insidersOf(parts)) {
    const rest = residual(parts, insider);
    if (rest.size > 0 && !noneDominant(rest)) return false;
    // What the reader cannot learn elsewhere must still hide each LERO in it, and add up to enough that
    // none of them can be narrowed into the suppressed range.
    const unknown = residual(parts, insider, exposed);
    if (unknown.size > 0 && (!noneDominant(unknown) || !largeEnough(unknown, unknown.size, rules)))
      return false;
    if (!hiddenCovered(onlyHidden(rest, hidden), rules)) return false;
  }
  return true;
}

const isSuppressed = (cell: ControlCell, suppressed: ReadonlySet<string>, id: string) =>
  cell.frozen ? 'suppressed' in cell.frozen : suppressed.has(id);

/**
 * Whether a line lets some reader work out what it hides. For each reader (anyone, or a LERO that knows its
 * own parts): the unknowns of the line are its suppressed cells and, while the total is suppressed, the part
 * of the LEROs shown only in the total; those holding nothing but the reader's own parts are known to it.
 * Exactly one unknown would be given back by subtraction. With the total published, what the unknowns add
 * up to is learnt within the rounding, so it must be large enough that none of them can be narrowed into the
 * suppressed range, and its part of LEROs shown only in the total must be covered.
 */
export function lineSafe(
  line: ControlLine,
  cellOf: (id: string) => ControlCell,
  /** Whether a reader lacks a cell: suppressed, and not worked out from another line. */
  unknown: (id: string) => boolean,
  hidden: ReadonlySet<string>,
  rules: DisclosureRules,
): boolean {
  const totalCell = cellOf(line.total);
  const totalHidden = unknown(line.total);
  const items = [...new Set(line.members)].filter((id) => unknown(id)).map((id) => cellOf(id));
  if (totalHidden) {
    items.push(totalCell);
    if (line.hidden) items.push({ value: 0, parts: line.hidden, kind: 'sum' });
  }
  const exposedIn = (c: ControlCell, lero: string) => {
    const by = c.exposed?.get(lero);
    return by !== undefined && !unknown(by);
  };
  // A LERO's part of the total is given away when each member it has a part in is published and gives its
  // part away (a row of its own, or a part exposed by its row); one shown only in the total never is.
  const partShown = (lero: string) =>
    !line.hidden?.get(lero) &&
    line.members.every((id) => {
      const m = cellOf(id);
      if (!m.parts.get(lero)) return true;
      return !unknown(id) && (m.kind === 'one' || exposedIn(m, lero));
    });
  const known = (c: ControlCell) => (lero: string) =>
    (c === totalCell && partShown(lero)) || exposedIn(c, lero);
  for (const insider of insidersOf(...items.map((c) => c.parts))) {
    const rest = items.map((c) => residual(c.parts, insider, known(c))).filter((m) => m.size > 0);
    if (rest.length === 1) return false;
    if (totalHidden || rest.length === 0) continue;
    const mass = rest.reduce(merge, new Map<string, number>());
    if (!largeEnough(mass, rest.length, rules)) return false;
    if (!hiddenCovered(onlyHidden(mass, hidden), rules)) return false;
  }
  return true;
}

/**
 * The suppressed cells a reader can work out anyway: the only unknown of a line (a LERO's year when its
 * quarters are all shown), over and over. The part of LEROs shown only in the total is never known.
 */
function derivable(
  lines: ControlLine[],
  cellOf: (id: string) => ControlCell,
  hiddenCell: (id: string) => boolean,
): Map<string, ControlLine> {
  const known = new Map<string, ControlLine>();
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (line.hidden && [...line.hidden.values()].some((v) => v > 0)) continue;
      const unknown = [...new Set([line.total, ...line.members])].filter(
        (id) => hiddenCell(id) && !known.has(id) && cellOf(id).value > 0,
      );
      if (unknown.length === 1) {
        known.set(unknown[0], line);
        changed = true;
      }
    }
  }
  return known;
}

/**
 * Primary suppression (a LERO's own count of 1 to suppressBelow-1; a figure summing LEROs that fails
 * `sumPublishable`), then secondary suppression over every line until nothing changes: an unsafe line gets
 * its smallest published non-zero member suppressed (a zero is no cover: a reader may know it), the total
 * last. A suppressed cell another line gives back counts as known. Frozen cells (periods already released) are
 * never changed; a candidate another line would give back, or whose suppression would leave another line with
 * nothing left to suppress, is passed over while another will do. Pure and deterministic.
 */
export function controlTable(table: ControlTable, rules: DisclosureRules): Map<string, ReportCell> {
  if (!Number.isInteger(rules.suppressBelow) || rules.suppressBelow < 1)
    throw new Error('suppressBelow must be a positive whole number.');
  const cellOf = (id: string) => {
    const c = table.cells.get(id);
    if (!c) throw new Error(`A line names the unknown cell ${id}.`);
    return c;
  };
  for (const line of table.lines) for (const id of [line.total, ...line.members]) cellOf(id);
  const suppressed = new Set<string>();
  for (const [id, c] of table.cells) {
    if (!Number.isInteger(c.value) || c.value < 0) throw new Error(`Cell ${id} is not a count: ${c.value}.`);
    if (c.frozen) continue;
    if (isPrimarySensitive(c.value, rules) || table.forced?.has(id)) suppressed.add(id);
  }
  // Figures that sum LEROs, once the small ones are known: a part exposed by a row shown is no cover.
  for (const [id, c] of table.cells) {
    if (c.frozen || c.kind !== 'sum' || c.value === 0 || suppressed.has(id)) continue;
    const exposed = (lero: string) => {
      const by = c.exposed?.get(lero);
      return by !== undefined && !isSuppressed(cellOf(by), suppressed, by);
    };
    if (!sumPublishable(c.parts, table.hidden, rules, exposed)) suppressed.add(id);
  }
  const linesOf = new Map<string, ControlLine[]>();
  for (const line of table.lines)
    for (const id of new Set([line.total, ...line.members]))
      linesOf.set(id, [...(linesOf.get(id) ?? []), line]);
  const isHidden = (id: string, s: ReadonlySet<string>) => isSuppressed(cellOf(id), s, id);
  let derived = derivable(table.lines, cellOf, (id) => isHidden(id, suppressed));
  type Derived = ReadonlyMap<string, ControlLine>;
  // In a line, a cell counts as known when another line gives it back; the line that gives it back is
  // itself unsafe for it.
  const safe = (line: ControlLine, s: ReadonlySet<string>, d: Derived) =>
    lineSafe(line, cellOf, (id) => isHidden(id, s) && (d.get(id) ?? line) === line, table.hidden, rules);
  const open = (id: string, s: ReadonlySet<string>) => {
    const c = cellOf(id);
    return !c.frozen && !s.has(id) && c.value > 0;
  };
  // A line that is unsafe and has nothing left to suppress can no longer be mended.
  const stuck = (line: ControlLine, s: ReadonlySet<string>, d: Derived) =>
    !safe(line, s, d) && ![line.total, ...line.members].some((id) => open(id, s));
  for (let changed = true; changed;) {
    changed = false;
    for (const line of table.lines) {
      if (safe(line, suppressed, derived)) continue;
      const candidates = [...new Set(line.members)].filter((id) => open(id, suppressed));
      candidates.sort((a, b) => cellOf(a).value - cellOf(b).value || (a < b ? -1 : a > b ? 1 : 0));
      if (open(line.total, suppressed)) candidates.push(line.total);
      if (candidates.length === 0) continue;
      // Prefer a cell that stays unknown (no other line gives it back) and leaves no other line past mending.
      const harmless = candidates.find((id) => {
        const next = new Set(suppressed).add(id);
        const d = derivable(table.lines, cellOf, (x) => isHidden(x, next));
        return !d.has(id) && (linesOf.get(id) ?? []).every((l) => l === line || !stuck(l, next, d));
      });
      suppressed.add(harmless ?? candidates[0]);
      derived = derivable(table.lines, cellOf, (id) => isHidden(id, suppressed));
      changed = true;
    }
  }
  const out = new Map<string, ReportCell>();
  for (const [id, c] of table.cells)
    out.set(
      id,
      c.frozen ??
        (suppressed.has(id) ? { suppressed: true } : { value: roundToNearest(c.value, rules.roundTo) }),
    );
  return out;
}
