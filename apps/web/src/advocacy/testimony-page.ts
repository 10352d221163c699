import { Injectable, type PipeTransform } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TenantView } from '@hearth/contracts';
import { HearthApi } from '../api/hearth-api';
import { TestimonyApi } from '../api/testimony-api';
import { NO_ERRORS, type FormView } from '../http/form.util';
import { leroPage, pageLookup, type PageLookup } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { pathUuid } from '../http/params';
import { NotSignedIn, PageForbidden, PageNotFound } from '../http/web-errors';
import { isStaffOf, memberIdIn, regionAdminOf, testimonyPath } from '../navigation/navigation';
import { findRegion } from '../regions/find-region';
import { callContext } from '../session/session-auth.service';
import type { Viewer } from '../session/web-session';
import {
  MAX_STATEMENT_LENGTH,
  livePieceOf,
  myCard,
  reviewCard,
  themeCard,
  type StatementValues,
} from './testimony-form';

/** A LERO's (ADR 0072) or a region's (ADR 0076) testimony page, as the viewer sees it, with its testimony API as them. */
export interface TestimonyPage {
  viewer: Viewer;
  testimony: TestimonyApi;
  /** A LERO's admins and coordinators, a region's admins: they run themes and review pieces. */
  staff: boolean;
  /** `/leros/{id}/testimony` or `/regions/{id}/testimony`. */
  base: string;
  /** The LERO's or region's name, for captions. */
  ownerName: string;
  /** Its public "In our words" page. */
  publicHref: string;
}

/** Who a page is for: the staff who run themes, the members (linked to a record) who contribute, or either. */
export type TestimonyRule = 'staff' | 'member' | 'either';

const RULES: Record<TestimonyRule, (viewer: Viewer, lero: TenantView) => boolean> = {
  staff: (viewer, lero) => isStaffOf(viewer, lero.id),
  member: (viewer, lero) => Boolean(memberIdIn(viewer, lero.id)),
  either: (viewer, lero) => isStaffOf(viewer, lero.id) || Boolean(memberIdIn(viewer, lero.id)),
};

@Injectable()
export class TestimonyPagePipe implements PipeTransform<PageLookup<TestimonyRule>, Promise<TestimonyPage>> {
  constructor(private readonly api: HearthApi) {}

  async transform({ req, rule = 'either' }: PageLookup<TestimonyRule>): Promise<TestimonyPage> {
    if ('tenantId' in (req.params as object)) {
      const { lero, viewer } = await leroPage(
        this.api,
        req,
        await pathUuid(req.params, 'tenantId'),
        RULES[rule],
      );
      return {
        viewer,
        testimony: new TestimonyApi(this.api, callContext(req, viewer.accessToken), {
          kind: 'lero',
          id: lero.id,
        }),
        staff: isStaffOf(viewer, lero.id),
        base: testimonyPath(lero.id),
        ownerName: lero.name,
        publicHref: `/leros/${lero.slug}/in-our-words`,
      };
    }
    // A region's own themes (ADR 0076): its admins only, the API's rule; members contribute on their LERO's pages.
    const viewer = req.viewer;
    if (!viewer) throw new NotSignedIn();
    const region = await findRegion(
      this.api.for(callContext(req, viewer.accessToken)),
      await pathUuid(req.params, 'regionId'),
    );
    if (!regionAdminOf(viewer, region.id)) throw new PageForbidden();
    if (rule === 'member') throw new PageNotFound();
    return {
      viewer,
      testimony: new TestimonyApi(this.api, callContext(req, viewer.accessToken), {
        kind: 'region',
        id: region.id,
      }),
      staff: true,
      base: `/regions/${region.id}/testimony`,
      ownerName: region.name,
      publicHref: `/regions/${region.slug}/in-our-words`,
    };
  }
}

/** `@Testimony('staff') page: TestimonyPage`: the path's LERO or region, checked for this viewer. */
export const Testimony = (rule: TestimonyRule = 'either'): ParameterDecorator =>
  pageLookup(rule, TestimonyPagePipe);

/** A theme's page: staff's review queue, or a member's form to contribute (shown again with its errors). */
@Injectable()
export class TestimonyScreens {
  constructor(private readonly pages: Pages) {}

  /** Staff: the theme, its contributors against k, its review queue; `errors` on one piece's edit box. */
  async review(
    req: WebRequest,
    reply: FastifyReply,
    page: TestimonyPage,
    themeId: string,
    errors: FormView = NO_ERRORS,
    edit?: { pieceId: string; text: string },
    status = 200,
  ) {
    const [theme, pieces] = await Promise.all([
      page.testimony.theme(themeId),
      page.testimony.pieces(themeId),
    ]);
    const cards = pieces.items.map(reviewCard);
    await this.pages.render(
      req,
      reply,
      'advocacy/testimony-review',
      {
        ownerName: page.ownerName,
        base: page.base,
        theme: themeCard(theme),
        waiting: cards.filter((p) => p.waiting),
        decided: cards.filter((p) => !p.waiting),
        errors,
        edit,
        maxLength: MAX_STATEMENT_LENGTH,
        publicHref: page.publicHref,
      },
      status,
    );
  }

  /** A member: the theme's prompt and the form, or their statement when they have a live one. */
  async contribute(
    req: WebRequest,
    reply: FastifyReply,
    page: TestimonyPage,
    themeId: string,
    values: StatementValues = { text: '', consent: false },
    errors: FormView = NO_ERRORS,
    status = 200,
  ) {
    const [theme, mine] = await Promise.all([page.testimony.theme(themeId), page.testimony.mine()]);
    const live = livePieceOf(mine.items, themeId);
    await this.pages.render(
      req,
      reply,
      'advocacy/testimony-contribute',
      {
        ownerName: page.ownerName,
        base: page.base,
        theme: themeCard(theme),
        mine: live && myCard(live),
        values,
        errors,
        maxLength: MAX_STATEMENT_LENGTH,
      },
      status,
    );
  }
}
