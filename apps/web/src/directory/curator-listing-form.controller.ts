import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { CreateListingDto, ListingView, UpdateListingDto } from '@hearth/contracts';
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
  emptyListingForm,
  listingFromForm,
  readListingForm,
  valuesOf,
  type ListingFormValues,
} from './listing-form';
import { listingFormContext, termChoices, type ListingFormPage } from './listing-form-view';
import { changesOf, compactObject, shapeOfListing } from './listing-shape';

const NEW = { organisation: true, status: false };
const CHANGE = { organisation: false, status: true };

/** Creating a listing and changing one: the HSDS fields that matter to a person, on one form. */
@WebController('regions/:regionId/directory/listings')
export class CuratorListingFormController {
  constructor(private readonly pages: Pages) {}

  @Get('new')
  @SignedIn()
  async newForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() page: CuratorPage,
  ): Promise<void> {
    await this.renderNew(req, reply, page, emptyListingForm(), new FormErrors());
  }

  @Post('new')
  @SignedInForm()
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() page: CuratorPage,
  ): Promise<void> {
    const { region, curation, feed } = page;
    const values = readListingForm(req.body);
    const organisations = (await feed.organizations(region.slug)).contents;
    const { shape, errors } = listingFromForm(values, NEW, {
      terms: termChoices(),
      organisations: organisations.map((o) => o.id),
    });
    if (shape) {
      try {
        const view = await curation.createListing(
          region.id,
          compactObject(shape) as unknown as CreateListingDto,
        );
        flash(req, 'Listing added', `${view.name} is in the directory.`);
        return this.pages.redirect(reply, `/regions/${region.id}/directory/listings/${view.id}`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(err, LISTING_API_LABELS, 'name', LISTING_API_IDS);
      }
    }
    await this.renderNew(req, reply, page, values, errors, 400);
  }

  @Get(':listingId/edit')
  @SignedIn()
  async editForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() page: CuratorPage,
    @uuidParam('listingId') listingId: string,
  ): Promise<void> {
    const view = await page.curation.listing(page.region.id, listingId);
    // Nothing to change here: a retired listing, or a LERO's that follows its activity (ADR 0049).
    if (view.status === 'retired' || view.source === 'lero')
      return this.pages.redirect(reply, `/regions/${page.region.id}/directory/listings/${view.id}`, 302);
    await this.renderEdit(req, reply, page, view, valuesOf(shapeOfListing(view)), new FormErrors());
  }

  @Post(':listingId/edit')
  @SignedInForm()
  async update(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Curator() page: CuratorPage,
    @uuidParam('listingId') listingId: string,
  ): Promise<void> {
    const { region, curation } = page;
    const view = await curation.listing(region.id, listingId);
    const base = shapeOfListing(view);
    const values = readListingForm(req.body);
    const { shape, errors } = listingFromForm(
      values,
      CHANGE,
      { terms: termChoices(view.taxonomyTerms), organisations: [] },
      base,
    );
    const changes = shape ? changesOf(shape, base) : {};
    if (shape && Object.keys(changes).length === 0)
      errors.add('name', 'You have not changed anything. Change something, or go back to the listing');
    if (shape && errors.ok) {
      try {
        const changed = await curation.updateListing(region.id, view.id, changes as UpdateListingDto);
        flash(req, 'Listing changed', `Your changes to ${changed.name} are saved.`);
        return this.pages.redirect(reply, `/regions/${region.id}/directory/listings/${view.id}`);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
        errors.fromApi(err, LISTING_API_LABELS, 'name', LISTING_API_IDS);
      }
    }
    await this.renderEdit(req, reply, page, view, values, errors, 400);
  }

  private async renderNew(
    req: WebRequest,
    reply: FastifyReply,
    { region, feed }: CuratorPage,
    values: ListingFormValues,
    errors: FormErrors,
    status = 200,
  ) {
    const base = `/regions/${region.id}/directory`;
    await this.render(req, reply, status, {
      caption: `${region.name} directory`,
      title: 'Add a listing',
      intro: [
        'Only the name and who runs it are needed. Add what a person needs to find it and decide to go.',
      ],
      action: `${base}/listings/new`,
      backHref: base,
      backText: 'Back to the directory',
      submit: 'Add listing',
      asks: NEW,
      values,
      errors: errors.ok ? NO_ERRORS : errors.view(LISTING_FORM_ORDER),
      organisations: (await feed.organizations(region.slug)).contents,
    });
  }

  private async renderEdit(
    req: WebRequest,
    reply: FastifyReply,
    { region }: CuratorPage,
    view: ListingView,
    values: ListingFormValues,
    errors: FormErrors,
    status = 200,
  ) {
    const href = `/regions/${region.id}/directory/listings/${view.id}`;
    await this.render(req, reply, status, {
      caption: view.organization.name,
      title: `Change ${view.name}`,
      action: `${href}/edit`,
      backHref: href,
      backText: `Back to ${view.name}`,
      submit: 'Save changes',
      asks: CHANGE,
      values,
      errors: errors.ok ? NO_ERRORS : errors.view(LISTING_FORM_ORDER),
      base: shapeOfListing(view),
      extraTerms: view.taxonomyTerms,
    });
  }

  private render(req: WebRequest, reply: FastifyReply, status: number, page: ListingFormPage) {
    return this.pages.render(req, reply, 'directory/listing-form', listingFormContext(page), status);
  }
}
