import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { LeroImpactReport, RegionImpactReport, ReportCell } from '@hearth/contracts';
import { pdfTextLines } from '@hearth/testing';
import { leroReportCsv } from './impact-csv.util';
import { leroReportDocument, regionReportDocument, tablesXlsx } from './impact-xlsx.util';
import { tablesPdf, winAnsi } from './impact-pdf.util';

const S = { suppressed: true } as const;
const HOUSING = '54045500-b17c-44ff-b6c5-50e4980e085a';
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
      lero: { id: 'a', name: 'Ŵyddgrug Recovery' },
      status: 'released',
      values: { attendances: S, walkIns: { value: 0 } },
    },
  ],
  totals: {
    '2026-10': {
      status: 'released',
      suppressBelow: 8,
      releasedAt: '2026-11-08T00:00:00.000Z',
      values: { attendances: { value: 45 }, walkIns: S },
      completeness: { leros: 4, recorded: 3 },
    },
    '2026-11': {
      status: 'released',
      suppressBelow: 8,
      values: { attendances: { value: 20 }, walkIns: { value: 0 } },
    },
  },
  pending: [{ period: '2026-12', releasesAt: '2027-01-08T00:00:00.000Z' }],
};

/** Every row of the first sheet as text, empty rows left out. */
async function sheetRows(file: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0].eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined ? '' : String(v)))),
  );
  return rows;
}

describe('report downloads (XLSX, PDF, a LERO’s CSV)', () => {
  it('lays the regional report out in XLSX as on screen: newest first, [c] for suppressed, numbers as numbers', async () => {
    const file = await tablesXlsx(regionReportDocument(report));
    const rows = await sheetRows(file);
    expect(rows[0][0]).toBe('Impact report by LERO, October 2026 to November 2026');
    const at = (caption: string) => rows.findIndex((r) => r[0] === caption);
    expect(at('November 2026')).toBeLessThan(at('October 2026'));
    const october = rows.slice(at('October 2026'));
    expect(october[1]).toEqual(['Final, released 8 November 2026']);
    expect(october[2]).toEqual(['3 of the region’s 4 LEROs recorded sessions in this period.']);
    expect(october[3]).toEqual(['LERO', 'Attendances', 'Walk-ins']);
    // The formula-like name is text, never a formula: exceljs reads it back as the string it is.
    expect(october[4]).toEqual(['=HYPERLINK("x")', '30', '[c]']);
    expect(october[5]).toEqual(['Regional total', '45', '[c]']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    let numberCell: ExcelJS.Cell | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === '=HYPERLINK("x")') numberCell = row.getCell(2);
    });
    expect(numberCell?.value).toBe(30);
    expect(numberCell?.formula).toBeUndefined();
    const notes = workbook.getWorksheet('Notes')!;
    const said: string[] = [];
    notes.eachRow((r) => said.push(String(r.getCell(1).value)));
    expect(said.join('\n')).toContain('[c] means suppressed: a count between 1 and 7');
    expect(said.join('\n')).toContain('December 2026: no figures yet; they are due on 8 January 2027');
  });

  it('writes the regional report as a PDF with suppressed figures marked [c], as on screen', async () => {
    const lines = pdfTextLines(await tablesPdf(regionReportDocument(report)));
    const text = lines.join('\n');
    expect(text).toContain('Impact report by LERO, October 2026 to November 2026');
    expect(text).toContain('Final, released 8 November 2026');
    // The standard fonts cannot show Ŵ: it loses its accent rather than turn into a wrong letter.
    expect(text).toContain('Wyddgrug Recovery');
    expect(text).toContain('[c] means suppressed');
    const cells = lines.filter((l) => /^(\[c\]|\d+)$/.test(l));
    // November (newest first): the LERO's [c] and 0, the total's 20 and 0; October: 30, [c]; 45, [c].
    expect(cells).toEqual(['[c]', '0', '20', '0', '30', '[c]', '45', '[c]']);
  });

  it('says in XLSX and PDF exactly the figures of the JSON, suppressed ones as [c] (one controlled table)', async () => {
    const cell = fc.oneof(
      fc.constant(S),
      fc.integer({ min: 0, max: 60 }).map((n) => ({ value: n === 0 ? 0 : n * 5 + 5 })),
    );
    const values = fc.record({ attendances: cell, walkIns: cell });
    await fc.assert(
      fc.asyncProperty(fc.array(values, { minLength: 1, maxLength: 4 }), values, async (rows, total) => {
        const r: RegionImpactReport = {
          ...report,
          pending: [],
          rows: rows.map((v, i) => ({
            period: '2026-10',
            lero: { id: `l${i}`, name: `LERO ${i}` },
            status: 'released',
            values: v,
          })),
          totals: { '2026-10': { status: 'released', suppressBelow: 8, values: total } },
        };
        const shown = (c: ReportCell) => ('suppressed' in c ? '[c]' : String(c.value));
        const expected = [...rows, total].flatMap((v) => [shown(v.attendances), shown(v.walkIns)]);
        const doc = regionReportDocument(r);
        const sheet = (await sheetRows(await tablesXlsx(doc))).filter((l) =>
          /^(LERO \d|Regional)/.test(l[0]),
        );
        expect(sheet.flatMap((l) => l.slice(1))).toEqual(expected);
        const pdf = pdfTextLines(await tablesPdf(doc)).filter((l) => /^(\[c\]|\d+)$/.test(l));
        expect(pdf).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });

  it('marks a LERO’s own figures as not for publication, and writes its CSV without live formulas', async () => {
    const own: LeroImpactReport = {
      tenantId: 't',
      period: 'month',
      from: '2026-10',
      to: '2026-10',
      by: 'category',
      notForPublication: true,
      notice: 'Exact figures for your own LERO: not for publication.',
      metrics: ['newMembers', 'attendances', 'signposts'],
      rows: [
        { period: '2026-10', category: 'walking', status: 'released', values: { attendances: { value: 3 } } },
        { period: '2026-10', category: HOUSING, status: 'released', values: { signposts: { value: 4 } } },
      ],
      totals: {
        '2026-10': {
          status: 'released',
          values: { newMembers: { value: 2 }, attendances: { value: 3 }, signposts: { value: 4 } },
        },
      },
    };
    expect(parse(leroReportCsv(own), { columns: true })).toEqual([
      {
        period: '2026-10',
        status: 'released',
        category: 'walking',
        newMembers: '',
        attendances: '3',
        signposts: '',
      },
      {
        period: '2026-10',
        status: 'released',
        category: HOUSING,
        newMembers: '',
        attendances: '',
        signposts: '4',
      },
      {
        period: '2026-10',
        status: 'released',
        category: 'All activities',
        newMembers: '2',
        attendances: '3',
        signposts: '4',
      },
    ]);
    const rows = await sheetRows(await tablesXlsx(leroReportDocument(own)));
    expect(rows[0][0]).toContain('not for publication');
    expect(rows[1]).toEqual([own.notice]);
    expect(rows).toContainEqual([
      'Type of activity or signposting',
      'New members',
      'Attendances',
      'People signposted',
    ]);
    expect(rows).toContainEqual(['Walking', '–', '3', '–']);
    expect(rows).toContainEqual(['Signposted: Housing', '–', '–', '4']);
    expect(rows).toContainEqual(['All activities', '2', '3', '4']);
  });

  it('keeps what the standard fonts can show and makes the rest plain', () => {
    expect(winAnsi('Café “quoted” – £5 ’s')).toBe('Café “quoted” – £5 ’s');
    expect(winAnsi('Ŵyddgrug Łódź 日本')).toBe('Wyddgrug ?ódz ??');
  });
});
