import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { PublicConsultationView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { PublicConsultationsApi } from '../api/public-consultations-api';
import { FormErrors, NO_ERRORS, field, rawField, type FormView } from '../http/form.util';
import { PublicForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { dateAndTime } from '../http/time';
import { WebController } from '../http/web-controller';
import { SessionAuthService, callContext } from '../session/session-auth.service';
import { answerForm, answersRequest, readAnswers, shapeOf, type AnswerValues } from './consultation-answers';
import { closingTime } from './consultations-page';

/** Where the error summary points when the answers were not sent for the bot check's sake. */
const SEND = 'send-answers';

/** Why the bot check refused a response, in words for the person (the API names the field). */
function checkRefusal(err: ApiError, nonce: string): string | undefined {
  const named = new Set(err.errors.map((e) => e.field));
  if (named.has('website'))
    return 'Your answers have not been sent: a box hidden from people was filled in, as automatic form filling in some browsers does. Send them again, and if this happens again, turn automatic form filling off for this page.';
  if (named.has('nonce') && !nonce)
    return 'Your answers have not been sent: your browser did not run the check this form needs. It needs JavaScript.';
  if (named.has('challenge') || named.has('nonce'))
    return 'Your answers have not been sent: the check that a person is sending them did not succeed (it lasts an hour). Send them again.';
  return undefined;
}

/**
 * A consultation's public link on the web (ADR 0074), no sign-in: the questions rendered by the server, and a
 * form whose bot check — a honeypot box hidden by the stylesheet and a proof-of-work (ADR 0067) — is done by a
 * small script of this site's own (`/assets/proof-of-work.js`). Without the script the form cannot be sent and
 * the page says so. As for members' answers (ADR 0071), these pages are not logged, the post asks the API
 * nothing but the response (the form carries its questions' shape), and the thank-you page names nothing.
 */
@WebController('consultations')
export class PublicConsultationController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
    private readonly auth: SessionAuthService,
  ) {}

  @Get('thanks')
  async thanks(@Req() req: WebRequest, @Res() reply: FastifyReply) {
    req.viewer = await this.auth.viewer(req).catch(() => undefined);
    await this.pages.render(req, reply, 'advocacy/public-thanks');
  }

  @Get(':consultationId')
  async page(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @uuidParam('consultationId') consultationId: string,
  ) {
    req.viewer = await this.auth.viewer(req).catch(() => undefined);
    const c = await this.read(req, consultationId);
    if (!c) return this.notOpen(req, reply, { sent: false });
    await this.renderForm(req, reply, c, {}, NO_ERRORS);
  }

  @Post(':consultationId')
  @PublicForm()
  async respond(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @uuidParam('consultationId') consultationId: string,
  ) {
    req.viewer = await this.auth.viewer(req).catch(() => undefined);
    // The form says what it asked; only a broken one makes the consultation be read first.
    const shape = shapeOf(req.body) ?? (await this.read(req, consultationId));
    if (!shape) return this.notOpen(req, reply, { sent: true });
    const values = readAnswers(req.body, shape);
    const errors = new FormErrors();
    const answers = answersRequest(shape, values, errors);
    if (errors.ok) {
      const nonce = field(req.body, 'nonce');
      const website = rawField(req.body, 'website');
      try {
        await this.publicApi(req).respond(consultationId, {
          answers,
          challenge: field(req.body, 'challenge'),
          nonce,
          ...(website ? { website } : {}),
        });
        return this.pages.redirect(reply, '/consultations/thanks');
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        if (err.status === 429) return this.limited(req, reply, err.extra.retryAfterSeconds);
        if (err.status === 404) return this.notOpen(req, reply, { sent: true });
        if (err.status === 409 && err.reason === 'ConsultationNotOpen')
          return this.notOpen(req, reply, { sent: true, closed: true });
        if (err.status !== 400) throw err;
        const refusal = checkRefusal(err, nonce);
        if (refusal) errors.add(SEND, refusal);
        else errors.add(shape.questions[0].key, err.detail);
      }
    }
    // Nothing was taken: read it again for a new challenge (a refused one is free again, but may have expired).
    const c = await this.read(req, consultationId);
    if (!c) return this.notOpen(req, reply, { sent: true });
    await this.renderForm(req, reply, c, values, errors.view(c.questions.map((q) => q.key)), 400);
  }

  private publicApi(req: WebRequest) {
    return new PublicConsultationsApi(this.api, callContext(req));
  }

  /** The open public consultation, or undefined where the API finds none (a draft, a closed or members' one). */
  private async read(req: WebRequest, consultationId: string): Promise<PublicConsultationView | undefined> {
    try {
      return await this.publicApi(req).get(consultationId);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return undefined;
      throw err;
    }
  }

  private renderForm(
    req: WebRequest,
    reply: FastifyReply,
    c: PublicConsultationView,
    values: AnswerValues,
    errors: FormView,
    status = 200,
  ) {
    return this.pages.render(
      req,
      reply,
      'advocacy/public-respond',
      {
        c: {
          id: c.id,
          title: c.title,
          purpose: c.purpose,
          askedBy: c.askedBy,
          useOfAnswers: c.useOfAnswers,
          closes: closingTime(c.closesAt),
          // Open but not yet taking answers: the form would only be refused.
          opens: Date.parse(c.opensAt) > Date.now() ? dateAndTime(c.opensAt) : undefined,
        },
        proofOfWork: c.proofOfWork,
        errors,
        sendError: errors.fields[SEND],
        ...answerForm(c, values, errors),
      },
      status,
    );
  }

  /** No such open public consultation (404), or one that closed while the form was filled in (409). */
  private notOpen(
    req: WebRequest,
    reply: FastifyReply,
    { sent, closed = false }: { sent: boolean; closed?: boolean },
  ) {
    return this.pages.render(req, reply, 'advocacy/public-not-open', { sent, closed }, closed ? 409 : 404);
  }

  /** Too many attempts from this address (the gateway's budget per address, ADR 0067): a page, not an error. */
  private async limited(req: WebRequest, reply: FastifyReply, retryAfterSeconds?: number) {
    if (retryAfterSeconds) void reply.header('retry-after', String(retryAfterSeconds));
    const minutes = retryAfterSeconds ? Math.max(1, Math.ceil(retryAfterSeconds / 60)) : undefined;
    await this.pages.render(req, reply, 'advocacy/public-limited', { minutes }, 429);
  }
}
