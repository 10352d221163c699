import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { Lero, type LeroPage } from '../http/lero-page';
import { SignedIn } from '../http/guards';
import { leroTables } from './impact-tables';
import { renderReportPage, reportOptions } from './report-page';
import { PERIOD_ADJECTIVES, readReportForm, spanInWords } from './report-query';

const BREAKDOWNS = ['total', 'category'] as const;
const BREAKDOWN_NAMES = { total: 'All activities together', category: 'Each type of activity' };

/**
 * A LERO's own impact figures for its admins and coordinators: exact, without disclosure control, for its
 * own use (a funding bid, its committee) and marked as not for publication.
 */
@WebController('leros/:tenantId/impact')
export class LeroImpactController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, calls }: LeroPage,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const asked = readReportForm(query, { breakdowns: BREAKDOWNS, defaultBy: 'total' });
    await renderReportPage(this.pages, req, reply, 'reports/lero', asked, {
      page: {
        lero,
        action: `/leros/${lero.id}/impact`,
        breakdowns: reportOptions(BREAKDOWN_NAMES, asked.values.by),
      },
      load: (range) =>
        calls.leroImpact(lero.id, { ...range, ...(asked.by === 'category' ? { by: 'category' } : {}) }),
      show: (report) => ({
        heading: `${PERIOD_ADJECTIVES[report.period]} figures${report.by ? ' by type of activity' : ''}, ${spanInWords(report)}`,
        notice: report.notice,
        tables: leroTables(report),
      }),
    });
  }
}
