import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import type { RegionImpactReport, ReportCell } from '@hearth/contracts';
import { impactReportCsv } from './impact-csv.util';
import { impactChartSvg } from './impact-chart.util';

const S = { suppressed: true } as const;
const report: RegionImpactReport = {
  regionId: 'r',
  period: 'month',
  from: '2026-10',
  to: '2026-11',
  by: 'lero',
  disclosureControl: { suppressBelow: 8, roundTo: 5 },
  metrics: ['attendances', 'walkIns'],
  rows: [
    {
      period: '2026-10',
      lero: { id: 'a', name: '=HYPERLINK("x")' },
      status: 'released',
      values: { attendances: { value: 30 }, walkIns: S },
    },
    {
      period: '2026-11',
      lero: { id: 'a', name: '=HYPERLINK("x")' },
      status: 'released',
      values: { attendances: S, walkIns: { value: 0 } },
    },
  ],
  totals: {
    '2026-10': { status: 'released', suppressBelow: 8, values: { attendances: { value: 45 }, walkIns: S } },
    '2026-11': {
      status: 'released',
      suppressBelow: 8,
      values: { attendances: { value: 20 }, walkIns: { value: 0 } },
    },
  },
  pending: [],
};

describe('impact report formats', () => {
  it('writes CSV with a header line, * for suppressed figures, totals last, and no live formulas', () => {
    const rows = parse(impactReportCsv(report), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      {
        period: '2026-10',
        status: 'released',
        leroId: 'a',
        lero: `'=HYPERLINK("x")`,
        attendances: '30',
        walkIns: '*',
      },
      {
        period: '2026-11',
        status: 'released',
        leroId: 'a',
        lero: `'=HYPERLINK("x")`,
        attendances: '*',
        walkIns: '0',
      },
      {
        period: '2026-10',
        status: 'released',
        leroId: '',
        lero: 'Regional total',
        attendances: '45',
        walkIns: '*',
      },
      {
        period: '2026-11',
        status: 'released',
        leroId: '',
        lero: 'Regional total',
        attendances: '20',
        walkIns: '0',
      },
    ]);
  });

  it('draws suppressed figures as gaps, escapes names, and explains suppression in the legend', () => {
    const svg = impactChartSvg(report, 'attendances');
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    // One point for the LERO (October), none for its suppressed November; two for the total.
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).not.toContain('=HYPERLINK("x")');
    expect(svg).toContain('=HYPERLINK(&quot;x&quot;)');
    expect(svg).toContain('A gap in a line is a suppressed figure: fewer than 8');
    expect(svg).toContain('Only released periods are drawn');
  });

  it('says in CSV and draws in SVG nothing the JSON does not (one controlled table, three formats)', () => {
    const cell = fc.oneof(
      fc.constant(S),
      fc.integer({ min: 0, max: 60 }).map((n) => ({ value: n === 0 ? 0 : n * 5 + 5 })),
    );
    const values = fc.record({ attendances: cell, walkIns: cell });
    fc.assert(
      fc.property(fc.array(values, { minLength: 1, maxLength: 4 }), values, (rows, total) => {
        const r: RegionImpactReport = {
          ...report,
          rows: rows.map((v, i) => ({
            period: '2026-10',
            lero: { id: `l${i}`, name: `LERO ${i}` },
            status: 'released',
            values: v,
          })),
          totals: { '2026-10': { status: 'released', suppressBelow: 8, values: total } },
        };
        const shown = (c: ReportCell) => ('suppressed' in c ? '*' : String(c.value));
        const csv = parse(impactReportCsv(r), { columns: true }) as Record<string, string>[];
        expect(csv.map((l) => [l.attendances, l.walkIns])).toEqual(
          [...rows, total].map((v) => [shown(v.attendances), shown(v.walkIns)]),
        );
        const drawn = [...impactChartSvg(r, 'attendances').matchAll(/<title>[^<]*: (\d+)<\/title>/g)].map(
          (m) => m[1],
        );
        const published = [...rows, total].map((v) => shown(v.attendances)).filter((x) => x !== '*');
        for (const d of drawn) expect(published).toContain(d);
      }),
      { numRuns: 300 },
    );
  });
});
