import { parse } from 'csv-parse/sync';
import type { RegionImpactReport } from '@hearth/contracts';
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
        status: 'provisional',
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
        status: 'provisional',
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
    expect(svg).toContain('2026-11*');
  });
});
