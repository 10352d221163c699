import { Injectable, type PipeTransform } from '@nestjs/common';
import { LERO_WEBHOOK_EVENT_TYPES, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@hearth/contracts';
import { HearthApi } from '../api/hearth-api';
import { WebhooksApi, type WebhookOwner } from '../api/webhooks-api';
import { leroPage, pageLookup, type PageLookup } from '../http/lero-page';
import type { WebRequest } from '../http/pages';
import { pathUuid } from '../http/params';
import { NotSignedIn, PageForbidden } from '../http/web-errors';
import { regionAdminOf } from '../navigation/navigation';
import { findRegion } from '../regions/find-region';
import { callContext } from '../session/session-auth.service';
import { administers } from './lero-data.controller';

/** Whose webhooks a page shows: a LERO's (its admins) or a region's own (its admins). */
export interface WebhooksPage {
  webhooks: WebhooksApi;
  /** `/leros/{id}/settings/webhooks` or `/regions/{id}/webhooks`. */
  base: string;
  /** The LERO's or region's name, for captions. */
  ownerName: string;
  /** Where the list page's back link goes: the LERO's settings, or the region's page. */
  back: { href: string; text: string };
  /** The event types this owner may subscribe to (a region's directory and reports are its own, ADR 0082). */
  eventTypes: readonly WebhookEventType[];
}

/**
 * The webhooks of the path's owner: a LERO's (`:tenantId`), for its admins; or a region's own (`:regionId`), for
 * its admins — anyone else the region's page shows gets a 403, and a region the viewer's grants do not reach a 404.
 */
@Injectable()
export class WebhooksPagePipe implements PipeTransform<PageLookup, Promise<WebhooksPage>> {
  constructor(private readonly api: HearthApi) {}

  async transform({ req }: PageLookup): Promise<WebhooksPage> {
    const viewer = req.viewer;
    if (!viewer) throw new NotSignedIn();
    if ('tenantId' in (req.params as object)) {
      const { lero } = await leroPage(this.api, req, await pathUuid(req.params, 'tenantId'), administers);
      return page(this.api, req, { kind: 'lero', id: lero.id }, lero.name, {
        href: `/leros/${lero.id}/settings`,
        text: 'Back to settings',
      });
    }
    const calls = this.api.for(callContext(req, viewer.accessToken));
    const region = await findRegion(calls, await pathUuid(req.params, 'regionId'));
    if (!regionAdminOf(viewer, region.id)) throw new PageForbidden();
    return page(this.api, req, { kind: 'region', id: region.id }, region.name, {
      href: `/regions/${region.id}`,
      text: `Back to ${region.name}`,
    });
  }
}

const page = (
  api: HearthApi,
  req: WebRequest,
  owner: WebhookOwner,
  ownerName: string,
  back: WebhooksPage['back'],
): WebhooksPage => ({
  webhooks: new WebhooksApi(api, callContext(req, req.viewer?.accessToken), owner),
  base: owner.kind === 'lero' ? `/leros/${owner.id}/settings/webhooks` : `/regions/${owner.id}/webhooks`,
  ownerName,
  back,
  eventTypes: owner.kind === 'lero' ? LERO_WEBHOOK_EVENT_TYPES : WEBHOOK_EVENT_TYPES,
});

/** `@Webhooks() page: WebhooksPage`: the path's LERO or region, checked for its admins, with its webhooks API. */
export const Webhooks = (): ParameterDecorator => pageLookup(undefined, WebhooksPagePipe);
