import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ApproveSuggestionDto, ListingView, SuggestionView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { flash } from '../session/web-session';
import { Curator, type CuratorPage } from './curator-page';
import {
  LISTING_API_IDS,
  LISTING_API_LABELS,
  LISTING_FORM_ORDER,
  listingFromForm,
  readListingForm,
  valuesOf,
  type ListingFormValues,
} from './listing-form';
import { listingFormContext, termChoices } from './listing-form-view';
import { changesOf, shapeOfSuggestion, type ListingShape } from './listing-shape';
import { suggestionTitle } from './suggestion-view';

/**
 * Approving a suggestion with changes: the form filled in with the listing as the suggestion would make it;
 * what the curator changes on it is sent as the approval's edits, applied on top of the suggestion (ADR 0040).
 */
@WebController('regions/:regionId/directory/suggestions/:suggestionId/edit')
export class SuggestionEditController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async form(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() page: CuratorPage,
    @uuidParam('suggestionId') suggestionId: string,
  ): Promise<void> {
    const { suggestion, listing, shape } = await this.load(page, suggestionId);
    if (suggestion.status !== 'pending') return this.pages.redirect(reply, this.href(page, suggestion), 302);
    await this.render(req, reply, page, suggestion, listing, shape, valuesOf(shape), new FormErrors());
  }

  @Post()
  @SignedInForm()
  async approve(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() page: CuratorPage,
    @uuidParam('suggestionId') suggestionId: string,
  ): Promise<void> {
    const { region, curation, feed } = page;
    const { suggestion, listing, shape: suggested } = await this.load(page, suggestionId);
    const values = readListingForm(req.body);
    const isNew = suggestion.kind === 'new';
    const organisations = isNew
      ? [
          ...(await feed.organizations(region.slug)).contents.map((o) => o.id),
          ...(suggested.organizationId ? [suggested.organizationId] : []),
        ]
      : [];
    const { shape, errors } = listingFromForm(
      values,
      { organisation: isNew, status: false },
      { terms: termChoices(listing?.taxonomyTerms), organisations },
      suggested,
    );
    if (shape) {
      const edits: ApproveSuggestionDto = changesOf(shape, suggested) as ApproveSuggestionDto;
      if (isNew && shape.organizationId && shape.organizationId !== suggested.organizationId)
        edits.organizationId = shape.organizationId;
      else if (isNew && shape.organization && shape.organization.name !== suggested.organization?.name)
        edits.organization = shape.organization;
      try {
        const approved = await curation.approve(region.id, suggestion.id, edits);
        const made = await curation.listing(region.id, approved.listingId!);
        flash(req, 'Suggestion approved', `${made.name} is in the directory with your changes.`);
        return this.pages.redirect(reply, `/regions/${region.id}/directory/suggestions`);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
        errors.fromApi(err, LISTING_API_LABELS, 'name', LISTING_API_IDS);
      }
    }
    await this.render(req, reply, page, suggestion, listing, suggested, values, errors, 400);
  }

  private href = ({ region }: CuratorPage, suggestion: SuggestionView) =>
    `/regions/${region.id}/directory/suggestions/${suggestion.id}`;

  /** The suggestion, the listing it changes, and the listing as it would be once approved. */
  private async load(
    { region, curation }: CuratorPage,
    suggestionId: string,
  ): Promise<{ suggestion: SuggestionView; listing?: ListingView; shape: ListingShape }> {
    const suggestion = await curation.suggestion(region.id, suggestionId);
    const listing =
      suggestion.kind === 'change' && suggestion.listingId
        ? await curation.listing(region.id, suggestion.listingId)
        : undefined;
    return { suggestion, listing, shape: shapeOfSuggestion(suggestion, listing) };
  }

  private async render(
    req: WebRequest,
    reply: FastifyReply,
    page: CuratorPage,
    suggestion: SuggestionView,
    listing: ListingView | undefined,
    shape: ListingShape,
    values: ListingFormValues,
    errors: FormErrors,
    status = 200,
  ) {
    const href = this.href(page, suggestion);
    const isNew = suggestion.kind === 'new';
    await this.pages.render(
      req,
      reply,
      'directory/listing-form',
      listingFormContext({
        caption: 'Approve with changes',
        title: suggestionTitle(suggestion, listing?.name),
        intro: [
          'This is the listing as the suggestion would make it. Change what needs changing, then approve it.',
        ],
        action: `${href}/edit`,
        backHref: href,
        backText: 'Back to the suggestion',
        submit: 'Approve with these changes',
        asks: { organisation: isNew, status: false },
        values,
        errors: errors.ok ? NO_ERRORS : errors.view(LISTING_FORM_ORDER),
        organisations: isNew ? (await page.feed.organizations(page.region.slug)).contents : undefined,
        base: shape,
        extraTerms: listing?.taxonomyTerms,
      }),
      status,
    );
  }
}
