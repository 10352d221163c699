import { BadRequestException, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ConsultationView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { cursorOf } from '../directory/curator-view';
import { FormErrors, NO_ERRORS, field, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { PageNotFound } from '../http/web-errors';
import { dateItems } from '../programme/recurrence-form';
import { flash } from '../session/web-session';
import { pager } from '../volunteering/volunteering-page';
import {
  CONSULTATION_ANCHORS,
  CONSULTATION_FIELDS,
  KIND_TEXT,
  apiErrorsOn,
  audienceItems,
  builderView,
  consultationFormFrom,
  consultationRequest,
  emptyConsultationForm,
  readConsultationForm,
  showOnPageItems,
  withAnotherBlock,
  type ConsultationFormValues,
} from './consultation-form';
import { Consultations, consultationCard, type ConsultationsPage } from './consultations-page';

/**
 * A LERO's consultations (ADR 0071): its staff list them, build a draft with the questions builder (which works
 * without JavaScript: "Add a question" posts the form and shows it again one block longer), open and close them;
 * its members linked to a member record see the open ones they can answer, the region's included.
 */
@WebController('leros/:tenantId/consultations')
export class ConsultationsController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Consultations() page: ConsultationsPage,
    @Query('cursor') cursor?: unknown,
  ) {
    const { ownerName, staff, base } = page;
    const after = cursorOf(cursor);
    const list = await page.consultations.list({ cursor: after });
    const cards = list.items.map(consultationCard);
    await this.pages.render(req, reply, 'advocacy/consultations', {
      ownerName,
      region: page.region,
      staff,
      base,
      // Staff see every state of their own; a member sees only the open ones the API gives them.
      drafts: cards.filter((c) => c.status === 'draft'),
      open: cards.filter((c) => c.status === 'open'),
      closed: cards.filter((c) => c.status === 'closed'),
      ...pager(base, list.nextCursor, after),
    });
  }

  @Get('new')
  @SignedIn()
  async newConsultation(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Consultations('staff') page: ConsultationsPage,
  ) {
    await this.renderForm(req, reply, page, emptyConsultationForm(), NO_ERRORS);
  }

  @Post()
  @SignedInForm()
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Consultations('staff') page: ConsultationsPage,
  ) {
    await this.save(req, reply, page);
  }

  @Get(':consultationId')
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Consultations('staff') page: ConsultationsPage,
    @uuidParam('consultationId') consultationId: string,
  ) {
    const c = await page.consultations.get(consultationId);
    await this.pages.render(req, reply, 'advocacy/consultation', {
      ownerName: page.ownerName,
      base: page.base,
      c: { ...consultationCard(c), public: c.public },
      // Its public link (ADR 0074), on this site's own address.
      publicLink: c.audience === 'public' ? `${this.pages.origin(req)}/consultations/${c.id}` : undefined,
      questions: c.questions.map((q) => ({ ...q, kind: KIND_TEXT[q.kind] })),
      aboutYou: c.aboutYou,
    });
  }

  @Get(':consultationId/edit')
  @SignedIn()
  async edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Consultations('staff') page: ConsultationsPage,
    @uuidParam('consultationId') consultationId: string,
  ) {
    const c = await page.consultations.get(consultationId);
    if (c.status !== 'draft') return this.pages.redirect(reply, `${page.base}/${c.id}`);
    await this.renderForm(req, reply, page, consultationFormFrom(c), NO_ERRORS, 200, c);
  }

  @Post(':consultationId/edit')
  @SignedInForm()
  async change(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Consultations('staff') page: ConsultationsPage,
    @uuidParam('consultationId') consultationId: string,
  ) {
    await this.save(req, reply, page, await page.consultations.get(consultationId));
  }

  /**
   * Show it on the public "you said, we did" page once closed, or keep it off (ADR 0075): its staff may change
   * this at any time, also once it is open or closed (a draft's form has the same choice).
   */
  @Post(':consultationId/public-page')
  @SignedInForm()
  async publicPage(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Consultations('staff') page: ConsultationsPage,
    @uuidParam('consultationId') consultationId: string,
  ) {
    const show = field(req.body, 'show');
    if (show !== 'yes' && show !== 'no') throw new BadRequestException('Choose whether to show it.');
    const c = await page.consultations.change(consultationId, { public: show === 'yes' });
    flash(
      req,
      c.public ? `${c.title} will show on your public page` : `${c.title} is off your public page`,
      c.public
        ? 'Once it is closed, anyone can read what it asked, its results once enough people answered, and the answers you publish.'
        : 'It does not show on your public ‘You said, we did’ page.',
    );
    await this.pages.redirect(reply, `${page.base}/${c.id}`);
  }

  /** Open a draft (its questions are frozen, members may answer) or close an open one (final results). */
  @Post(':consultationId/:change')
  @SignedInForm()
  async openOrClose(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Consultations('staff') page: ConsultationsPage,
    @uuidParam('consultationId') consultationId: string,
    @Param('change') change: string,
  ) {
    if (change !== 'open' && change !== 'close') throw new PageNotFound();
    const c =
      change === 'open'
        ? await page.consultations.open(consultationId)
        : await page.consultations.close(consultationId);
    flash(
      req,
      change === 'open' ? `${c.title} is open` : `${c.title} is closed`,
      change === 'open'
        ? 'Members can answer it now. Its questions can no longer change.'
        : 'Nobody can answer it any more. Its results are final.',
    );
    await this.pages.redirect(reply, `${page.base}/${c.id}`);
  }

  /** Saves the form, or shows it again one block longer when its "add" buttons were pressed. */
  private async save(
    req: WebRequest,
    reply: FastifyReply,
    page: ConsultationsPage,
    editing?: ConsultationView,
  ) {
    const { values, action } = readConsultationForm(req.body);
    if (action !== 'save')
      return this.renderForm(req, reply, page, withAnotherBlock(values, action), NO_ERRORS, 200, editing);
    const errors = new FormErrors();
    const built = consultationRequest(values, errors, page.region ? 'region' : 'members');
    if (built) {
      try {
        const c = editing
          ? await page.consultations.change(editing.id, built.dto)
          : await page.consultations.create(built.dto);
        flash(
          req,
          editing ? `${c.title} is changed` : `${c.title} is saved as a draft`,
          'Members cannot see it until you open it.',
        );
        return this.pages.redirect(reply, `${page.base}/${c.id}`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        const { labels, ids } = apiErrorsOn(built.kept);
        errors.fromApi(err, labels, 'title', ids);
      }
    }
    await this.renderForm(
      req,
      reply,
      page,
      values,
      errors.view(CONSULTATION_FIELDS, CONSULTATION_ANCHORS),
      400,
      editing,
    );
  }

  private renderForm(
    req: WebRequest,
    reply: FastifyReply,
    page: ConsultationsPage,
    values: ConsultationFormValues,
    errors: FormView,
    status = 200,
    editing?: ConsultationView,
  ) {
    return this.pages.render(
      req,
      reply,
      'advocacy/consultation-form',
      {
        ownerName: page.ownerName,
        base: page.base,
        values,
        errors,
        editing: editing ? { id: editing.id, title: editing.title } : undefined,
        opensOnItems: dateItems('opensOn', values.opensOn, errors),
        closesOnItems: dateItems('closesOn', values.closesOn, errors),
        audienceItems: audienceItems(values, page.region),
        showOnPageItems: showOnPageItems(values),
        builder: builderView(values),
      },
      status,
    );
  }
}

/** The same pages for a region's own consultations (ADR 0071): its admins run them; members answer in their LERO. */
@WebController('regions/:regionId/consultations')
export class RegionConsultationsController extends ConsultationsController {}
