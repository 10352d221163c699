import { Injectable, type PipeTransform } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TenantView } from '@hearth/contracts';
import { HearthApi } from '../api/hearth-api';
import { TestimonyApi } from '../api/testimony-api';
import { NO_ERRORS, type FormView } from '../http/form.util';
import { leroPage, pageLookup, type PageLookup } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { pathUuid } from '../http/params';
import { isStaffOf, memberIdIn, testimonyPath } from '../navigation/navigation';
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

/** A LERO's testimony page (ADR 0072), as the viewer sees it, with its testimony API as them. */
export interface TestimonyPage {
  viewer: Viewer;
  lero: TenantView;
  testimony: TestimonyApi;
  /** Its admins and coordinators: they run themes and review pieces. */
  staff: boolean;
  /** `/leros/{id}/testimony`. */
  base: string;
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
    const { lero, viewer } = await leroPage(
      this.api,
      req,
      await pathUuid(req.params, 'tenantId'),
      RULES[rule],
    );
    return {
      viewer,
      lero,
      testimony: new TestimonyApi(this.api, callContext(req, viewer.accessToken), lero.id),
      staff: isStaffOf(viewer, lero.id),
      base: testimonyPath(lero.id),
    };
  }
}

/** `@Testimony('staff') page: TestimonyPage`: the path's LERO, checked for this viewer. */
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
        ownerName: page.lero.name,
        base: page.base,
        theme: themeCard(theme),
        waiting: cards.filter((p) => p.waiting),
        decided: cards.filter((p) => !p.waiting),
        errors,
        edit,
        maxLength: MAX_STATEMENT_LENGTH,
        publicHref: `/leros/${page.lero.slug}/in-our-words`,
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
        ownerName: page.lero.name,
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
