import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { MeetingView } from '@hearth/contracts';
import { AdvocacyAsksApi } from '../api/advocacy-asks-api';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { RepresentationApi } from '../api/representation-api';
import { cursorOf } from '../directory/curator-view';
import { FormErrors, NO_ERRORS, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { longDate } from '../http/time';
import { WebController } from '../http/web-controller';
import { meetingsPath } from '../navigation/navigation';
import { callContext } from '../session/session-auth.service';
import { flash } from '../session/web-session';
import { BODY_KIND_WORDS } from './ask-form';
import { inOwnWords } from './ask-pages';
import {
  MEETING_ANCHORS,
  MEETING_FIELDS,
  MEETING_IDS,
  MEETING_LABELS,
  emptyMeetingForm,
  meetingChange,
  meetingFormChoices,
  meetingFormOf,
  meetingRequest,
  readMeetingForm,
  type MeetingFormValues,
} from './meeting-form';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A LERO's meetings, the representation log (ADR 0069, ADR 0073): its admins and coordinators log one in a short
 * phone form, list them (latest first, between two dates), read, change and remove one (a confirm step first).
 */
@WebController('leros/:tenantId/meetings')
export class MeetingsController {
  constructor(
    private readonly pages: Pages,
    private readonly api: HearthApi,
  ) {}

  @Get()
  @SignedIn()
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @Query('from') from?: unknown,
    @Query('to') to?: unknown,
    @Query('cursor') cursor?: unknown,
  ) {
    const base = meetingsPath(page.lero.id);
    const filter = {
      from: typeof from === 'string' ? from.trim() : '',
      to: typeof to === 'string' ? to.trim() : '',
    };
    const errors = new FormErrors();
    for (const name of ['from', 'to'] as const)
      if (filter[name] && !DAY.test(filter[name]))
        errors.add(name, `Enter the ${name === 'from' ? 'first' : 'last'} day as a date, like 2027-01-05`);
    let list: { items: MeetingView[]; nextCursor: string | null } = { items: [], nextCursor: null };
    const after = cursorOf(cursor);
    if (errors.ok) {
      try {
        list = await this.log(req, page).meetings({
          from: filter.from || undefined,
          to: filter.to || undefined,
          cursor: after,
        });
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(inOwnWords(err), { from: 'From', to: 'To' }, 'from');
      }
    }
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v)).toString();
    const here = query ? `${base}?${query}` : base;
    await this.pages.render(
      req,
      reply,
      'advocacy/meetings',
      {
        ownerName: page.lero.name,
        base,
        seatsHref: `/leros/${page.lero.id}/seats`,
        filter,
        filtered: Boolean(query),
        errors: errors.view(['from', 'to']),
        items: list.items.map(meetingCard),
        nextHref: list.nextCursor
          ? `${here}${query ? '&' : '?'}${new URLSearchParams({ cursor: list.nextCursor }).toString()}`
          : undefined,
        firstHref: after ? here : undefined,
      },
      errors.ok ? 200 : 400,
    );
  }

  @Get('new')
  @SignedIn()
  newMeeting(@Req() req: WebRequest, @Res() reply: FastifyReply, @Lero('staff') page: LeroPage) {
    return this.renderForm(req, reply, page, emptyMeetingForm(), NO_ERRORS);
  }

  @Post()
  @SignedInForm()
  create(@Req() req: WebRequest, @Res() reply: FastifyReply, @Lero('staff') page: LeroPage) {
    return this.save(req, reply, page);
  }

  @Get(':meetingId')
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @uuidParam('meetingId') meetingId: string,
  ) {
    const meeting = await this.log(req, page).meeting(meetingId);
    const asks = await this.asks(req, page).list();
    await this.pages.render(req, reply, 'advocacy/meeting', {
      ownerName: page.lero.name,
      base: meetingsPath(page.lero.id),
      m: meetingCard(meeting),
      asks: asks.items
        .filter((a) => meeting.askIds.includes(a.id))
        .map((a) => ({ href: `/leros/${page.lero.id}/asks/${a.id}`, what: a.what })),
    });
  }

  @Get(':meetingId/edit')
  @SignedIn()
  async edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @uuidParam('meetingId') meetingId: string,
  ) {
    const meeting = await this.log(req, page).meeting(meetingId);
    await this.renderForm(req, reply, page, meetingFormOf(meeting), NO_ERRORS, 200, meeting);
  }

  @Post(':meetingId/edit')
  @SignedInForm()
  async change(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @uuidParam('meetingId') meetingId: string,
  ) {
    await this.save(req, reply, page, await this.log(req, page).meeting(meetingId));
  }

  @Get(':meetingId/remove')
  @SignedIn()
  async confirmRemove(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @uuidParam('meetingId') meetingId: string,
  ) {
    const m = meetingCard(await this.log(req, page).meeting(meetingId));
    const base = meetingsPath(page.lero.id);
    await this.pages.render(req, reply, 'confirm', {
      confirm: {
        caption: page.lero.name,
        question: `Remove the meeting with ${m.body} on ${m.date}?`,
        paragraphs: ['Remove a meeting only if it was logged by mistake. It cannot be brought back.'],
        button: 'Yes, remove the meeting',
        classes: 'govuk-button--warning',
        action: `${base}/${m.id}/remove`,
        cancelHref: `${base}/${m.id}`,
      },
    });
  }

  @Post(':meetingId/remove')
  @SignedInForm()
  async remove(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @uuidParam('meetingId') meetingId: string,
  ) {
    await this.log(req, page).removeMeeting(meetingId);
    flash(req, 'The meeting is removed', 'It is no longer in your representation log.');
    await this.pages.redirect(reply, meetingsPath(page.lero.id));
  }

  private log = (req: WebRequest, page: LeroPage) =>
    new RepresentationApi(this.api, callContext(req, page.viewer.accessToken), page.lero.id);

  private asks = (req: WebRequest, page: LeroPage) =>
    new AdvocacyAsksApi(this.api, callContext(req, page.viewer.accessToken), {
      kind: 'lero',
      id: page.lero.id,
    });

  private async save(req: WebRequest, reply: FastifyReply, page: LeroPage, editing?: MeetingView) {
    const values = readMeetingForm(req.body);
    const errors = new FormErrors();
    const dto = meetingRequest(values, errors);
    const base = meetingsPath(page.lero.id);
    if (dto) {
      try {
        const log = this.log(req, page);
        if (editing) await log.changeMeeting(editing.id, meetingChange(dto));
        else await log.logMeeting(dto);
        flash(
          req,
          editing ? 'The meeting is changed' : 'The meeting is logged',
          'It is in your representation log.',
        );
        return this.pages.redirect(reply, editing ? `${base}/${editing.id}` : base);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(inOwnWords(err), MEETING_LABELS, 'where', MEETING_IDS);
      }
    }
    const shown = errors.view(MEETING_FIELDS, MEETING_ANCHORS);
    await this.renderForm(req, reply, page, values, shown, 400, editing);
  }

  private async renderForm(
    req: WebRequest,
    reply: FastifyReply,
    page: LeroPage,
    values: MeetingFormValues,
    errors: FormView,
    status = 200,
    editing?: MeetingView,
  ) {
    const [current, asks] = await Promise.all([this.log(req, page).seats(true), this.asks(req, page).list()]);
    // A meeting at a seat that has since ended keeps it on offer, so that changing it does not move it.
    const seatId = editing?.seatId;
    const seats =
      seatId && !current.items.some((s) => s.id === seatId)
        ? [...current.items, await this.log(req, page).seat(seatId)]
        : current.items;
    await this.pages.render(
      req,
      reply,
      'advocacy/meeting-form',
      {
        ownerName: page.lero.name,
        base: meetingsPath(page.lero.id),
        values,
        errors,
        editing: editing && { id: editing.id },
        ...meetingFormChoices(values, errors, seats, asks.items),
      },
      status,
    );
  }
}

/** A meeting as the list and its page show it. */
export const meetingCard = (m: MeetingView) => ({
  id: m.id,
  body: m.body.name,
  kind: BODY_KIND_WORDS[m.body.kind],
  atSeat: m.seatId !== null,
  date: longDate(`${m.date}T12:00:00Z`),
  representedBy: m.representedBy,
  asks: m.askIds.length,
  outcome: m.outcome,
});
