import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import {
  ADVOCACY_EXPORT_COLUMNS,
  AdvocacyRepresentationClient,
  EVENTS_EXPORT_COLUMNS,
  EventsClient,
  MAX_REPORT_MONTHS,
  MEMBERSHIP_EXPORT_COLUMNS,
  MembershipClient,
  REPORT_METRICS,
  ReportingClient,
  TenantsClient,
  VOLUNTEERING_EXPORT_COLUMNS,
  VolunteeringClient,
  type ExportCell,
  type LeroExportPage,
  type LeroImpactReport,
  type RequestContext,
  type TenantView,
} from '@hearth/contracts';
import { ZipWriter } from './zip-writer.util';
import { archiveReadme, type ArchiveFile } from './archive-readme.util';

/** One table of the archive, asked of the service that holds it a page at a time. */
interface PagedPart {
  file: string;
  columns: readonly string[];
  page: (cursor?: string) => Promise<LeroExportPage>;
}

/** Sessions may start up to a year before a LERO came to Hearth (registers filled in late): figures from then. */
const MONTHS_BEFORE_ONBOARDING = 12;

const text = (cell: ExportCell) => (cell === null ? '' : String(cell));

/**
 * CSV lines for a spreadsheet: UTF-8 (with a byte order mark on the header, so Excel reads accents right), CRLF,
 * and a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return) prefixed with `'`, so that no
 * spreadsheet runs it as a formula.
 */
const csvLines = (rows: ExportCell[][], header = false) =>
  stringify(
    rows.map((r) => r.map(text)),
    { escape_formulas: true, record_delimiter: 'windows', bom: header },
  );

const monthIndex = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/**
 * A LERO's whole archive (ADR 0034): members, consents, activities, sessions, RSVPs, attendance, its volunteering
 * (ADR 0060), its advocacy (asks, seats, meetings: ADR 0075) and its own exact figures, as CSV files in one zip with a README and a manifest. The tenants service authorises it (the LERO's
 * tenant-admins) and records it in the LERO's activity log first; every service authorises each page again.
 * Everything that can fail is asked before the first byte is sent (each part's first page, all the figures),
 * so a refusal or a service that is down is a plain problem+json; a failure after that breaks the download
 * rather than finish a zip with a silent gap.
 */
@Injectable()
export class LeroArchiveService {
  private readonly logger = new Logger(LeroArchiveService.name);

  constructor(
    private readonly tenants: TenantsClient,
    private readonly membership: MembershipClient,
    private readonly events: EventsClient,
    private readonly reporting: ReportingClient,
    private readonly volunteering: VolunteeringClient,
    private readonly advocacy: AdvocacyRepresentationClient,
  ) {}

  async open(ctx: RequestContext, tenantId: string): Promise<{ fileName: string; stream: Readable }> {
    const { lero, exportedAt } = await this.tenants.startLeroExport(ctx, tenantId);
    const parts = this.parts(ctx, lero.id);
    const [firstPages, figures] = await Promise.all([
      Promise.all(parts.map((p) => p.page())),
      this.figures(ctx, lero, new Date(exportedAt)),
    ]);
    const zip = new ZipWriter(new Date(exportedAt));
    void this.write(zip, lero, exportedAt, parts, firstPages, figures).catch((err: unknown) => {
      this.logger.warn({ err, tenantId: lero.id }, 'A LERO’s archive broke off while it was being sent');
      zip.abort(err instanceof Error ? err : new Error(String(err)));
    });
    return { fileName: `${lero.slug}-hearth-archive-${exportedAt.slice(0, 10)}.zip`, stream: zip.stream };
  }

  private parts(ctx: RequestContext, tenantId: string): PagedPart[] {
    const m = MEMBERSHIP_EXPORT_COLUMNS;
    const e = EVENTS_EXPORT_COLUMNS;
    const v = VOLUNTEERING_EXPORT_COLUMNS;
    const a = ADVOCACY_EXPORT_COLUMNS;
    const ofMembership = (part: keyof typeof m): PagedPart => ({
      file: `${part}.csv`,
      columns: m[part],
      page: (cursor) => this.membership.leroExportPage(ctx, tenantId, part, cursor),
    });
    const ofEvents = (part: keyof typeof e): PagedPart => ({
      file: `${part}.csv`,
      columns: e[part],
      page: (cursor) => this.events.leroExportPage(ctx, tenantId, part, cursor),
    });
    const ofVolunteering = (part: keyof typeof v): PagedPart => ({
      file: `${part}.csv`,
      columns: v[part],
      page: (cursor) => this.volunteering.leroExportPage(ctx, tenantId, part, cursor),
    });
    const ofAdvocacy = (part: keyof typeof a): PagedPart => ({
      file: `${part}.csv`,
      columns: a[part],
      page: (cursor) => this.advocacy.leroExportPage(ctx, tenantId, part, cursor),
    });
    return [
      ofMembership('members'),
      ofMembership('consents'),
      ofEvents('activities'),
      ofEvents('sessions'),
      ofEvents('rsvps'),
      ofEvents('attendance'),
      ofVolunteering('volunteering-training'),
      ofVolunteering('volunteering-roles'),
      ofVolunteering('volunteering-shifts'),
      ofVolunteering('volunteering-training-records'),
      ofVolunteering('volunteering-signups'),
      ofVolunteering('volunteering-hours'),
      ofVolunteering('volunteering-credentials'),
      ofVolunteering('volunteering-interests'),
      ofAdvocacy('advocacy-asks'),
      ofAdvocacy('advocacy-ask-updates'),
      ofAdvocacy('advocacy-seats'),
      ofAdvocacy('advocacy-meetings'),
    ];
  }

  /**
   * The LERO's exact figures month by month, from a year before it came to Hearth to this month, in total and
   * by type of activity: asked of reporting as the LERO's own report, five years at a time.
   */
  private async figures(ctx: RequestContext, lero: TenantView, now: Date): Promise<ArchiveTable[]> {
    const first = monthIndex(lero.createdAt) - MONTHS_BEFORE_ONBOARDING;
    const last = monthIndex(now.toISOString());
    const byMonth: ExportCell[][] = [];
    const byCategory: ExportCell[][] = [];
    for (let from = first; from <= last; from += MAX_REPORT_MONTHS) {
      const range = {
        period: 'month' as const,
        from: monthOf(from),
        to: monthOf(Math.min(last, from + MAX_REPORT_MONTHS - 1)),
      };
      const [total, split] = await Promise.all([
        this.reporting.leroImpact(ctx, lero.id, range),
        this.reporting.leroImpact(ctx, lero.id, { ...range, by: 'category' }),
      ]);
      byMonth.push(...rowsOf(total, false));
      byCategory.push(...rowsOf(split, true));
    }
    return [
      { file: 'figures-by-month.csv', columns: ['month', 'status', ...REPORT_METRICS], rows: byMonth },
      {
        file: 'figures-by-month-and-category.csv',
        columns: ['month', 'status', 'category', ...REPORT_METRICS],
        rows: byCategory,
      },
    ];
  }

  private async write(
    zip: ZipWriter,
    lero: TenantView,
    exportedAt: string,
    parts: PagedPart[],
    firstPages: LeroExportPage[],
    figures: ArchiveTable[],
  ): Promise<void> {
    const files: ArchiveFile[] = [];
    for (const [i, part] of parts.entries()) {
      zip.open(part.file);
      await zip.write(csvLines([[...part.columns]], true));
      let page: LeroExportPage | undefined = firstPages[i];
      let rows = 0;
      while (page) {
        if (page.rows.length > 0) await zip.write(csvLines(page.rows));
        rows += page.rows.length;
        if (zip.closed) return;
        page = page.nextCursor ? await part.page(page.nextCursor) : undefined;
      }
      zip.close();
      files.push({ name: part.file, columns: part.columns, rows });
    }
    for (const table of figures) {
      if (zip.closed) return;
      await zip.add(table.file, csvLines([[...table.columns]], true) + csvLines(table.rows));
      files.push({ name: table.file, columns: table.columns, rows: table.rows.length });
    }
    await zip.add('README.txt', archiveReadme(lero, exportedAt, files));
    // Last: a manifest that is there only when every file before it is whole.
    const manifest = { format: 'hearth-lero-archive', version: 1, exportedAt, lero, files };
    await zip.add('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
    zip.end();
  }
}

interface ArchiveTable {
  file: string;
  columns: readonly string[];
  rows: ExportCell[][];
}

/** A LERO report's periods as lines: month, status, (category,) then every metric (empty where not counted). */
function rowsOf(report: LeroImpactReport, byCategory: boolean): ExportCell[][] {
  const cells = (values: LeroImpactReport['rows'][number]['values']) =>
    REPORT_METRICS.map((m) => values[m]?.value ?? null);
  if (!byCategory) return report.rows.map((r) => [r.period, r.status, ...cells(r.values)]);
  // A line per category with figures in the month (months without any have none): totals are the other file.
  return report.rows.map((r) => [r.period, r.status, r.category ?? '', ...cells(r.values)]);
}
