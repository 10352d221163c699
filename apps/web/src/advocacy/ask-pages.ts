import { Injectable, type PipeTransform } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AskView } from '@hearth/contracts';
import { AdvocacyAsksApi, type AskOwner } from '../api/advocacy-asks-api';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { FormErrors, NO_ERRORS, type FormView } from '../http/form.util';
import { Pages, type WebRequest } from '../http/pages';
import { leroPage, pageLookup, type LeroRule, type PageLookup } from '../http/lero-page';
import { pathUuid } from '../http/params';
import { NotSignedIn, PageForbidden } from '../http/web-errors';
import { isStaffOf, regionAdminOf } from '../navigation/navigation';
import { findRegion } from '../regions/find-region';
import { flash } from '../session/web-session';
import { callContext } from '../session/session-auth.service';
import { pager } from '../volunteering/volunteering-page';
import {
  ASK_ANCHORS,
  ASK_FIELDS,
  ASK_IDS,
  ASK_LABELS,
  UPDATE_ANCHORS,
  UPDATE_FIELDS,
  UPDATE_LABELS,
  askCard,
  askFormChoices,
  askFormOf,
  changeAskRequest,
  createAskRequest,
  emptyAskForm,
  emptyUpdateForm,
  readAskForm,
  readUpdateForm,
  updateFormChoices,
  updateRequest,
  type AskFormValues,
  type UpdateFormValues,
} from './ask-form';

/**
 * The API's field messages without the field's own name in front ("reason must be …" is "must be …"): the form puts
 * its label there instead.
 */
export const inOwnWords = (err: ApiError) =>
  new ApiError(err.status, err.code, err.detail, {
    ...err.extra,
    errors: err.errors.map((e) => {
      const name = e.field.split('.').pop()!;
      return {
        ...e,
        message: e.message.startsWith(`${name} `) ? e.message.slice(name.length + 1) : e.message,
      };
    }),
  });

/** Whose asks a page shows, to whom: a LERO's (its staff; its members read the public ones) or a region's own. */
export interface AsksPage {
  asks: AdvocacyAsksApi;
  /** `/leros/{id}/asks` or `/regions/{id}/asks`. */
  base: string;
  /** The LERO's or region's name, for captions. */
  ownerName: string;
  /** Raises and keeps asks; everyone else only reads (the API shows members the public ones only). */
  staff: boolean;
  /** The public "You said, we did" page of the LERO or region. */
  publicHref: string;
}

const asksPage = (
  api: HearthApi,
  req: WebRequest,
  owner: AskOwner,
  page: Omit<AsksPage, 'asks' | 'base'>,
): AsksPage => ({
  ...page,
  asks: new AdvocacyAsksApi(api, callContext(req, req.viewer?.accessToken), owner),
  base: `/${owner.kind === 'lero' ? 'leros' : 'regions'}/${owner.id}/asks`,
});

/**
 * The asks of the path's owner: a LERO's (`:tenantId`), for a viewer the rule lets in; or a region's own
 * (`:regionId`), for its admins only, the API's rule — anyone else the region's page shows (its commissioners,
 * platform admins) gets a 403, and a region the viewer's grants do not reach is a 404.
 */
@Injectable()
export class AsksPagePipe implements PipeTransform<PageLookup, Promise<AsksPage>> {
  constructor(private readonly api: HearthApi) {}

  async transform({ req, rule }: PageLookup): Promise<AsksPage> {
    const viewer = req.viewer;
    if (!viewer) throw new NotSignedIn();
    if ('tenantId' in (req.params as object)) {
      const { lero } = await leroPage(this.api, req, await pathUuid(req.params, 'tenantId'), rule);
      return asksPage(
        this.api,
        req,
        { kind: 'lero', id: lero.id },
        {
          ownerName: lero.name,
          staff: isStaffOf(viewer, lero.id),
          publicHref: `/leros/${lero.slug}/you-said-we-did`,
        },
      );
    }
    const calls = this.api.for(callContext(req, viewer.accessToken));
    const region = await findRegion(calls, await pathUuid(req.params, 'regionId'));
    if (!regionAdminOf(viewer, region.id)) throw new PageForbidden();
    return asksPage(
      this.api,
      req,
      { kind: 'region', id: region.id },
      { ownerName: region.name, staff: true, publicHref: `/regions/${region.slug}/you-said-we-did` },
    );
  }
}

/** `@Asks('staff') page: AsksPage`: the path's LERO (checked as `@Lero(rule)`) or region, with its asks API. */
export const Asks = (rule: LeroRule): ParameterDecorator => pageLookup(rule, AsksPagePipe);

/**
 * The asks screens (ADR 0070), the same for a LERO's and a region's: the list, raising one, its page with its
 * timeline and the form for a dated update, and changing its fields. The controllers decide who the page is for.
 */
@Injectable()
export class AskScreens {
  constructor(private readonly pages: Pages) {}

  async list(req: WebRequest, reply: FastifyReply, page: AsksPage, cursor?: string) {
    const list = await page.asks.list(cursor);
    await this.pages.render(req, reply, 'advocacy/asks', {
      ...this.frame(page),
      items: list.items.map((a) => ({ ...askCard(a), public: a.public })),
      ...pager(page.base, list.nextCursor, cursor),
    });
  }

  newForm(req: WebRequest, reply: FastifyReply, page: AsksPage) {
    return this.renderAskForm(req, reply, page, emptyAskForm(), NO_ERRORS);
  }

  async create(req: WebRequest, reply: FastifyReply, page: AsksPage) {
    this.staffOnly(page);
    const values = readAskForm(req.body);
    const errors = new FormErrors();
    const dto = createAskRequest(values, errors);
    if (dto) {
      try {
        const ask = await page.asks.create(dto);
        flash(req, 'The ask is raised', 'Add an update each time the body answers or something changes.');
        return this.pages.redirect(reply, `${page.base}/${ask.id}`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(inOwnWords(err), ASK_LABELS, 'what', ASK_IDS);
      }
    }
    await this.renderAskForm(req, reply, page, values, errors.view(ASK_FIELDS, ASK_ANCHORS), 400);
  }

  async show(req: WebRequest, reply: FastifyReply, page: AsksPage, askId: string) {
    const ask = await page.asks.get(askId);
    await this.renderAsk(req, reply, page, ask, emptyUpdateForm(), NO_ERRORS);
  }

  async addUpdate(req: WebRequest, reply: FastifyReply, page: AsksPage, askId: string) {
    this.staffOnly(page);
    const ask = await page.asks.get(askId);
    const values = readUpdateForm(req.body);
    const errors = new FormErrors();
    const dto = updateRequest(values, errors);
    if (dto) {
      try {
        await page.asks.addUpdate(ask.id, dto);
        flash(req, 'The update is added', 'It is on the ask’s timeline.');
        return this.pages.redirect(reply, `${page.base}/${ask.id}`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(inOwnWords(err), UPDATE_LABELS, 'text');
      }
    }
    const shown = errors.view(UPDATE_FIELDS, UPDATE_ANCHORS);
    await this.renderAsk(req, reply, page, ask, values, shown, 400);
  }

  async editForm(req: WebRequest, reply: FastifyReply, page: AsksPage, askId: string) {
    this.staffOnly(page);
    const ask = await page.asks.get(askId);
    await this.renderAskForm(req, reply, page, askFormOf(ask), NO_ERRORS, 200, ask);
  }

  async change(req: WebRequest, reply: FastifyReply, page: AsksPage, askId: string) {
    this.staffOnly(page);
    const ask = await page.asks.get(askId);
    const values = readAskForm(req.body);
    const errors = new FormErrors();
    const dto = changeAskRequest(values, ask, errors);
    if (dto) {
      try {
        await page.asks.change(ask.id, dto);
        flash(req, 'The ask is changed', 'Its timeline is as it was.');
        return this.pages.redirect(reply, `${page.base}/${ask.id}`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(inOwnWords(err), ASK_LABELS, 'what', ASK_IDS);
      }
    }
    const shown = errors.view(ASK_FIELDS, ASK_ANCHORS);
    await this.renderAskForm(req, reply, page, values, shown, 400, ask);
  }

  /** Forms are staff's: anyone else who reads the asks gets the friendly 403 before the API's. */
  private staffOnly(page: AsksPage) {
    if (!page.staff) throw new PageForbidden();
  }

  private frame = (page: AsksPage) => ({
    base: page.base,
    ownerName: page.ownerName,
    staff: page.staff,
    publicHref: page.publicHref,
  });

  private renderAsk(
    req: WebRequest,
    reply: FastifyReply,
    page: AsksPage,
    ask: AskView,
    values: UpdateFormValues,
    errors: FormView,
    status = 200,
  ) {
    return this.pages.render(
      req,
      reply,
      'advocacy/ask',
      {
        ...this.frame(page),
        ask: { ...askCard(ask), public: ask.public },
        values,
        errors,
        ...updateFormChoices(ask, values, errors),
      },
      status,
    );
  }

  private async renderAskForm(
    req: WebRequest,
    reply: FastifyReply,
    page: AsksPage,
    values: AskFormValues,
    errors: FormView,
    status = 200,
    editing?: AskView,
  ) {
    this.staffOnly(page);
    const named = await page.asks.consultations();
    return this.pages.render(
      req,
      reply,
      'advocacy/ask-form',
      {
        ...this.frame(page),
        values,
        errors,
        editing: editing && { id: editing.id, what: editing.what },
        ...askFormChoices(values, errors, named.items),
      },
      status,
    );
  }
}
