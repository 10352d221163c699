import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SLUG_PATTERN, type SuggestListingDto } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { DirectoryFeedApi } from '../api/directory-feed-api';
import { HearthApi } from '../api/hearth-api';
import { LeroSuggestionsApi } from '../api/lero-suggestions-api';
import { FormErrors, NO_ERRORS, field } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { looksLikeUuid } from '../http/params';
import { WebController } from '../http/web-controller';
import { callContext } from '../session/session-auth.service';
import { flash } from '../session/web-session';
import { cursorOf } from './curator-view';
import type { HsdsOrganization, HsdsService } from '../api/hsds';
import {
  LISTING_API_IDS,
  LISTING_API_LABELS,
  LISTING_FORM_ORDER,
  emptyListingForm,
  listingFromForm,
  readListingForm,
  valuesOf,
  type ListingFormValues,
} from './listing-form';
import { listingFormContext, termChoices } from './listing-form-view';
import { changesOf, compactObject, shapeOfService, type ListingShape } from './listing-shape';
import { suggestionRow } from './suggestion-view';

const PAGE_SIZE = 25;
const NEW = { organisation: true, status: false };
const CHANGE = { organisation: false, status: false };

/** What a suggestion is about: a listing of the region's public directory (a change), or a new one. */
interface Target {
  slug?: string;
  service?: HsdsService;
  organisations: HsdsOrganization[];
}

/** The taxonomy terms a public listing has, by id and name (a region's own ones are offered to keep). */
const extraTermsOf = (service?: HsdsService) =>
  (service?.attributes ?? [])
    .filter((a) => a.taxonomy_term?.id && a.taxonomy_term.name)
    .map((a) => ({ id: a.taxonomy_term!.id!, name: a.taxonomy_term!.name! }));

const isSlug = (value: string) => value.length >= 2 && value.length <= 60 && SLUG_PATTERN.test(value);

/**
 * A LERO's part in its region's directory (ADR 0040): suggesting a listing, or a change to one found in the
 * public directory, and its suggestions with what the curators decided and why. For its admins and coordinators.
 */
@WebController('leros/:tenantId/directory')
export class LeroDirectoryController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  @Get()
  @SignedIn()
  async suggestions(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, viewer }: LeroPage,
    @Query('cursor') cursor?: string,
  ): Promise<void> {
    const suggestions = new LeroSuggestionsApi(this.api, callContext(req, viewer.accessToken));
    const page = await suggestions.suggestions(lero.id, { limit: PAGE_SIZE, cursor: cursorOf(cursor) });
    const base = `/leros/${lero.id}/directory`;
    const none = new Map<string, string>();
    await this.pages.render(req, reply, 'directory/lero', {
      lero,
      suggestHref: `${base}/suggest`,
      rows: page.items.map((s) => suggestionRow(s, '', { listings: none, leros: none })),
      nextHref: page.nextCursor ? `${base}?cursor=${encodeURIComponent(page.nextCursor)}` : undefined,
      firstHref: cursorOf(cursor) ? base : undefined,
    });
  }

  @Get('suggest')
  @SignedIn()
  async form(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @Query('region') region?: string,
    @Query('listing') listing?: string,
  ): Promise<void> {
    const target = await this.target(req, region, listing);
    const values = target.service ? valuesOf(shapeOfService(target.service)) : emptyListingForm();
    await this.render(req, reply, page, target, values, new FormErrors());
  }

  @Post('suggest')
  @SignedInForm()
  async suggest(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
  ): Promise<void> {
    const { lero, viewer } = page;
    const target = await this.target(req, field(req.body, 'region'), field(req.body, 'listing'));
    const values = readListingForm(req.body);
    const base: ListingShape = target.service ? shapeOfService(target.service) : {};
    const { shape, errors } = listingFromForm(
      values,
      target.service ? CHANGE : NEW,
      {
        terms: termChoices(extraTermsOf(target.service)),
        organisations: target.organisations.map((o) => o.id),
      },
      base,
    );
    let dto: SuggestListingDto | undefined;
    if (shape && target.service) {
      const changes = changesOf(shape, base);
      if (Object.keys(changes).length === 0)
        errors.add('name', 'You have not changed anything. Change what is wrong, or go back');
      else dto = { listingId: target.service.id, ...changes } as SuggestListingDto;
    } else if (shape) dto = compactObject(shape) as unknown as SuggestListingDto;
    if (dto) {
      try {
        await new LeroSuggestionsApi(this.api, callContext(req, viewer.accessToken)).suggest(lero.id, dto);
        flash(
          req,
          'Suggestion sent',
          'Your region’s curators will check it. Their answer will be shown here.',
        );
        return this.pages.redirect(reply, `/leros/${lero.id}/directory`);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 404].includes(err.status)) throw err;
        // A listing the region does not have (another region's, or retired meanwhile) is the API's 404.
        errors.fromApi(err, LISTING_API_LABELS, 'name', LISTING_API_IDS);
      }
    }
    await this.render(req, reply, page, target, values, errors, 400);
  }

  /** The public listing a change is for (from the region's feed), and the organisations a new one may join. */
  private async target(req: WebRequest, region?: string, listing?: string): Promise<Target> {
    const slug = typeof region === 'string' && isSlug(region) ? region : undefined;
    if (!slug) return { organisations: [] };
    const feed = new DirectoryFeedApi(this.api, callContext(req));
    if (typeof listing === 'string' && listing) {
      if (!looksLikeUuid(listing)) return { slug, organisations: [] };
      return { slug, service: await feed.service(slug, listing), organisations: [] };
    }
    return { slug, organisations: (await feed.organizations(slug)).contents };
  }

  private render(
    req: WebRequest,
    reply: FastifyReply,
    { lero }: LeroPage,
    target: Target,
    values: ListingFormValues,
    errors: FormErrors,
    status = 200,
  ) {
    const service = target.service;
    const back = `/leros/${lero.id}/directory`;
    return this.pages.render(
      req,
      reply,
      'directory/listing-form',
      listingFormContext({
        caption: lero.name,
        title: service ? `Suggest a change to ${service.name}` : 'Suggest a listing',
        intro: service
          ? [
              'Change what is wrong or missing. Your region’s curators check every change before it is published.',
            ]
          : [
              'Tell your region’s directory about a service people in recovery can use. Only its name and who runs it are needed.',
              'Your region’s curators check every suggestion before it is published.',
            ],
        action: `${back}/suggest`,
        backHref: service && target.slug ? `/regions/${target.slug}/directory/services/${service.id}` : back,
        backText: service ? `Back to ${service.name}` : 'Back to your suggestions',
        submit: 'Send suggestion',
        asks: service ? CHANGE : NEW,
        values,
        errors: errors.ok ? NO_ERRORS : errors.view(LISTING_FORM_ORDER),
        organisations: target.organisations,
        base: service ? shapeOfService(service) : undefined,
        extraTerms: extraTermsOf(service),
        hidden: {
          ...(target.slug ? { region: target.slug } : {}),
          ...(service ? { listing: service.id } : {}),
        },
      }),
      status,
    );
  }
}
