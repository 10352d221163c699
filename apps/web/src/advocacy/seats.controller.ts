import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  SEAT_ROLES,
  type AskBodyKind,
  type CreateSeatDto,
  type SeatRole,
  type SeatView,
} from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { RepresentationApi } from '../api/representation-api';
import { FormErrors, NO_ERRORS, field, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { longDate } from '../http/time';
import { WebController } from '../http/web-controller';
import { meetingsPath } from '../navigation/navigation';
import { dateItems, datePartsOf, isoDateParts, type DateParts } from '../programme/recurrence-form';
import { callContext } from '../session/session-auth.service';
import { flash } from '../session/web-session';
import { BODY_KIND_WORDS, readDate, today, tooLong } from './ask-form';
import { inOwnWords } from './ask-pages';
import { ROLE_WORDS, bodyKindItems } from './meeting-form';

interface SeatFormValues {
  bodyName: string;
  bodyKind: string;
  role: string;
  since: DateParts;
  until: DateParts;
}

const SEAT_FIELDS = ['bodyName', 'bodyKind', 'role', 'since', 'until'];
const SEAT_ANCHORS = { bodyKind: 'bodyKind', role: 'role', since: 'since-day', until: 'until-day' };
const SEAT_LABELS: Record<string, string> = {
  body: 'The body',
  'body.name': 'Name of the body',
  'body.kind': 'Kind of body',
  role: 'Role',
  since: 'Since',
  until: 'Until',
};
const SEAT_IDS = { body: 'bodyName', 'body.name': 'bodyName', 'body.kind': 'bodyKind' };
const NO_DAY: DateParts = { day: '', month: '', year: '' };

const readSeatForm = (body: unknown): SeatFormValues => ({
  bodyName: field(body, 'bodyName'),
  bodyKind: field(body, 'bodyKind'),
  role: field(body, 'role'),
  since: datePartsOf(body, 'since'),
  until: datePartsOf(body, 'until'),
});

const seatFormOf = (s: SeatView): SeatFormValues => ({
  bodyName: s.body.name,
  bodyKind: s.body.kind,
  role: s.role,
  since: isoDateParts(s.since),
  until: s.until ? isoDateParts(s.until) : NO_DAY,
});

/** The seat as posted (`until: null` when its boxes are empty), or undefined with the form's own errors. */
function seatRequest(
  v: SeatFormValues,
  errors: FormErrors,
): (Omit<CreateSeatDto, 'until'> & { until: string | null }) | undefined {
  if (!v.bodyName)
    errors.add('bodyName', 'Enter the name of the body, like Leeds Recovery Partnership Board');
  else tooLong('bodyName', v.bodyName, 'The name of the body', 200, errors);
  if (!v.bodyKind) errors.add('bodyKind', 'Select the kind of body');
  if (!v.role) errors.add('role', 'Select the role your LERO holds');
  const since = readDate('since', v.since, 'the date the seat began', errors);
  const ended = Boolean(v.until.day || v.until.month || v.until.year);
  const until = ended ? readDate('until', v.until, 'the date the seat ended', errors) : undefined;
  if (!errors.ok || !since) return undefined;
  return {
    body: { name: v.bodyName, kind: v.bodyKind as AskBodyKind },
    role: v.role as SeatRole,
    since,
    until: until ?? null,
  };
}

/** A seat as the list shows it. */
const seatCard = (s: SeatView) => ({
  id: s.id,
  body: s.body.name,
  kind: BODY_KIND_WORDS[s.body.kind],
  role: ROLE_WORDS[s.role],
  since: longDate(`${s.since}T12:00:00Z`),
  until: s.until && longDate(`${s.until}T12:00:00Z`),
});

/**
 * A LERO's seats on boards, partnerships and forums (ADR 0069, ADR 0073): its admins and coordinators list the
 * current and ended ones, add one and change one, ending it with the day it ended.
 */
@WebController('leros/:tenantId/seats')
export class SeatsController {
  constructor(
    private readonly pages: Pages,
    private readonly api: HearthApi,
  ) {}

  @Get()
  @SignedIn()
  async list(@Req() req: WebRequest, @Res() reply: FastifyReply, @Lero('staff') page: LeroPage) {
    const log = this.log(req, page);
    const [current, ended] = await Promise.all([log.seats(true), log.seats(false)]);
    await this.pages.render(req, reply, 'advocacy/seats', {
      ownerName: page.lero.name,
      base: `/leros/${page.lero.id}/seats`,
      meetingsHref: meetingsPath(page.lero.id),
      current: current.items.map(seatCard),
      ended: ended.items.map(seatCard),
    });
  }

  @Get('new')
  @SignedIn()
  newSeat(@Req() req: WebRequest, @Res() reply: FastifyReply, @Lero('staff') page: LeroPage) {
    const values = {
      bodyName: '',
      bodyKind: '',
      role: '',
      since: isoDateParts(today(new Date())),
      until: NO_DAY,
    };
    return this.renderForm(req, reply, page, values, NO_ERRORS);
  }

  @Post()
  @SignedInForm()
  create(@Req() req: WebRequest, @Res() reply: FastifyReply, @Lero('staff') page: LeroPage) {
    return this.save(req, reply, page);
  }

  @Get(':seatId/edit')
  @SignedIn()
  async edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @uuidParam('seatId') seatId: string,
  ) {
    const seat = await this.log(req, page).seat(seatId);
    await this.renderForm(req, reply, page, seatFormOf(seat), NO_ERRORS, 200, seat);
  }

  @Post(':seatId/edit')
  @SignedInForm()
  async change(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @uuidParam('seatId') seatId: string,
  ) {
    await this.save(req, reply, page, await this.log(req, page).seat(seatId));
  }

  private log = (req: WebRequest, page: LeroPage) =>
    new RepresentationApi(this.api, callContext(req, page.viewer.accessToken), page.lero.id);

  private async save(req: WebRequest, reply: FastifyReply, page: LeroPage, editing?: SeatView) {
    const values = readSeatForm(req.body);
    const errors = new FormErrors();
    const dto = seatRequest(values, errors);
    if (dto) {
      try {
        const log = this.log(req, page);
        if (editing) await log.changeSeat(editing.id, dto);
        else await log.createSeat({ ...dto, until: dto.until ?? undefined });
        flash(
          req,
          editing ? 'The seat is changed' : 'The seat is added',
          'Log meetings at it from the meetings page.',
        );
        return this.pages.redirect(reply, `/leros/${page.lero.id}/seats`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(inOwnWords(err), SEAT_LABELS, 'bodyName', SEAT_IDS);
      }
    }
    await this.renderForm(req, reply, page, values, errors.view(SEAT_FIELDS, SEAT_ANCHORS), 400, editing);
  }

  private renderForm(
    req: WebRequest,
    reply: FastifyReply,
    page: LeroPage,
    values: SeatFormValues,
    errors: FormView,
    status = 200,
    editing?: SeatView,
  ) {
    return this.pages.render(
      req,
      reply,
      'advocacy/seat-form',
      {
        ownerName: page.lero.name,
        base: `/leros/${page.lero.id}/seats`,
        values,
        errors,
        editing: editing && { id: editing.id, body: editing.body.name },
        bodyKindItems: bodyKindItems(values.bodyKind),
        roleItems: SEAT_ROLES.map((r) => ({ value: r, text: ROLE_WORDS[r], checked: values.role === r })),
        sinceItems: dateItems('since', values.since, errors),
        untilItems: dateItems('until', values.until, errors),
      },
      status,
    );
  }
}
