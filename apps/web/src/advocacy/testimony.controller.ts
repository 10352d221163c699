import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../api/api-error';
import { cursorOf } from '../directory/curator-view';
import { sendApiFile } from '../http/api-file';
import { FormErrors, NO_ERRORS, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { PageNotFound } from '../http/web-errors';
import { flash } from '../session/web-session';
import { pager } from '../volunteering/volunteering-page';
import {
  MAX_THEME_PROMPT,
  MAX_THEME_TITLE,
  THEME_FIELDS,
  emptyThemeForm,
  myCard,
  readThemeForm,
  themeCard,
  themeFormFrom,
  themeRequest,
  type ThemeFormValues,
} from './testimony-form';
import { Testimony, TestimonyScreens, type TestimonyPage } from './testimony-page';

/**
 * A LERO's collective testimony (ADR 0072): its staff start, open and close themes and review what members wrote;
 * its members linked to a member record see the open themes (its region's too) and their own statements. A region's
 * own themes (ADR 0076): the same staff screens for the region's admins.
 */
@WebController(['leros/:tenantId/testimony', 'regions/:regionId/testimony'])
export class TestimonyController {
  constructor(
    private readonly pages: Pages,
    private readonly screens: TestimonyScreens,
  ) {}

  @Get()
  @SignedIn()
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Testimony() page: TestimonyPage,
    @Query('cursor') cursor?: unknown,
  ) {
    const after = cursorOf(cursor);
    const [themes, mine] = await Promise.all([
      page.testimony.themes(after),
      page.staff ? undefined : page.testimony.mine(),
    ]);
    const cards = themes.items.map(themeCard);
    await this.pages.render(req, reply, 'advocacy/testimony', {
      ownerName: page.ownerName,
      staff: page.staff,
      base: page.base,
      publicHref: page.publicHref,
      drafts: cards.filter((t) => t.status === 'draft'),
      open: cards.filter((t) => t.status === 'open'),
      closed: cards.filter((t) => t.status === 'closed'),
      mine: mine?.items.map(myCard),
      ...pager(page.base, themes.nextCursor, after),
    });
  }

  @Get('new')
  @SignedIn()
  async newTheme(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Testimony('staff') page: TestimonyPage,
  ) {
    await this.renderForm(req, reply, page, emptyThemeForm(), NO_ERRORS);
  }

  @Post()
  @SignedInForm()
  async create(@Req() req: WebRequest, @Res() reply: FastifyReply, @Testimony('staff') page: TestimonyPage) {
    await this.save(req, reply, page);
  }

  /** A draft's title, prompt and threshold change until it opens (then the API refuses: `ThemeNotDraft`). */
  @Get(':themeId/edit')
  @SignedIn()
  async edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Testimony('staff') page: TestimonyPage,
    @uuidParam('themeId') themeId: string,
  ) {
    const theme = await page.testimony.theme(themeId);
    if (theme.status !== 'draft') return this.pages.redirect(reply, `${page.base}/${theme.id}`);
    await this.renderForm(req, reply, page, themeFormFrom(theme), NO_ERRORS, 200, theme.id);
  }

  @Post(':themeId/edit')
  @SignedInForm()
  async change(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Testimony('staff') page: TestimonyPage,
    @uuidParam('themeId') themeId: string,
  ) {
    await this.save(req, reply, page, themeId);
  }

  /** Staff review the theme's pieces; a member reads its prompt and contributes. */
  @Get(':themeId')
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Testimony() page: TestimonyPage,
    @uuidParam('themeId') themeId: string,
  ) {
    if (page.staff) await this.screens.review(req, reply, page, themeId);
    else await this.screens.contribute(req, reply, page, themeId);
  }

  /** Open a draft (members may contribute; it is frozen) or close an open theme (no new statements). */
  @Post(':themeId/:change')
  @SignedInForm()
  async openOrClose(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Testimony('staff') page: TestimonyPage,
    @uuidParam('themeId') themeId: string,
    @Param('change') change: string,
  ) {
    if (change !== 'open' && change !== 'close') throw new PageNotFound();
    const theme =
      change === 'open' ? await page.testimony.openTheme(themeId) : await page.testimony.closeTheme(themeId);
    if (change === 'open')
      flash(
        req,
        `${theme.title} is open`,
        'Members can contribute now. Its question and the number of people it needs can no longer change.',
      );
    else
      flash(
        req,
        `${theme.title} is closed`,
        'Nobody can contribute any more. You can still review waiting statements, and people can still withdraw theirs.',
      );
    await this.pages.redirect(reply, `${page.base}/${theme.id}`);
  }

  /** The board's PDF of a published theme (a 409 page while it has too few contributors). */
  @Get(':themeId/testimony.pdf')
  @SignedIn()
  async pdf(
    @Res() reply: FastifyReply,
    @Testimony('staff') page: TestimonyPage,
    @uuidParam('themeId') themeId: string,
  ) {
    await sendApiFile(reply, await page.testimony.pdf(themeId));
  }

  /** A new theme, or a draft's changes (`editing`, its id). */
  private async save(req: WebRequest, reply: FastifyReply, page: TestimonyPage, editing?: string) {
    const values = readThemeForm(req.body);
    const errors = new FormErrors();
    const dto = themeRequest(values, errors);
    if (dto) {
      try {
        const theme = editing
          ? await page.testimony.changeTheme(editing, dto)
          : await page.testimony.createTheme(dto);
        flash(
          req,
          editing ? `${theme.title} is changed` : `${theme.title} is saved as a draft`,
          'Members cannot see it until you open it.',
        );
        return this.pages.redirect(reply, `${page.base}/${theme.id}`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(
          err,
          { title: 'The title', prompt: 'What members are asked', publishThreshold: 'The number of people' },
          'title',
        );
      }
    }
    await this.renderForm(req, reply, page, values, errors.view(THEME_FIELDS), 400, editing);
  }

  private renderForm(
    req: WebRequest,
    reply: FastifyReply,
    page: TestimonyPage,
    values: ThemeFormValues,
    errors: FormView,
    status = 200,
    editing?: string,
  ) {
    return this.pages.render(
      req,
      reply,
      'advocacy/testimony-theme-form',
      {
        ownerName: page.ownerName,
        base: page.base,
        values,
        errors,
        maxTitle: MAX_THEME_TITLE,
        maxPrompt: MAX_THEME_PROMPT,
        editing,
      },
      status,
    );
  }
}
