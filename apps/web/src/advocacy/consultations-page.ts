import { Injectable, type PipeTransform } from '@nestjs/common';
import type { ConsultationStatus, ConsultationView } from '@hearth/contracts';
import { ConsultationsApi } from '../api/consultations-api';
import { HearthApi } from '../api/hearth-api';
import { leroPage, pageLookup, type LeroPage, type LeroRule, type PageLookup } from '../http/lero-page';
import { pathUuid } from '../http/params';
import { clockTime, dateAndTime, longDate } from '../http/time';
import { consultationsPath, isStaffOf, memberIdIn } from '../navigation/navigation';
import { callContext } from '../session/session-auth.service';
import type { Viewer } from '../session/web-session';
import type { TenantView } from '@hearth/contracts';

/** A LERO's consultations page (ADR 0071): the LERO as the viewer sees it, the consultations API as them. */
export interface ConsultationsPage extends LeroPage {
  consultations: ConsultationsApi;
  /** Its admins and coordinators run consultations; its members linked to a member record answer them. */
  staff: boolean;
  /** `/leros/{id}/consultations`. */
  base: string;
}

/** Who reaches the list: the LERO's staff, and its people linked to a member record (who respond). */
export const RUNS_OR_ANSWERS: LeroRule = (viewer: Viewer, lero: TenantView) =>
  isStaffOf(viewer, lero.id) || Boolean(memberIdIn(viewer, lero.id));

@Injectable()
export class ConsultationsPagePipe implements PipeTransform<PageLookup, Promise<ConsultationsPage>> {
  constructor(private readonly api: HearthApi) {}

  async transform({ req, rule }: PageLookup): Promise<ConsultationsPage> {
    const page = await leroPage(this.api, req, await pathUuid(req.params, 'tenantId'), rule);
    return {
      ...page,
      consultations: new ConsultationsApi(this.api, callContext(req, page.viewer.accessToken)),
      staff: isStaffOf(page.viewer, page.lero.id),
      base: consultationsPath(page.lero.id),
    };
  }
}

/** `@Consultations('staff') page: ConsultationsPage`: as `@Lero(rule)`, with the consultations API. */
export const Consultations = (rule: LeroRule = RUNS_OR_ANSWERS): ParameterDecorator =>
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
