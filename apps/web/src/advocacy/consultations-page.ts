import { Injectable, type PipeTransform } from '@nestjs/common';
import type { ConsultationStatus, ConsultationView, TenantView } from '@hearth/contracts';
import {
  ConsultationsApi,
  leroConsultationsApiPath,
  regionConsultationsApiPath,
} from '../api/consultations-api';
import { HearthApi } from '../api/hearth-api';
import { leroPage, pageLookup, type LeroRule, type PageLookup } from '../http/lero-page';
import type { WebRequest } from '../http/pages';
import { pathUuid } from '../http/params';
import { clockTime, dateAndTime, longDate } from '../http/time';
import { NotSignedIn, PageForbidden } from '../http/web-errors';
import {
  consultationsPath,
  isStaffOf,
  memberIdIn,
  regionAdminOf,
  regionConsultationsPath,
} from '../navigation/navigation';
import { findRegion } from '../regions/find-region';
import { callContext } from '../session/session-auth.service';
import type { Viewer } from '../session/web-session';

/**
 * A consultations page (ADR 0071): a LERO's (its path's `:tenantId`) or a region's (`:regionId`), as the viewer
 * sees it, with that owner's consultations API as them.
 */
export interface ConsultationsPage {
  viewer: Viewer;
  /** The LERO's or the region's name. */
  ownerName: string;
  consultations: ConsultationsApi;
  /** A LERO's admins and coordinators, a region's admins: they run its consultations. */
  staff: boolean;
  /** A region's: asked of every LERO's members in the region. */
  region: boolean;
  /** `/leros/{id}/consultations` or `/regions/{id}/consultations`. */
  base: string;
}

/** Who a page is for: the staff who run consultations, the members who answer them, or either. */
export type ConsultationsRule = 'staff' | 'member' | 'either';

const LERO_RULES: Record<ConsultationsRule, LeroRule> = {
  staff: 'staff',
  member: 'member',
  either: (viewer: Viewer, lero: TenantView) =>
    isStaffOf(viewer, lero.id) || Boolean(memberIdIn(viewer, lero.id)),
};

@Injectable()
export class ConsultationsPagePipe implements PipeTransform<
  PageLookup<ConsultationsRule>,
  Promise<ConsultationsPage>
> {
  constructor(private readonly api: HearthApi) {}

  async transform({ req, rule = 'either' }: PageLookup<ConsultationsRule>): Promise<ConsultationsPage> {
    if ((req.params as Record<string, unknown>).regionId !== undefined) return this.regionPage(req);
    const page = await leroPage(this.api, req, await pathUuid(req.params, 'tenantId'), LERO_RULES[rule]);
    return {
      viewer: page.viewer,
      ownerName: page.lero.name,
      consultations: new ConsultationsApi(
        this.api,
        callContext(req, page.viewer.accessToken),
        leroConsultationsApiPath(page.lero.id),
      ),
      staff: isStaffOf(page.viewer, page.lero.id),
      region: false,
      base: consultationsPath(page.lero.id),
    };
  }

  /** A region's consultations are its admins' to run: a region the viewer's grants do not reach is not found. */
  private async regionPage(req: WebRequest): Promise<ConsultationsPage> {
    const viewer = req.viewer;
    if (!viewer) throw new NotSignedIn();
    const regionId = await pathUuid(req.params, 'regionId');
    const ctx = callContext(req, viewer.accessToken);
    const region = await findRegion(this.api.for(ctx), regionId);
    if (!regionAdminOf(viewer, region.id)) throw new PageForbidden();
    return {
      viewer,
      ownerName: region.name,
      consultations: new ConsultationsApi(this.api, ctx, regionConsultationsApiPath(region.id)),
      staff: true,
      region: true,
      base: regionConsultationsPath(region.id),
    };
  }
}

/** `@Consultations('staff') page: ConsultationsPage`: the path's LERO or region, checked for this viewer. */
export const Consultations = (rule: ConsultationsRule = 'either'): ParameterDecorator =>
  pageLookup(rule, ConsultationsPagePipe);

export const STATUS_WORDS: Record<ConsultationStatus, string> = {
  draft: 'Draft',
  open: 'Open',
  closed: 'Closed',
};

/**
 * When it closes in words: a closing at midnight (London), as the form makes them, is the end of the day before
 * ("the end of Friday 1 January 2027"), not "00:00" of a day nobody can answer on.
 */
export const closingTime = (iso: string) =>
  clockTime(iso) === '00:00'
    ? `at the end of ${longDate(new Date(Date.parse(iso) - 1).toISOString())}`
    : `on ${dateAndTime(iso)}`;

/** A consultation as lists and its page show it: when in words, its status, what staff may do with it now. */
export const consultationCard = (c: ConsultationView) => ({
  id: c.id,
  title: c.title,
  purpose: c.purpose,
  askedBy: c.askedBy,
  useOfAnswers: c.useOfAnswers,
  status: c.status,
  statusText: STATUS_WORDS[c.status],
  region: c.owner === 'region',
  opens: clockTime(c.opensAt) === '00:00' ? longDate(c.opensAt) : dateAndTime(c.opensAt),
  closes: closingTime(c.closesAt),
  resultsThreshold: c.resultsThreshold,
});
