import type { LeroImpactReport, RegionImpactReport } from '@hearth/contracts';
import {
  anySuppressed,
  completenessInWords,
  disclosureInWords,
  leroTables,
  pendingInWords,
  regionTables,
} from './impact-tables';

const S = { suppressed: true } as const;
const v = (value: number) => ({ value });

const regional = (over: Partial<RegionImpactReport> = {}): RegionImpactReport => ({
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
      lero: { id: 'a', name: 'Phoenix' },
      status: 'released',
      values: { attendances: v(1230), walkIns: S },
    },
    {
      period: '2026-11',
      lero: { id: 'a', name: 'Phoenix' },
      status: 'provisional',
      values: { attendances: S, walkIns: v(0) },
    },
  ],
  totals: {
    '2026-10': {
      status: 'released',
      releasedAt: '2026-11-08T00:00:00Z',
      suppressBelow: 8,
      values: { attendances: v(1245), walkIns: S },
    },
    '2026-11': { status: 'provisional', suppressBelow: 8, values: { attendances: v(20), walkIns: v(0) } },
  },
  pending: [],
  ...over,
});

describe('regionTables', () => {
  it('makes one table per period, newest first, with each LERO’s row, the total last, and [c] for suppressed', () => {
    const [november, october] = regionTables(regional());
    expect(november).toMatchObject({
      id: 'period-2026-11',
      caption: 'November 2026',
      status: 'provisional',
      rowHeader: 'LERO',
      columns: ['Attendances', 'Walk-ins'],
    });
    expect(november.rows).toEqual([
      {
        header: 'Phoenix',
        cells: [
          { kind: 'suppressed', text: '[c]' },
          { kind: 'value', text: '0' },
        ],
      },
      {
        header: 'Regional total',
        total: true,
        cells: [
          { kind: 'value', text: '20' },
          { kind: 'value', text: '0' },
        ],
      },
    ]);
    expect(october).toMatchObject({ status: 'released', releasedOn: '2026-11-08T00:00:00Z' });
    expect(october.rows[0].cells[0]).toEqual({ kind: 'value', text: '1,230' });
  });

  it('names categories as people say them, and shows figures a category does not count as a dash', () => {
    const [table] = regionTables(
      regional({
        by: 'category',
        metrics: ['newMembers', 'attendances', 'signposts'],
        rows: [
          { period: '2026-11', category: 'arts-crafts', status: 'provisional', values: { attendances: S } },
          {
            period: '2026-11',
            category: '54045500-b17c-44ff-b6c5-50e4980e085a',
            status: 'provisional',
            values: { signposts: v(15) },
          },
        ],
        totals: {
          '2026-11': {
            status: 'provisional',
            suppressBelow: 8,
            values: { newMembers: v(10), attendances: v(20) },
          },
        },
      }),
    );
    expect(table.rowHeader).toBe('Type of activity or signposting');
    expect(table.rows[0]).toEqual({
      header: 'Arts and crafts',
      cells: [
        { kind: 'absent', text: '–' },
        { kind: 'suppressed', text: '[c]' },
        { kind: 'absent', text: '–' },
      ],
    });
    // A signpost category by Hearth's name for it, counting signposts only.
    expect(table.rows[1]).toEqual({
      header: 'Signposted: Housing',
      cells: [
        { kind: 'absent', text: '–' },
        { kind: 'absent', text: '–' },
        { kind: 'value', text: '15' },
      ],
    });
  });

  it('says whether anything is suppressed', () => {
    expect(anySuppressed(regionTables(regional()))).toBe(true);
    const clean = regional({
      rows: [],
      totals: { '2026-11': { status: 'provisional', suppressBelow: 8, values: { attendances: v(20) } } },
    });
    expect(anySuppressed(regionTables(clean))).toBe(false);
  });
});

describe('disclosureInWords', () => {
  it('gives the largest hidden and the smallest shown figure of a region’s rules', () => {
    expect(disclosureInWords({ suppressBelow: 8, roundTo: 5 })).toMatchObject({
      largestSuppressed: 7,
      smallestShown: 10,
    });
    expect(disclosureInWords({ suppressBelow: 13, roundTo: 5 })).toMatchObject({
      largestSuppressed: 12,
      smallestShown: 15,
    });
  });
});

describe('leroTables', () => {
  const own = (by: 'category' | null): LeroImpactReport => ({
    tenantId: 't',
    period: 'quarter',
    from: '2026-04',
    to: '2026-12',
    by,
    notForPublication: true,
    notice: 'not for publication',
    metrics: ['attendances'],
    rows: by
      ? [{ period: '2026-Q4', category: 'walking', status: 'provisional', values: { attendances: v(3) } }]
      : [],
    totals: {
      '2026-Q2': { status: 'released', values: { attendances: v(12) } },
      '2026-Q3': { status: 'released', values: { attendances: v(0) } },
      '2026-Q4': { status: 'provisional', values: { attendances: v(3) } },
    },
  });

  it('lists the periods newest first in one table when there is no breakdown, each with its status', () => {
    const tables = leroTables(own(null));
    expect(tables).toHaveLength(1);
    expect(tables[0].rows.map((r) => [r.header, r.status, r.cells[0].text])).toEqual([
      ['October to December 2026', 'provisional', '3'],
      ['July to September 2026', 'released', '0'],
      ['April to June 2026', 'released', '12'],
    ]);
  });

  it('makes a table per period by category, with the LERO’s total last', () => {
    const [q4] = leroTables(own('category'));
    expect(q4.caption).toBe('October to December 2026');
    expect(q4.rows.map((r) => [r.header, r.cells[0].text, !!r.total])).toEqual([
      ['Walking', '3', false],
      ['All activities', '3', true],
    ]);
  });
});

describe('what a commissioner is told besides the figures', () => {
  it('says how many of the region’s LEROs recorded sessions in a released period', () => {
    expect(completenessInWords({ leros: 4, recorded: 3 })).toBe(
      '3 of the region’s 4 LEROs recorded sessions in this period.',
    );
    expect(completenessInWords({ leros: 1, recorded: 0 })).toBe(
      '0 of the region’s 1 LERO recorded sessions in this period.',
    );
    expect(completenessInWords({ leros: 0, recorded: 0 })).toBe('No LERO was in the region in this period.');
  });

  it('says when a period not released yet will be, and that a past one has no figures', () => {
    const now = Date.parse('2026-12-02T12:00:00Z');
    expect(
      pendingInWords(
        [
          { period: '2026-11', releasesAt: '2026-12-08T00:00:00.000Z' },
          { period: '2019-11', releasesAt: '2019-12-08T00:00:00.000Z' },
        ],
        now,
      ),
    ).toEqual([
      { period: 'November 2026', text: 'figures are released on 8 December 2026, 7 days after it ends' },
      { period: 'November 2019', text: expect.stringContaining('no figures were released') },
    ]);
  });

  it('names a year-before table apart from the period it stands beside', () => {
    const [table] = regionTables(regional({ by: 'lero' }), ', a year before', 'before-');
    expect([table.id, table.caption]).toEqual(['before-period-2026-11', 'November 2026, a year before']);
  });
});
