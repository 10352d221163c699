import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { flash } from '../session/web-session';
import { publishedTextsOf, resultsPage } from './consultation-answers';
import { Consultations, consultationCard, type ConsultationsPage } from './consultations-page';

/**
 * A consultation's results for the staff who run it (ADR 0071): "not enough responses yet" below k, counts and
 * shares per option and scale point, a split by an "about you" question when every group is big enough, the
 * written answers, and the box to publish them after review (ADR 0067). A LERO's, and a region's below.
 */
@WebController('leros/:tenantId/consultations')
export class ConsultationResultsController {
  constructor(private readonly pages: Pages) {}

  @Get(':consultationId/results')
  @SignedIn()
  async results(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Consultations('staff') page: ConsultationsPage,
    @uuidParam('consultationId') consultationId: string,
    @Query('by') by?: unknown,
  ) {
    const c = await page.consultations.get(consultationId);
    const chosen = typeof by === 'string' && c.aboutYou.some((q) => q.key === by) ? by : undefined;
    const results = await page.consultations.results(c.id, chosen);
    await this.pages.render(req, reply, 'advocacy/results', {
      ownerName: page.ownerName,
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
    const done = await page.consultations.publishTexts(consultationId, question, texts);
    flash(
      req,
      publishedWords(done.texts.length),
      done.texts.length
        ? 'Everyone who reads the results sees them as you published them.'
        : 'Nobody but the staff who run it sees the written answers now.',
    );
    await this.pages.redirect(reply, `${page.base}/${consultationId}/results`);
  }
}

/** The same pages for a region's own consultations, run by its admins. */
@WebController('regions/:regionId/consultations')
export class RegionConsultationResultsController extends ConsultationResultsController {}

const publishedWords = (n: number) =>
  n === 0
    ? 'The written answers are withdrawn'
    : `${n} written ${n === 1 ? 'answer is' : 'answers are'} published`;
