import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ConsultationView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { answerForm, answersRequest, readAnswers, shapeOf, type AnswerValues } from './consultation-answers';
import { Consultations, consultationCard, type ConsultationsPage } from './consultations-page';

/**
 * Answering a consultation on a phone (ADR 0071): a member linked to a member record, one page of radios, boxes and
 * text boxes, "about you" clearly optional, then a thank-you page that names nothing. A region's consultation is
 * answered here too, through the member's own LERO (ADR 0067).
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
    await this.pages.render(req, reply, 'advocacy/thanks', { ownerName: page.ownerName, base: page.base });
  }

  @Get(':consultationId/respond')
  @SignedIn()
  async respondForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Consultations('member') page: ConsultationsPage,
    @uuidParam('consultationId') consultationId: string,
  ) {
    const c = await page.consultations.get(consultationId);
    await this.renderRespond(req, reply, page, c, {}, NO_ERRORS);
  }

  /**
   * The response: nothing of it is kept here or logged, the API is asked nothing else while it is made (the form
   * carries its questions' shape), and the page after it names no consultation (ADRs 0062, 0071).
   */
  @Post(':consultationId/respond')
  @SignedInForm()
  async respond(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Consultations('member') page: ConsultationsPage,
    @uuidParam('consultationId') consultationId: string,
  ) {
    // The form says what it asked; only a broken one makes the consultation be read first.
    const shape = shapeOf(req.body) ?? (await page.consultations.get(consultationId));
    const values = readAnswers(req.body, shape);
    const errors = new FormErrors();
    const answers = answersRequest(shape, values, errors);
    if (errors.ok) {
      try {
        await page.consultations.respond(consultationId, { answers });
        return this.pages.redirect(reply, `${page.base}/thanks`);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        if (
          err.status === 409 &&
          (err.reason === 'AlreadyResponded' || err.reason === 'ConsultationNotOpen')
        ) {
          // Nothing was taken, so reading it now dates nothing; a closed one is no longer a member's to read.
          const read = await page.consultations.get(consultationId).catch(() => undefined);
          return this.pages.render(
            req,
            reply,
            'advocacy/not-taken',
            {
              ownerName: page.ownerName,
              base: page.base,
              title: read?.title,
              already: err.reason === 'AlreadyResponded',
            },
            409,
          );
        }
        if (err.status !== 400) throw err;
        errors.add(shape.questions[0].key, err.detail);
      }
    }
    const c = await page.consultations.get(consultationId);
    await this.renderRespond(req, reply, page, c, values, errors.view(c.questions.map((q) => q.key)), 400);
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
        ownerName: page.ownerName,
        base: page.base,
        c: consultationCard(c),
        errors,
        ...answerForm(c, values, errors),
      },
      status,
    );
  }
}
