import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SUGGESTION_STATUSES, type SuggestionStatus, type SuggestionView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, field, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { dateAndTime } from '../http/time';
import { WebController } from '../http/web-controller';
import { flash } from '../session/web-session';
import { Curator, type CuratorPage } from './curator-page';
import { cursorOf } from './curator-view';
import { detailsOf } from './listing-details';
import { shapeOfSuggestion } from './listing-shape';
import {
  SUGGESTION_TAGS,
  changeRows,
  leroNames,
  listingNames,
  suggestedBy,
  suggestionRow,
  suggestionTitle,
  unlessMissing,
} from './suggestion-view';

const PAGE_SIZE = 25;
const REASON_MAX = 1000;

/**
 * The queue of LEROs' suggestions for a region's curators (ADR 0040): waiting ones oldest first, one
 * suggestion with what it asks, approving it as it is, and rejecting it with a reason the LERO reads.
 * Approving with changes is `suggestion-edit.controller.ts`.
 */
@WebController('regions/:regionId/directory/suggestions')
export class SuggestionQueueController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async queue(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() { region, calls, curation }: CuratorPage,
    @Query('status') status?: string,
    @Query('cursor') cursor?: string,
  ): Promise<void> {
    const shown = SUGGESTION_STATUSES.includes(status as SuggestionStatus)
      ? (status as SuggestionStatus)
      : 'pending';
    const page = await curation.suggestions(region.id, {
      status: shown,
      limit: PAGE_SIZE,
      cursor: cursorOf(cursor),
    });
    const base = `/regions/${region.id}/directory/suggestions`;
    const [listings, leros] = await Promise.all([
      listingNames((id) => curation.listing(region.id, id), page.items),
      leroNames(calls, region.id),
    ]);
    await this.pages.render(req, reply, 'directory/suggestions', {
      region,
      directoryHref: `/regions/${region.id}/directory`,
      shown,
      tabs: SUGGESTION_STATUSES.map((s) => ({
        text: { pending: 'Waiting', approved: 'Approved', rejected: 'Not approved' }[s],
        href: `${base}?status=${s}`,
        current: s === shown,
      })),
      rows: page.items.map((s) => suggestionRow(s, `${base}/${s.id}`, { listings, leros })),
      nextHref: page.nextCursor
        ? `${base}?status=${shown}&cursor=${encodeURIComponent(page.nextCursor)}`
        : undefined,
      firstHref: cursorOf(cursor) ? `${base}?status=${shown}` : undefined,
    });
  }

  @Get(':suggestionId')
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() page: CuratorPage,
    @uuidParam('suggestionId') suggestionId: string,
  ): Promise<void> {
    const suggestion = await page.curation.suggestion(page.region.id, suggestionId);
    await this.renderSuggestion(req, reply, page, suggestion, NO_ERRORS);
  }

  @Post(':suggestionId/approve')
  @SignedInForm()
  async approve(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() page: CuratorPage,
    @uuidParam('suggestionId') suggestionId: string,
  ): Promise<void> {
    const { region, curation } = page;
    try {
      const approved = await curation.approve(region.id, suggestionId);
      const listing = await curation.listing(region.id, approved.listingId!);
      flash(req, 'Suggestion approved', `${listing.name} is in the directory as suggested.`);
      return this.pages.redirect(reply, `/regions/${region.id}/directory/suggestions`);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 409) throw err;
      const suggestion = await curation.suggestion(region.id, suggestionId);
      await this.renderSuggestion(
        req,
        reply,
        page,
        suggestion,
        new FormErrors().add('decide', err.detail).view(),
        409,
      );
    }
  }

  @Get(':suggestionId/reject')
  @SignedIn()
  async rejectForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() page: CuratorPage,
    @uuidParam('suggestionId') suggestionId: string,
  ): Promise<void> {
    const suggestion = await page.curation.suggestion(page.region.id, suggestionId);
    if (suggestion.status !== 'pending') return this.pages.redirect(reply, this.href(page, suggestion), 302);
    await this.renderReject(req, reply, page, suggestion, '', NO_ERRORS);
  }

  @Post(':suggestionId/reject')
  @SignedInForm()
  async reject(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() page: CuratorPage,
    @uuidParam('suggestionId') suggestionId: string,
  ): Promise<void> {
    const { region, curation } = page;
    const reason = field(req.body, 'reason');
    const errors = new FormErrors();
    if (!reason) errors.add('reason', 'Enter why it is not approved: the LERO reads this');
    else if (reason.length > REASON_MAX)
      errors.add('reason', `The reason must be ${REASON_MAX} characters or fewer`);
    if (errors.ok) {
      try {
        await curation.reject(region.id, suggestionId, reason);
        flash(req, 'Suggestion not approved', 'The LERO can read your reason with its suggestion.');
        return this.pages.redirect(reply, `/regions/${region.id}/directory/suggestions`);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
        errors.fromApi(err, { reason: 'The reason' }, 'reason');
      }
    }
    const suggestion = await curation.suggestion(region.id, suggestionId);
    await this.renderReject(req, reply, page, suggestion, reason, errors.view(['reason']), 400);
  }

  private href = ({ region }: CuratorPage, suggestion: SuggestionView) =>
    `/regions/${region.id}/directory/suggestions/${suggestion.id}`;

  private async renderSuggestion(
    req: WebRequest,
    reply: FastifyReply,
    page: CuratorPage,
    suggestion: SuggestionView,
    errors: FormView,
    status = 200,
  ) {
    const { region, calls, curation } = page;
    const listing = suggestion.listingId
      ? await curation.listing(region.id, suggestion.listingId).catch(unlessMissing)
      : undefined;
    const leros = await leroNames(calls, region.id);
    const body = suggestion.suggestion as { organizationId?: string; organization?: { name: string } };
    const organisation = body.organizationId
      ? (await page.feed.organizations(region.slug)).contents.find((o) => o.id === body.organizationId)?.name
      : body.organization?.name;
    const href = this.href(page, suggestion);
    const pending = suggestion.status === 'pending';
    await this.pages.render(
      req,
      reply,
      'directory/suggestion',
      {
        region,
        queueHref: `/regions/${region.id}/directory/suggestions`,
        suggestion,
        title: suggestionTitle(suggestion, listing?.name),
        lero: suggestedBy(suggestion, leros),
        made: dateAndTime(suggestion.createdAt),
        decided: suggestion.decidedAt ? dateAndTime(suggestion.decidedAt) : undefined,
        status: SUGGESTION_TAGS[suggestion.status],
        rows: suggestion.kind === 'change' && listing ? changeRows(suggestion, listing) : undefined,
        details:
          suggestion.kind === 'new' ? detailsOf(shapeOfSuggestion(suggestion), { organisation }) : undefined,
        listingHref: listing ? `/regions/${region.id}/directory/listings/${listing.id}` : undefined,
        approveAction: pending ? `${href}/approve` : undefined,
        editHref: pending ? `${href}/edit` : undefined,
        rejectHref: pending ? `${href}/reject` : undefined,
        errors,
      },
      status,
    );
  }

  private renderReject(
    req: WebRequest,
    reply: FastifyReply,
    page: CuratorPage,
    suggestion: SuggestionView,
    reason: string,
    errors: FormView,
    status = 200,
  ) {
    const href = this.href(page, suggestion);
    return this.pages.render(
      req,
      reply,
      'directory/reject',
      {
        region: page.region,
        title: suggestionTitle(suggestion),
        action: `${href}/reject`,
        backHref: href,
        values: { reason },
        errors,
      },
      status,
    );
  }
}
