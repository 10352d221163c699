import { Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../api/api-error';
import { FormErrors } from '../http/form.util';
import { SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { PageNotFound } from '../http/web-errors';
import { flash } from '../session/web-session';
import { STATEMENT_FIELDS, editRequest, readStatement, statementRequest } from './testimony-form';
import { Testimony, TestimonyScreens, type TestimonyPage } from './testimony-page';

const STAFF_CHANGES = ['approve', 'decline'] as const;
const CONTRIBUTOR_CHANGES = ['accept', 'withdraw'] as const;
type PieceChange = (typeof STAFF_CHANGES)[number] | (typeof CONTRIBUTOR_CHANGES)[number];

const FLASH: Record<PieceChange, [string, string]> = {
  approve: [
    'The statement is approved',
    'It is published with the theme once enough people have taken part.',
  ],
  decline: [
    'The statement is declined',
    'It will never be published. Its contributor sees that it was declined.',
  ],
  accept: ['You accepted the edit', 'The edited statement is approved in place of yours.'],
  withdraw: [
    'Your statement is withdrawn',
    'Its text is deleted. It will not appear on any page or document again.',
  ],
};

/** The 409s a contribution meets, told on the form: the theme closed, or the member has a live statement. */
const CONTRIBUTE_REFUSALS: Record<string, string> = {
  ThemeNotOpen: 'This theme is closed: it takes no more statements',
  AlreadyContributed:
    'You have already written a statement for this theme. Withdraw it first to write another',
};

/**
 * Pieces of testimony on the web (ADR 0072): a member contributes (with their explicit consent), accepts an edit or
 * withdraws; staff approve, decline or propose an edit. Every form posts and redirects; the API decides each change.
 */
@WebController(['leros/:tenantId/testimony/:themeId/pieces', 'regions/:regionId/testimony/:themeId/pieces'])
export class TestimonyPiecesController {
  constructor(
    private readonly pages: Pages,
    private readonly screens: TestimonyScreens,
  ) {}

  @Post()
  @SignedInForm()
  async contribute(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Testimony('member') page: TestimonyPage,
    @uuidParam('themeId') themeId: string,
  ) {
    const values = readStatement(req.body);
    const errors = new FormErrors();
    const dto = statementRequest(values, errors);
    if (dto) {
      try {
        await page.testimony.contribute(themeId, dto);
        flash(
          req,
          'Thank you: your statement is sent',
          'Staff will read it before it can be published. You can withdraw it at any time.',
        );
        return this.pages.redirect(reply, page.base);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        const refusal = err.status === 409 && err.reason ? CONTRIBUTE_REFUSALS[err.reason] : undefined;
        if (refusal) errors.add('text', refusal);
        else if (err.status === 400)
          errors.fromApi(err, { text: 'Your statement', consent: 'Your agreement' }, 'text');
        else throw err;
      }
    }
    await this.screens.contribute(req, reply, page, themeId, values, errors.view(STATEMENT_FIELDS), 400);
  }

  /** Staff's edit of identifying details: it waits for the contributor, who accepts it or withdraws. */
  @Post(':pieceId/edit')
  @SignedInForm()
  async proposeEdit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Testimony('staff') page: TestimonyPage,
    @uuidParam('themeId') themeId: string,
    @uuidParam('pieceId') pieceId: string,
  ) {
    const box = `edit-${pieceId}`;
    const errors = new FormErrors();
    const text = editRequest(req.body, box, errors);
    if (text) {
      try {
        await page.testimony.proposeEdit(themeId, pieceId, text);
        flash(req, 'Your edit is proposed', 'It waits for its contributor, who can accept it or withdraw.');
        return this.pages.redirect(reply, `${page.base}/${themeId}`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(err, { text: 'The edited statement' }, box, { text: box });
      }
    }
    const edit = { pieceId, text: String((req.body as Record<string, unknown> | undefined)?.text ?? '') };
    await this.screens.review(req, reply, page, themeId, errors.view([box]), edit, 400);
  }

  /** Staff approve or decline a waiting piece; its contributor accepts an edit or withdraws it. */
  @Post(':pieceId/:change')
  @SignedInForm()
  async change(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Testimony() page: TestimonyPage,
    @uuidParam('themeId') themeId: string,
    @uuidParam('pieceId') pieceId: string,
    @Param('change') change: string,
  ) {
    const allowed: readonly string[] = page.staff ? STAFF_CHANGES : CONTRIBUTOR_CHANGES;
    if (!allowed.includes(change)) throw new PageNotFound();
    await page.testimony.pieceChange(themeId, pieceId, change as PieceChange);
    flash(req, ...FLASH[change as PieceChange]);
    await this.pages.redirect(reply, page.staff ? `${page.base}/${themeId}` : page.base);
  }
}
