import { Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ASK_STATUSES,
  SLUG_PATTERN,
  type AskCounts,
  type PublicAskView,
  type PublicConsultationOutcomeView,
} from '@hearth/contracts';
import { PublicAsksApi } from '../api/advocacy-asks-api';
import { HearthApi } from '../api/hearth-api';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { PageNotFound } from '../http/web-errors';
import { SessionAuthService, callContext } from '../session/session-auth.service';
import { longDate } from '../http/time';
import { STATUS_WORDS, askCard } from './ask-form';
import { resultsPage } from './consultation-answers';

/** A LERO's or a region's short name as the API takes it; anything else is a missing page. */
export const isSlug = (value: string) => value.length >= 2 && value.length <= 60 && SLUG_PATTERN.test(value);

/** "12 asks: 3 done, 1 declined …" — the statuses with any, in the timeline's order; null shows nothing. */
const countsInWords = (c: AskCounts | null) =>
  c && {
    total: `${c.total} public ${c.total === 1 ? 'ask' : 'asks'}`,
    byStatus: ASK_STATUSES.filter((s) => c[s] > 0)
      .map((s) => `${c[s]} ${STATUS_WORDS[s].toLowerCase()}`)
      .join(', '),
  };

const cards = (items: PublicAskView[]) => items.map(askCard);

const ASKED_WHOM: Record<PublicConsultationOutcomeView['audience'], string> = {
  members: 'Asked of its members',
  region: 'Asked of the members of the region’s LEROs',
  public: 'Open to anyone',
};

/**
 * A closed consultation as the public pages show it (ADR 0075): what it asked and why, its figures through the same
 * shaping as the results page (an "about you" question's key starts with `a`), and the published answers.
 */
export const outcomeCard = (c: PublicConsultationOutcomeView) => {
  const shown =
    c.results &&
    resultsPage(
      {
        consultationId: '',
        status: 'closed',
        resultsThreshold: 0,
        shown: true,
        responses: c.results.responses,
        questions: c.results.questions,
      },
      new Set(c.results.questions.filter((q) => q.key.startsWith('a')).map((q) => q.key)),
    );
  return {
    title: c.title,
    purpose: c.purpose,
    askedBy: c.askedBy,
    useOfAnswers: c.useOfAnswers,
    asked: ASKED_WHOM[c.audience],
    ran: `${longDate(c.opensAt)} to ${longDate(c.closedAt)}`,
    hasFigures: shown !== null,
    responses: shown ? shown.responses : 0,
    questions: shown ? shown.questions.filter((q) => q.kind !== 'text') : [],
    published: c.published,
  };
};

/**
 * The public "You said, we did" pages (ADR 0070), no sign-in: a LERO's and a region's asks and what came of them, as
 * the API publishes them. A LERO whose figures are `regional-total-only` has no counts on its page, and on the
 * region's its asks are pooled naming no LERO (the API decides both; the page shows what it is given). Below the asks,
 * the closed consultations of the LERO, or the region's own, with their figures where shown (ADR 0075).
 */
@WebController()
export class PublicAsksController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
    private readonly auth: SessionAuthService,
  ) {}

  @Get('leros/:slug/you-said-we-did')
  async lero(@Req() req: WebRequest, @Res() reply: FastifyReply, @Param('slug') slug: string) {
    if (!isSlug(slug)) throw new PageNotFound();
    req.viewer = await this.auth.viewer(req).catch(() => undefined);
    const page = await new PublicAsksApi(this.api, callContext(req)).lero(slug);
    await this.pages.render(req, reply, 'advocacy/public-lero', {
      lero: page.lero,
      counts: countsInWords(page.counts),
      items: cards(page.items),
      consultations: page.consultations.map(outcomeCard),
    });
  }

  @Get('regions/:slug/you-said-we-did')
  async region(@Req() req: WebRequest, @Res() reply: FastifyReply, @Param('slug') slug: string) {
    if (!isSlug(slug)) throw new PageNotFound();
    req.viewer = await this.auth.viewer(req).catch(() => undefined);
    const page = await new PublicAsksApi(this.api, callContext(req)).region(slug);
    await this.pages.render(req, reply, 'advocacy/public-region', {
      region: page.region,
      totals: countsInWords(page.totals),
      regionAsks: cards(page.regionAsks),
      leros: page.leros.map((l) => ({ ...l.lero, counts: countsInWords(l.counts), items: cards(l.items) })),
      pooled: cards(page.pooled),
      regionConsultations: page.regionConsultations.map(outcomeCard),
    });
  }
}
