import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ConsultationView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { flash } from '../session/web-session';
import {
  answerForm,
  answersRequest,
  publishedTextsOf,
  readAnswers,
  resultsPage,
  type AnswerValues,
} from './consultation-answers';
import { Consultations, consultationCard, type ConsultationsPage } from './consultations-page';

/**
 * Answering a consultation on a phone (a member linked to a member record: one page of radios, boxes and text
 * boxes, "about you" clearly optional, a thank-you page that names nothing), and its results for the staff who run
 * it, with the written answers they publish after review (ADRs 0062, 0067, 0071).
 */
@WebController('leros/:tenantId/consultations')
export class ConsultationResponsesController {
  constructor(private readonly pages: Pages) {}

  @Get('thanks')
  @SignedIn()
  async thanks(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Consultations('member') page: ConsultationsPage,
  ) {
    await this.pages.render(req, reply, 'advocacy/thanks', { lero: page.lero, base: page.base });
  }

  @Get(':consultationId/respond')
  @SignedIn()
  async respondForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Consultations('member') page: ConsultationsPage,
    @uuidParam('consultationId') consultationId: string,
  ) {
    const c = await page.consultations.get(page.lero.id, consultationId);
    await this.renderRespond(req, reply, page, c, {}, NO_ERRORS);
  }

  /** The response: nothing of it is kept here or logged; the page after it names no consultation (ADR 0062). */
  @Post(':consultationId/respond')
  @SignedInForm()
  async respond(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Consultations('member') page: ConsultationsPage,
    @uuidParam('consultationId') consultationId: string,
  ) {
    const c = await page.consultations.get(page.lero.id, consultationId);
    const values = readAnswers(req.body, c);
    const errors = new FormErrors();
    const answers = answersRequest(c, values, errors);
    if (errors.ok) {
      try {
        await page.consultations.respond(page.lero.id, c.id, { answers });
        return this.pages.redirect(reply, `${page.base}/thanks`);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        if (err.status === 409 && (err.reason === 'AlreadyResponded' || err.reason === 'ConsultationNotOpen'))
          return this.pages.render(
            req,
            reply,
            'advocacy/not-taken',
            { lero: page.lero, base: page.base, title: c.title, already: err.reason === 'AlreadyResponded' },
            409,
          );
        if (err.status !== 400) throw err;
        errors.add(c.questions[0]?.key ?? 'answers', err.detail);
      }
    }
    await this.renderRespond(req, reply, page, c, values, errors.view(c.questions.map((q) => q.key)), 400);
  }

  @Get(':consultationId/results')
  @SignedIn()
  async results(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Consultations('staff') page: ConsultationsPage,
    @uuidParam('consultationId') consultationId: string,
    @Query('by') by?: unknown,
  ) {
    const c = await page.consultations.get(page.lero.id, consultationId);
    const chosen = typeof by === 'string' && c.aboutYou.some((q) => q.key === by) ? by : undefined;
    const results = await page.consultations.results(page.lero.id, c.id, chosen);
    await this.pages.render(req, reply, 'advocacy/results', {
      lero: page.lero,
      base: page.base,
      c: consultationCard(c),
      shown: results.shown,
      ...resultsPage(results, new Set(c.aboutYou.map((q) => q.key))),
      groupings: c.aboutYou.map((q) => ({ key: q.key, text: q.text, current: q.key === chosen })),
    });
  }

  /** Publishes a written question's answers as the staff member reviewed and edited them (`[]` withdraws them). */
  @Post(':consultationId/results/:question')
  @SignedInForm()
  async publish(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Consultations('staff') page: ConsultationsPage,
    @uuidParam('consultationId') consultationId: string,
    @Param('question') question: string,
  ) {
    const texts = publishedTextsOf(req.body);
    const done = await page.consultations.publishTexts(page.lero.id, consultationId, question, texts);
    flash(
      req,
      done.texts.length
        ? `${done.texts.length} written answers are published`
        : 'The written answers are withdrawn',
      done.texts.length
        ? 'Everyone who reads the results sees them as you published them.'
        : 'Nobody but the staff who run it sees the written answers now.',
    );
    await this.pages.redirect(reply, `${page.base}/${consultationId}/results`);
  }

  private renderRespond(
    req: WebRequest,
    reply: FastifyReply,
    page: ConsultationsPage,
    c: ConsultationView,
    values: AnswerValues,
    errors: FormView,
    status = 200,
  ) {
    return this.pages.render(
      req,
      reply,
      'advocacy/respond',
      {
        lero: page.lero,
        base: page.base,
        c: consultationCard(c),
        errors,
        ...answerForm(c, values, errors),
      },
      status,
    );
  }
}
