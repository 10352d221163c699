import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { HoursEntryView, HoursTotalsView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { cursorOf } from '../directory/curator-view';
import { FormErrors, NO_ERRORS, field, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { PageNotFound } from '../http/web-errors';
import { flash } from '../session/web-session';
import {
  durationValuesOf,
  entryCard,
  hoursInWords,
  readDeclineReason,
  readDuration,
  totalsView,
  type DurationValues,
} from './hours-form';
import { Volunteering, memberNames, pager, roleTitles, type VolunteeringPage } from './volunteering-page';

/** Pages of one member's entries the decision page looks through for one (oldest first, 100 a page). */
const MAX_PAGES = 20;

/**
 * Volunteers' hours for the LERO's admins and coordinators (ADR 0061): the approvals queue, a volunteer's hours and
 * totals, and one entry's decision — approve as asked, approve with other hours, or decline with a reason the
 * volunteer sees. Names are asked of membership per page, never kept (ADR 0059).
 */
@WebController('leros/:tenantId/volunteering')
export class VolunteeringHoursController {
  constructor(private readonly pages: Pages) {}

  @Get('hours')
  @SignedIn()
  async queue(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @Query('cursor') cursor?: unknown,
  ) {
    const after = cursorOf(cursor);
    const list = await page.vol.hours(page.lero.id, { status: 'pending', cursor: after });
    const [names, titles] = await Promise.all([
      memberNames(
        page,
        list.items.map((e) => e.memberId),
      ),
      roleTitles(
        page,
        list.items.map((e) => e.roleId),
      ),
    ]);
    await this.pages.render(req, reply, 'volunteering/hours-queue', {
      lero: page.lero,
      base: page.base,
      entries: list.items.map((e) => entryCard(e, titles, names.get(e.memberId))),
      ...pager(`${page.base}/hours`, list.nextCursor, after),
    });
  }

  @Get('volunteers/:memberId/hours')
  @SignedIn()
  async volunteer(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('memberId') memberId: string,
    @Query('cursor') cursor?: unknown,
  ) {
    const { lero, vol, calls, base } = page;
    const after = cursorOf(cursor);
    const [member, totals, list] = await Promise.all([
      calls.member(lero.id, memberId),
      vol.hoursTotals(lero.id, memberId).catch(noHoursYet(memberId)),
      vol.hours(lero.id, { memberId, cursor: after }),
    ]);
    const titles = await roleTitles(
      page,
      list.items.map((e) => e.roleId),
    );
    await this.pages.render(req, reply, 'volunteering/volunteer-hours', {
      lero,
      base,
      member: { id: member.id, name: member.displayName },
      totals: totalsView(totals),
      entries: list.items.map((e) => entryCard(e, titles, member.displayName)),
      ...pager(`${base}/volunteers/${member.id}/hours`, list.nextCursor, after),
    });
  }

  @Get('volunteers/:memberId/hours/:entryId')
  @SignedIn()
  async entry(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('memberId') memberId: string,
    @uuidParam('entryId') entryId: string,
  ) {
    const entry = await this.find(page, memberId, entryId);
    await this.decide(req, reply, page, entry, durationValuesOf(entry.approvedMinutes ?? entry.minutes), '');
  }

  @Post('volunteers/:memberId/hours/:entryId/approve')
  @SignedInForm()
  async approve(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('memberId') memberId: string,
    @uuidParam('entryId') entryId: string,
  ) {
    const adjusting = field(req.body, 'adjust') === 'yes';
    const asked = { hours: field(req.body, 'hours'), minutes: field(req.body, 'minutes') };
    const errors = new FormErrors();
    const minutes = adjusting ? readDuration(asked, errors) : undefined;
    if (errors.ok) {
      try {
        const approved = await page.vol.approveHours(page.lero.id, entryId, minutes);
        const titles = await roleTitles(page, [approved.roleId]);
        flash(
          req,
          'Hours approved',
          `${hoursInWords(approved.approvedMinutes ?? approved.minutes)} of ${entryCard(approved, titles).role} count.`,
        );
        return this.pages.redirect(reply, this.back(req, page, memberId));
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(err, { minutes: 'Hours' }, 'hours', { minutes: 'hours' });
      }
    }
    const entry = await this.find(page, memberId, entryId);
    await this.decide(req, reply, page, entry, asked, '', errors.view(['hours', 'minutes', 'reason']), 400);
  }

  @Post('volunteers/:memberId/hours/:entryId/decline')
  @SignedInForm()
  async decline(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('memberId') memberId: string,
    @uuidParam('entryId') entryId: string,
  ) {
    const errors = new FormErrors();
    const reason = readDeclineReason(req.body, errors);
    if (reason !== undefined) {
      try {
        await page.vol.declineHours(page.lero.id, entryId, reason);
        flash(req, 'Hours declined', 'The volunteer sees your reason with their hours.');
        return this.pages.redirect(reply, this.back(req, page, memberId));
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(err, { reason: 'Reason' }, 'reason');
      }
    }
    const entry = await this.find(page, memberId, entryId);
    const kept = durationValuesOf(entry.approvedMinutes ?? entry.minutes);
    await this.decide(req, reply, page, entry, kept, field(req.body, 'reason'), errors.view(['reason']), 400);
  }

  /** One of this member's entries, or "not found" (another LERO's or another member's look the same). */
  private async find(page: VolunteeringPage, memberId: string, entryId: string): Promise<HoursEntryView> {
    let cursor: string | undefined;
    for (let n = 0; n < MAX_PAGES; n++) {
      const list = await page.vol.hours(page.lero.id, { memberId, cursor });
      const entry = list.items.find((e) => e.id === entryId);
      if (entry) return entry;
      if (!list.nextCursor) break;
      cursor = list.nextCursor;
    }
    throw new PageNotFound();
  }

  /** Back to the queue when the decision was made there, else to the volunteer's hours. */
  private back(req: WebRequest, page: VolunteeringPage, memberId: string): string {
    return field(req.body, 'back') === 'queue'
      ? `${page.base}/hours`
      : `${page.base}/volunteers/${memberId}/hours`;
  }

  private async decide(
    req: WebRequest,
    reply: FastifyReply,
    page: VolunteeringPage,
    entry: HoursEntryView,
    duration: DurationValues,
    reason: string,
    errors: FormView = NO_ERRORS,
    status = 200,
  ) {
    const [names, titles] = await Promise.all([
      memberNames(page, [entry.memberId]),
      roleTitles(page, [entry.roleId]),
    ]);
    await this.pages.render(
      req,
      reply,
      'volunteering/hours-decide',
      {
        lero: page.lero,
        base: page.base,
        entry: entryCard(entry, titles, names.get(entry.memberId)),
        duration,
        reason,
        errors,
      },
      status,
    );
  }
}

/** A member with no hours and no volunteer record yet has none to total, which is not an error on their page. */
const noHoursYet =
  (memberId: string) =>
  (err: unknown): HoursTotalsView => {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    return { memberId, year: new Date().getFullYear(), allTimeMinutes: 0, thisYearMinutes: 0, byRole: [] };
  };
