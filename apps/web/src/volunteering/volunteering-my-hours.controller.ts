import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { HoursEntryView } from '@hearth/contracts';
import type { FastifyReply } from 'fastify';
import { MAX_HOURS_DESCRIPTION } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { cursorOf } from '../directory/curator-view';
import { FormErrors, NO_ERRORS, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { PageForbidden, PageNotFound } from '../http/web-errors';
import { uuidParam } from '../http/params';
import { memberIdIn } from '../navigation/navigation';
import { dateItems, selectOptions } from '../programme/recurrence-form';
import { flash } from '../session/web-session';
import {
  LOG_ANCHORS,
  LOG_FIELDS,
  LOG_IDS,
  LOG_LABELS,
  changeRequest,
  emptyLogForm,
  logFormOf,
  entryCard,
  hoursInWords,
  logRequest,
  readLogForm,
  totalsView,
  type LogHoursValues,
} from './hours-form';
import {
  Volunteering,
  pager,
  roleTitles,
  volunteerMemberId,
  type VolunteeringPage,
} from './volunteering-page';

/**
 * A volunteer's own hours (ADR 0061): what they logged or were proposed from shifts, with each one's status (a
 * declined one with its reason) and their approved totals; and "Log hours". The account must be linked to a
 * member record; logging needs it to be an active volunteer (the API decides again).
 */
@WebController('leros/:tenantId/volunteering/my-hours')
export class VolunteeringMyHoursController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async mine(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering() page: VolunteeringPage,
    @Query('cursor') cursor?: unknown,
  ) {
    const { lero, vol, base } = page;
    if (!memberIdIn(page.viewer, lero.id)) throw new PageForbidden();
    const after = cursorOf(cursor);
    const [list, totals, volunteerId] = await Promise.all([
      vol.myHours(lero.id, after),
      vol.myHoursTotals(lero.id),
      volunteerMemberId(page),
    ]);
    const titles = await roleTitles(
      page,
      list.items.map((e) => e.roleId),
    );
    // A role closed since keeps its title in the totals.
    for (const r of totals.byRole) if (!titles.has(r.roleId)) titles.set(r.roleId, r.title);
    await this.pages.render(req, reply, 'volunteering/my-hours', {
      lero,
      base,
      canLog: !!volunteerId,
      totals: totalsView(totals),
      entries: list.items.map((e) => entryCard(e, titles)),
      ...pager(`${base}/my-hours`, list.nextCursor, after),
    });
  }

  @Get('log')
  @SignedIn()
  async form(@Req() req: WebRequest, @Res() reply: FastifyReply, @Volunteering() page: VolunteeringPage) {
    await this.volunteer(page);
    await this.render(req, reply, page, emptyLogForm(), NO_ERRORS);
  }

  @Post()
  @SignedInForm()
  async log(@Req() req: WebRequest, @Res() reply: FastifyReply, @Volunteering() page: VolunteeringPage) {
    const memberId = await this.volunteer(page);
    const values = readLogForm(req.body);
    const errors = new FormErrors();
    const dto = logRequest(values, memberId, errors);
    let status = 400;
    if (dto) {
      try {
        const entry = await page.vol.logHours(page.lero.id, dto);
        flash(
          req,
          'Your hours are logged',
          `${hoursInWords(entry.minutes)}: a coordinator approves them, and then they count.`,
        );
        return this.pages.redirect(reply, `${page.base}/my-hours`);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
        status = err.status;
        errors.fromApi(err, LOG_LABELS, 'roleId', LOG_IDS);
      }
    }
    await this.render(req, reply, page, values, errors.view(LOG_FIELDS, LOG_ANCHORS), status);
  }

  @Get(':entryId/edit')
  @SignedIn()
  async changeForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering() page: VolunteeringPage,
    @uuidParam('entryId') entryId: string,
  ) {
    const entry = await this.ownEditable(page, entryId);
    await this.render(req, reply, page, logFormOf(entry), NO_ERRORS, 200, entry.id);
  }

  /** A change of one's own pending logged entry (ADR 0063); decided meanwhile, it says so on "My hours". */
  @Post(':entryId')
  @SignedInForm()
  async change(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering() page: VolunteeringPage,
    @uuidParam('entryId') entryId: string,
  ) {
    const memberId = this.linked(page);
    const values = readLogForm(req.body);
    const errors = new FormErrors();
    const dto = logRequest(values, memberId, errors);
    if (dto) {
      try {
        const entry = await page.vol.changeMyHours(page.lero.id, entryId, changeRequest(dto));
        flash(req, 'Your hours are changed', `${hoursInWords(entry.minutes)}: still waiting for approval.`);
        return this.pages.redirect(reply, `${page.base}/my-hours`);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
        if (err.status === 409) return this.decided(req, reply, page);
        errors.fromApi(err, LOG_LABELS, 'roleId', LOG_IDS);
      }
    }
    await this.render(req, reply, page, values, errors.view(LOG_FIELDS, LOG_ANCHORS), 400, entryId);
  }

  @Post(':entryId/withdraw')
  @SignedInForm()
  async withdraw(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering() page: VolunteeringPage,
    @uuidParam('entryId') entryId: string,
  ) {
    this.linked(page);
    try {
      await page.vol.withdrawMyHours(page.lero.id, entryId);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) return this.decided(req, reply, page);
      throw err;
    }
    flash(req, 'Your hours are withdrawn', 'They were never counted, so nothing else changes.');
    return this.pages.redirect(reply, `${page.base}/my-hours`);
  }

  private decided(req: WebRequest, reply: FastifyReply, page: VolunteeringPage) {
    flash(req, 'These hours can no longer be changed', 'A coordinator has approved or declined them.');
    return this.pages.redirect(reply, `${page.base}/my-hours`);
  }

  /** The viewer's own entry that they may still change: logged by hand and pending; anything else is not found. */
  private async ownEditable(page: VolunteeringPage, entryId: string): Promise<HoursEntryView> {
    this.linked(page);
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const list = await page.vol.myHours(page.lero.id, cursor);
      const entry = list.items.find((e) => e.id === entryId);
      if (entry) {
        if (entry.status !== 'pending' || entry.source !== 'logged') throw new PageNotFound();
        return entry;
      }
      if (!list.nextCursor) break;
      cursor = list.nextCursor;
    }
    throw new PageNotFound();
  }

  private linked(page: VolunteeringPage): string {
    const memberId = memberIdIn(page.viewer, page.lero.id);
    if (!memberId) throw new PageForbidden();
    return memberId;
  }

  /** The viewer's member record when it is an active volunteer's; anyone else may not log hours. */
  private async volunteer(page: VolunteeringPage): Promise<string> {
    const memberId = await volunteerMemberId(page);
    if (!memberId) throw new PageForbidden();
    return memberId;
  }

  private async render(
    req: WebRequest,
    reply: FastifyReply,
    page: VolunteeringPage,
    values: LogHoursValues,
    errors: FormView,
    status = 200,
    /** The entry being changed; none: logging new hours. */
    entryId?: string,
  ) {
    const roles = await page.vol.roles(page.lero.id, { status: 'open' });
    await this.pages.render(
      req,
      reply,
      'volunteering/log-hours',
      {
        lero: page.lero,
        base: page.base,
        values,
        errors,
        maxDescription: MAX_HOURS_DESCRIPTION,
        ...(entryId ? { action: `${page.base}/my-hours/${entryId}`, heading: 'Change your hours' } : {}),
        dateItems: dateItems('date', values.date, errors),
        roleOptions: selectOptions(
          roles.items.map((r) => ({ value: r.id, text: r.title })),
          values.roleId,
          'Choose a role',
        ),
      },
      status,
    );
  }
}
