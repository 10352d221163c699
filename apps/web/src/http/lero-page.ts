import { Injectable, createParamDecorator, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import type { TenantView } from '@hearth/contracts';
import { HearthApi, type HearthApiCalls } from '../api/hearth-api';
import { isStaffOf, keepsRegisterOf, memberIdIn, tenantIdsOf } from '../navigation/navigation';
import { callContext } from '../session/session-auth.service';
import type { Viewer } from '../session/web-session';
import type { WebRequest } from './pages';
import { pathUuid } from './params';
import { NotSignedIn, PageForbidden } from './web-errors';

/** Who may see a part of a LERO's space (the API still decides every call). */
export const LERO_AREAS = {
  /** Members and activities: the LERO's admins and coordinators. */
  staff: (viewer: Viewer, lero: TenantView) => isStaffOf(viewer, lero.id),
  /** The door view and who RSVPed: staff and volunteers. */
  register: (viewer: Viewer, lero: TenantView) => keepsRegisterOf(viewer, lero.id),
  /** The programme: anyone with a grant in the LERO. */
  team: (viewer: Viewer, lero: TenantView) => tenantIdsOf(viewer).includes(lero.id),
  /** Their own profile and RSVPs: an account linked to a member record of the LERO. */
  member: (viewer: Viewer, lero: TenantView) => Boolean(memberIdIn(viewer, lero.id)),
} as const;

/** An area of the LERO's space, or a rule of the page's own (`seesTeam`, `breaksGlass`). */
export type LeroRule = keyof typeof LERO_AREAS | ((viewer: Viewer, lero: TenantView) => boolean);

/** The LERO a page is about (its path's `:tenantId`), as the signed-in viewer sees it. */
export interface LeroPage {
  lero: TenantView;
  viewer: Viewer;
  /** The API, called as the viewer. */
  calls: HearthApiCalls;
}

/** What a page's parameter decorator hands its pipe: the request, and the rule the page was given. */
export interface PageLookup<R = LeroRule> {
  req: WebRequest;
  rule?: R;
}

/**
 * Looks the LERO up through the API for the viewer: an id that is not a UUID, or not a LERO they can see, is
 * a 404 (the API's answer); one their grants do not give this page is a friendly 403.
 */
@Injectable()
export class LeroPagePipe implements PipeTransform<PageLookup, Promise<LeroPage>> {
  constructor(private readonly api: HearthApi) {}

  async transform({ req, rule }: PageLookup): Promise<LeroPage> {
    return leroPage(this.api, req, await pathUuid(req.params, 'tenantId'), rule);
  }
}

/** The LERO `tenantId` as the request's viewer sees it, when `rule` gives them this page of it. */
export async function leroPage(
  api: HearthApi,
  req: WebRequest,
  tenantId: string,
  rule?: LeroRule,
): Promise<LeroPage> {
  const viewer = req.viewer;
  if (!viewer) throw new NotSignedIn();
  const calls = api.for(callContext(req, viewer.accessToken));
  const lero = await calls.tenant(tenantId);
  const allowed = rule === undefined || (typeof rule === 'function' ? rule : LERO_AREAS[rule])(viewer, lero);
  if (!allowed) throw new PageForbidden();
  return { lero, viewer, calls };
}

/** Hands a page pipe the request and the page's rule (`LeroPagePipe`, or one that also looks up more). */
export const pageLookup = createParamDecorator(
  (rule: unknown, context: ExecutionContext): PageLookup<never> => ({
    req: context.switchToHttp().getRequest<WebRequest>(),
    rule: rule as never,
  }),
);

/**
 * `@Lero('staff') page: LeroPage`: the LERO of the path's `:tenantId`, checked for this viewer (behind
 * `@SignedIn()`), with the API as the viewer. Without a rule, any LERO the API shows them; the page decides.
 */
export const Lero = (rule?: LeroRule): ParameterDecorator => pageLookup(rule, LeroPagePipe);
