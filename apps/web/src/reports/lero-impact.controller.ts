import { BadRequestException, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { Lero, type LeroPage } from '../http/lero-page';
import { SignedIn } from '../http/guards';
import { sendApiFile } from '../http/api-file';
import { leroTables } from './impact-tables';
import { renderReportPage, reportOptions } from './report-page';
import { PERIOD_ADJECTIVES, readReportForm, spanInWords } from './report-query';

const BREAKDOWNS = ['total', 'category'] as const;
const BREAKDOWN_NAMES = { total: 'All activities together', category: 'Each type of activity' };
const form = (query: Record<string, unknown>) =>
  readReportForm(query, { breakdowns: BREAKDOWNS, defaultBy: 'total' });

/**
 * A LERO's own impact figures for its admins and coordinators: exact, without disclosure control, for its
 * own use (a funding bid, its committee) and marked as not for publication; as CSV and XLSX too.
 */
@WebController('leros/:tenantId')
export class LeroImpactController {
  constructor(private readonly pages: Pages) {}

  @Get('impact')
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, calls }: LeroPage,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const asked = form(query);
    await renderReportPage(this.pages, req, reply, 'reports/lero', asked, {
      page: {
        lero,
        action: `/leros/${lero.id}/impact`,
        breakdowns: reportOptions(BREAKDOWN_NAMES, asked.values.by),
      },
      load: (range) =>
        calls.leroImpact(lero.id, { ...range, ...(asked.by === 'category' ? { by: 'category' } : {}) }),
      show: (report) => {
        const range = new URLSearchParams({
          period: report.period,
          from: report.from,
          to: report.to,
          ...(report.by ? { by: report.by } : {}),
        }).toString();
        return {
          heading: `${PERIOD_ADJECTIVES[report.period]} figures${report.by ? ' by type of activity' : ''}, ${spanInWords(report)}`,
          notice: report.notice,
          tables: leroTables(report),
          csvHref: `/leros/${lero.id}/impact.csv?${range}`,
          xlsxHref: `/leros/${lero.id}/impact.xlsx?${range}`,
        };
      },
    });
  }

  /** The same exact figures as a file (the API names it as not for publication). */
  @Get(['impact.csv', 'impact.xlsx'])
  @SignedIn()
  async file(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, calls }: LeroPage,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const { range, by } = form(query);
    if (!range) throw new BadRequestException();
    const ext = req.url.split('?')[0].endsWith('.xlsx') ? 'xlsx' : 'csv';
    const file = await calls.leroImpactFile(
      lero.id,
      { ...range, ...(by === 'category' ? { by: 'category' } : {}) },
      ext,
    );
    await sendApiFile(reply, file);
  }
}
