/**
 * The bounds a linear function of counts can take, by linear programming: the feasible set is every
 * assignment of the variables (each at least 1: a reader knows which LEROs ran what, so a non-zero figure
 * is at least 1) that fits every constraint `lo ≤ sum of some variables ≤ hi`. A dense two-phase simplex
 * (Dantzig's rule, Bland's after many pivots so it cannot cycle): small problems only, which is all the
 * attacker test poses. Phase 1 runs once; each bound is a phase 2 from the feasible basis it found.
 */
export interface SumConstraint {
  vars: number[];
  lo: number;
  hi: number;
}

const EPS = 1e-9;

export class LinearBounds {
  private readonly m: number;
  private readonly width: number;
  private readonly tableau: Float64Array;
  private readonly basis: Int32Array;
  private readonly artificialFrom: number;
  readonly feasible: boolean;

  constructor(
    private readonly n: number,
    constraints: SumConstraint[],
  ) {
    // y = x − 1 ≥ 0. Each constraint gives `sum y ≤ hi'`, and `−sum y ≤ −lo'` when lo' > 0.
    const rows: { vars: number[]; sign: 1 | -1; b: number }[] = [];
    for (const c of constraints) {
      const shift = c.vars.length;
      rows.push({ vars: c.vars, sign: 1, b: c.hi - shift });
      if (c.lo - shift > 0) rows.push({ vars: c.vars, sign: -1, b: -(c.lo - shift) });
    }
    this.m = rows.length;
    const artificials = rows.filter((r) => r.b < 0).length;
    this.artificialFrom = n + this.m;
    this.width = n + this.m + artificials + 1;
    this.tableau = new Float64Array((this.m + 1) * this.width);
    this.basis = new Int32Array(this.m);
    const t = this.tableau;
    const w = this.width;
    let a = 0;
    rows.forEach((r, i) => {
      // A negative right-hand side is negated, so its slack enters with −1 and an artificial starts basic.
      const flip = r.b < 0 ? -1 : 1;
      for (const v of r.vars) t[i * w + v] += r.sign * flip;
      t[i * w + n + i] = flip;
      t[i * w + w - 1] = r.b * flip;
      if (flip < 0) {
        const col = this.artificialFrom + a++;
        t[i * w + col] = 1;
        this.basis[i] = col;
      } else this.basis[i] = n + i;
    });
    if (artificials > 0) {
      // Phase 1: maximise −(sum of artificials).
      const z = this.m * w;
      for (let i = 0; i < this.m; i++) {
        if (this.basis[i] < this.artificialFrom) continue;
        for (let j = 0; j < w; j++) t[z + j] -= t[i * w + j];
        t[z + this.basis[i]] += 1;
      }
      this.run(t, this.basis, true);
      this.feasible = t[z + w - 1] > -1e-6;
      this.driveOutArtificials();
    } else this.feasible = true;
  }

  /** The least and greatest value of the sum of `vars` (x, not y) over the feasible set, as whole numbers. */
  bounds(vars: number[]): { lo: number; hi: number } {
    if (!this.feasible) throw new Error('The constraints admit no solution: the attacker model is wrong.');
    const hi = this.optimum(vars, 1);
    const lo = -this.optimum(vars, -1);
    return { lo: Math.ceil(lo + vars.length - 1e-6), hi: Math.floor(hi + vars.length + 1e-6) };
  }

  private optimum(vars: number[], sign: 1 | -1): number {
    const t = this.tableau.slice();
    const basis = this.basis.slice();
    const w = this.width;
    const z = this.m * w;
    t.fill(0, z, z + w);
    const c = new Float64Array(this.n);
    for (const v of vars) c[v] += sign;
    for (let j = 0; j < this.n; j++) t[z + j] = -c[j];
    for (let i = 0; i < this.m; i++) {
      const b = basis[i];
      if (b < this.n && c[b] !== 0) for (let j = 0; j < w; j++) t[z + j] += c[b] * t[i * w + j];
    }
    return this.run(t, basis, false) ? t[z + w - 1] : Infinity;
  }

  /** Pivots to an optimum; false when the objective is unbounded. */
  private run(t: Float64Array, basis: Int32Array, phaseOne: boolean): boolean {
    const w = this.width;
    const z = this.m * w;
    const enterable = phaseOne ? w - 1 : this.artificialFrom;
    for (let iteration = 0; ; iteration++) {
      const bland = iteration > 50 * (this.m + this.n);
      let col = -1;
      let best = -EPS;
      for (let j = 0; j < enterable; j++) {
        if (t[z + j] < best) {
          col = j;
          if (bland) break;
          best = t[z + j];
        }
      }
      if (col < 0) return true;
      let row = -1;
      let ratio = Infinity;
      for (let i = 0; i < this.m; i++) {
        const a = t[i * w + col];
        if (a <= EPS) continue;
        const r = t[i * w + w - 1] / a;
        if (r < ratio - EPS || (Math.abs(r - ratio) <= EPS && basis[i] < basis[row])) {
          ratio = r;
          row = i;
        }
      }
      if (row < 0) return false;
      this.pivot(t, basis, row, col);
    }
  }

  private pivot(t: Float64Array, basis: Int32Array, row: number, col: number): void {
    const w = this.width;
    const p = t[row * w + col];
    for (let j = 0; j < w; j++) t[row * w + j] /= p;
    for (let i = 0; i <= this.m; i++) {
      if (i === row) continue;
      const f = t[i * w + col];
      if (Math.abs(f) <= EPS) continue;
      for (let j = 0; j < w; j++) t[i * w + j] -= f * t[row * w + j];
    }
    basis[row] = col;
  }

  /** After phase 1, an artificial still basic (at zero) is swapped for a real column where one can be. */
  private driveOutArtificials(): void {
    const w = this.width;
    for (let i = 0; i < this.m; i++) {
      if (this.basis[i] < this.artificialFrom) continue;
      for (let j = 0; j < this.artificialFrom; j++)
        if (Math.abs(this.tableau[i * w + j]) > EPS) {
          this.pivot(this.tableau, this.basis, i, j);
          break;
        }
    }
  }
}
