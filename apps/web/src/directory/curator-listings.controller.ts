import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { LISTING_STATUSES, type ListingStatus, type ListingView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, field, isEmail, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { flash } from '../session/web-session';
import { Curator, type CuratorPage } from './curator-page';
import { STATUS_TAGS, curatedListing, cursorOf, listingRow } from './curator-view';

const PAGE_SIZE = 25;

/**
 * A region's listings for its curators (ADR 0040): the list, one listing with its record, marking it checked
 * (assuring), retiring it, the "needs review" list (oldest check first), and the team's address.
 */
@WebController('regions/:regionId/directory')
export class CuratorListingsController {
  constructor(private readonly pages: Pages) {}

  @Get('listings')
  @SignedIn()
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() { region, curation }: CuratorPage,
    @Query('status') status?: string,
    @Query('cursor') cursor?: string,
  ): Promise<void> {
    const only = LISTING_STATUSES.includes(status as ListingStatus) ? (status as ListingStatus) : undefined;
    const page = await curation.listings(region.id, {
      status: only,
      limit: PAGE_SIZE,
      cursor: cursorOf(cursor),
    });
    const base = `/regions/${region.id}/directory`;
    await this.pages.render(req, reply, 'directory/listings', {
      region,
      base,
      rows: page.items.map((v) => listingRow(base, v)),
      statusItems: [
        { value: '', text: 'Every listing', selected: !only },
        ...LISTING_STATUSES.map((s) => ({ value: s, text: STATUS_TAGS[s].text, selected: s === only })),
      ],
      status: only,
      nextHref: page.nextCursor
        ? `${base}/listings?${new URLSearchParams({ ...(only ? { status: only } : {}), cursor: page.nextCursor }).toString()}`
        : undefined,
      firstHref: cursorOf(cursor) ? `${base}/listings${only ? `?status=${only}` : ''}` : undefined,
    });
  }

  @Get('needs-review')
  @SignedIn()
  async needsReview(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() { region, curation }: CuratorPage,
    @Query('cursor') cursor?: string,
  ): Promise<void> {
    const [page, settings] = await Promise.all([
      curation.needsReview(region.id, { limit: PAGE_SIZE, cursor: cursorOf(cursor) }),
      curation.settings(region.id),
    ]);
    const base = `/regions/${region.id}/directory`;
    await this.pages.render(req, reply, 'directory/needs-review', {
      region,
      base,
      months: settings.reviewMonths,
      rows: page.items.map((v) => listingRow(base, v)),
      nextHref: page.nextCursor
        ? `${base}/needs-review?cursor=${encodeURIComponent(page.nextCursor)}`
        : undefined,
      firstHref: cursorOf(cursor) ? `${base}/needs-review` : undefined,
    });
  }

  @Get('listings/:listingId')
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() page: CuratorPage,
    @uuidParam('listingId') listingId: string,
  ): Promise<void> {
    const view = await page.curation.listing(page.region.id, listingId);
    await this.renderListing(req, reply, page, view, NO_ERRORS);
  }

  /** Marks the listing checked today, in the name of the team's address (HSDS `assured_date`, `assurer_email`). */
  @Post('listings/:listingId/assure')
  @SignedInForm()
  async assure(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() page: CuratorPage,
    @uuidParam('listingId') listingId: string,
  ): Promise<void> {
    const { region, curation } = page;
    try {
      const view = await curation.assureListing(region.id, listingId);
      flash(req, 'Marked as checked', `${view.name} was checked today by ${view.assurerEmail}.`);
      return this.pages.redirect(reply, `/regions/${region.id}/directory/listings/${view.id}`);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 409) throw err;
      const view = await curation.listing(region.id, listingId);
      const errors = new FormErrors().add('assure', err.detail).view();
      await this.renderListing(req, reply, page, view, errors, 409);
    }
  }

  @Get('listings/:listingId/retire')
  @SignedIn()
  async confirmRetire(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() { region, curation }: CuratorPage,
    @uuidParam('listingId') listingId: string,
  ): Promise<void> {
    const view = await curation.listing(region.id, listingId);
    const listingHref = `/regions/${region.id}/directory/listings/${view.id}`;
    if (view.status === 'retired') return this.pages.redirect(reply, listingHref, 302);
    await this.pages.render(req, reply, 'confirm', {
      confirm: {
        caption: `${region.name} directory`,
        question: `Retire ${view.name}?`,
        paragraphs: [
          'It leaves the public directory and the region’s feed for good. Its record and its change log are kept.',
          'To take it out of the directory for a while instead, change it and choose “Hidden”.',
        ],
        warning:
          'A retired listing cannot be changed or brought back. If the service starts again, list it again.',
        action: `${listingHref}/retire`,
        button: 'Retire listing',
        classes: 'govuk-button--warning',
        cancelHref: listingHref,
      },
    });
  }

  @Post('listings/:listingId/retire')
  @SignedInForm()
  async retire(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() { region, curation }: CuratorPage,
    @uuidParam('listingId') listingId: string,
  ): Promise<void> {
    const view = await curation.retireListing(region.id, listingId);
    flash(req, 'Listing retired', `${view.name} is no longer in the directory.`);
    await this.pages.redirect(reply, `/regions/${region.id}/directory/listings/${view.id}`);
  }

  @Get('settings')
  @SignedIn()
  async settings(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator('admins') page: CuratorPage,
  ): Promise<void> {
    const settings = await page.curation.settings(page.region.id);
    await this.renderSettings(
      req,
      reply,
      page,
      settings.contactEmail ?? '',
      settings.assurerEmail,
      NO_ERRORS,
    );
  }

  @Post('settings')
  @SignedInForm()
  async saveSettings(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator('admins') page: CuratorPage,
  ): Promise<void> {
    const { region, curation } = page;
    const contactEmail = field(req.body, 'contactEmail');
    const errors = new FormErrors();
    if (contactEmail && !isEmail(contactEmail))
      errors.add('contactEmail', 'Enter an email address in the correct format, like directory@example.org');
    if (errors.ok) {
      try {
        await curation.updateSettings(region.id, contactEmail || null);
        flash(
          req,
          'Saved',
          contactEmail
            ? `Checks are now made in the name of ${contactEmail}.`
            : 'The team’s address is cleared.',
        );
        return this.pages.redirect(reply, `/regions/${region.id}/directory`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(err, { contactEmail: 'The team’s address' }, 'contactEmail');
      }
    }
    const settings = await curation.settings(region.id);
    await this.renderSettings(req, reply, page, contactEmail, settings.assurerEmail, errors.view(), 400);
  }

  private renderListing(
    req: WebRequest,
    reply: FastifyReply,
    { region }: CuratorPage,
    view: ListingView,
    errors: FormView,
    status = 200,
  ) {
    const base = `/regions/${region.id}/directory`;
    const listingHref = `${base}/listings/${view.id}`;
    return this.pages.render(
      req,
      reply,
      'directory/curated-listing',
      {
        region,
        base,
        listing: curatedListing(view),
        errors,
        editHref: view.status === 'retired' || view.source === 'lero' ? undefined : `${listingHref}/edit`,
        retireHref: view.status === 'retired' ? undefined : `${listingHref}/retire`,
        assureAction: view.status === 'retired' ? undefined : `${listingHref}/assure`,
        publicHref:
          view.status === 'active' ? `/regions/${region.slug}/directory/services/${view.id}` : undefined,
      },
      status,
    );
  }

  private renderSettings(
    req: WebRequest,
    reply: FastifyReply,
    { region }: CuratorPage,
    contactEmail: string,
    assurerEmail: string | null,
    errors: FormView,
    status = 200,
  ) {
    return this.pages.render(
      req,
      reply,
      'directory/settings',
      { region, base: `/regions/${region.id}/directory`, values: { contactEmail }, assurerEmail, errors },
      status,
    );
  }
}
