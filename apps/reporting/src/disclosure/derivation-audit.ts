/**
 * An exact audit of what the line rules cannot see: a figure worked out by combining several lines at once
 * (a year's total minus a month's, minus two rows of another month). Every published cell is a sum of
 * "leaves" (one LERO's figure in one category in one month); a reader who also knows one LERO's leaves (its
 * own) can compute exactly any figure whose leaves are a linear combination of published cells' leaves and its
 * own — within the rounding, which is not enough to hide a small number. The audit looks for such a target.
 */
export interface AuditCell {
  leaves: readonly string[];
  /** Shown to readers (rounded), as opposed to suppressed. */
  published: boolean;
}

export interface AuditTarget {
  what: string;
  leaves: readonly string[];
}

/** The LERO a leaf belongs to: leaves are named `lero|category|month`. */
export const leroOfLeaf = (leaf: string) => leaf.slice(0, leaf.indexOf('|'));

const EPS = 1e-9;

/** A row-reduced basis of the published cells' leaf vectors, as a reader that knows `insider`'s leaves has it. */
class Span {
  private readonly rows: { pivot: number; v: Float64Array }[] = [];

  constructor(private readonly index: ReadonlyMap<string, number>) {}

  vector(leaves: readonly string[]): Float64Array | undefined {
    const v = new Float64Array(this.index.size);
    let any = false;
    for (const leaf of leaves) {
      const i = this.index.get(leaf);
      if (i === undefined) continue;
      v[i] += 1;
      any = true;
    }
    return any ? v : undefined;
  }

  private reduce(v: Float64Array): Float64Array {
    for (const { pivot, v: b } of this.rows) {
      const f = v[pivot];
      if (Math.abs(f) > EPS) for (let k = 0; k < v.length; k++) v[k] -= f * b[k];
    }
    return v;
  }

  add(v: Float64Array): void {
    this.reduce(v);
    const pivot = v.findIndex((x) => Math.abs(x) > EPS);
    if (pivot < 0) return;
    const p = v[pivot];
    for (let k = 0; k < v.length; k++) v[k] /= p;
    for (const row of this.rows) {
      const f = row.v[pivot];
      if (Math.abs(f) > EPS) for (let k = 0; k < v.length; k++) row.v[k] -= f * v[k];
    }
    this.rows.push({ pivot, v });
  }

  contains(v: Float64Array): boolean {
    return this.reduce(Float64Array.from(v)).every((x) => Math.abs(x) <= EPS);
  }
}

/**
 * The first target some reader (anyone, or a LERO knowing its own leaves) can compute exactly from the
 * published cells, with that reader; undefined when there is none. Only non-zero leaves are given: a zero is
 * known to every reader and is no unknown.
 */
export function firstDerivable(
  cells: readonly AuditCell[],
  targets: readonly AuditTarget[],
  readers?: readonly (string | undefined)[],
): { target: AuditTarget; insider: string | undefined } | undefined {
  const leaves = new Set(cells.flatMap((c) => c.leaves));
  for (const t of targets) for (const leaf of t.leaves) leaves.add(leaf);
  for (const insider of readers ?? [undefined, ...new Set([...leaves].map(leroOfLeaf))]) {
    const index = new Map([...leaves].filter((l) => leroOfLeaf(l) !== insider).map((l, i) => [l, i]));
    const span = new Span(index);
    for (const c of cells) {
      if (!c.published) continue;
      const v = span.vector(c.leaves);
      if (v) span.add(v);
    }
    for (const target of targets) {
      const v = span.vector(target.leaves);
      if (v && span.contains(v)) return { target, insider };
    }
  }
  return undefined;
}
