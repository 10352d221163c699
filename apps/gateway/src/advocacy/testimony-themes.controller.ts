import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  CreateThemeDto,
  ListThemesQuery,
  TestimonyClient,
  UpdateThemeDto,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';
import { asDownload } from '../reports/download.util';
import {
  PIECE_SHAPE,
  THEME_SHAPE,
  TESTIMONY_NOT_STAFF as NOT_STAFF,
  TESTIMONY_STAFF as STAFF,
} from './testimony-docs';
import { testimonyPdf } from './testimony-pdf.util';

/** A LERO's testimony themes (ADR 0066): its staff run them and review their pieces; its members see open ones. */
@ApiTag('advocacy')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/advocacy/themes')
export class TestimonyThemesController {
  constructor(private readonly testimony: TestimonyClient) {}

  @Post()
  @ApiDoc({
    summary: 'Start a testimony theme (a draft)',
    description:
      '`{title, prompt, publishThreshold?}`: what members are asked (“What helped you into recovery?”) and k, ' +
      'the distinct contributors a theme needs before it is published (10 unless given, never below 5). ' +
      `Answers the draft ${THEME_SHAPE}.`,
    who: STAFF,
    errors: `400 naming the field (\`publishThreshold\` below 5, a blank title or prompt); ${NOT_STAFF}`,
  })
  @ApiContractBody(CreateThemeDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(CreateThemeDto)) dto: CreateThemeDto,
  ) {
    return this.testimony.createTheme(ctx, tenantId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The LERO’s testimony themes',
    description:
      'A page of themes in the order they were made (`limit` 50 unless given, at most 100), optionally of one ' +
      '`status`. Members see the open ones only, the LERO’s and its region’s (`owner: region`, ADR 0076), ' +
      'without `contributors`; staff see the LERO’s own.',
    who: 'The LERO’s tenant-admins and coordinators; its members linked to a member record (open ones).',
    errors: '403 for its volunteers and members without a member record; 404 for region and platform staff.',
  })
  @ApiContractQuery(ListThemesQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListThemesQuery)) query: ListThemesQuery,
  ) {
    return this.testimony.listThemes(ctx, tenantId, query);
  }

  @Get(':themeId')
  @ApiDoc({
    summary: 'One testimony theme',
    description: `Answers ${THEME_SHAPE}.`,
    who:
      'The LERO’s tenant-admins and coordinators; its members linked to a member record while it is open (its ' +
      'region’s open themes too).',
    errors:
      '404 for a theme not of this LERO, one not open asked by a member, and region and platform staff.',
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('themeId') themeId: string,
  ) {
    return this.testimony.getTheme(ctx, tenantId, themeId);
  }

  @Patch(':themeId')
  @ApiDoc({
    summary: 'Change a draft testimony theme',
    description:
      '`{title?, prompt?, publishThreshold?}`: fields left out stay as they are. Only a draft changes: once open, ' +
      'members have read the prompt and the threshold they were told. Answers the theme.',
    who: STAFF,
    errors: `400 naming the field; 409 \`ThemeNotDraft\` once it is open; 404 for a theme not of this LERO; ${NOT_STAFF}`,
  })
  @ApiContractBody(UpdateThemeDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('themeId') themeId: string,
    @Body(new ContractPipe(UpdateThemeDto)) dto: UpdateThemeDto,
  ) {
    return this.testimony.updateTheme(ctx, tenantId, themeId, dto);
  }

  @Post(':themeId/open')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Open a testimony theme',
    description:
      'Draft → open: members may contribute. Accounts and member records made from now on never count towards ' +
      'the threshold. Answers the theme.',
    who: STAFF,
    errors: `409 \`ThemeNotDraft\` unless it is a draft; 404 for a theme not of this LERO; ${NOT_STAFF}`,
  })
  open(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('themeId') themeId: string,
  ) {
    return this.testimony.openTheme(ctx, tenantId, themeId);
  }

  @Post(':themeId/close')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Close a testimony theme',
    description:
      'Open → closed: no new pieces; staff may still review the waiting ones and contributors may still withdraw. ' +
      'A published theme stays published while it has enough contributors. Answers the theme.',
    who: STAFF,
    errors: `409 \`ThemeNotOpen\` unless it is open; 404 for a theme not of this LERO; ${NOT_STAFF}`,
  })
  close(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('themeId') themeId: string,
  ) {
    return this.testimony.closeTheme(ctx, tenantId, themeId);
  }

  @Get(':themeId/pieces')
  @ApiDoc({
    summary: 'A theme’s pieces, to review',
    description:
      `\`{items: [${PIECE_SHAPE}]}\` in an order that says nothing of when they came, and never who wrote them ` +
      'or when. A withdrawn piece’s text is gone (`null`).',
    who: STAFF,
    errors: `404 for a theme not of this LERO; ${NOT_STAFF}`,
  })
  pieces(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('themeId') themeId: string,
  ) {
    return this.testimony.themePieces(ctx, tenantId, themeId);
  }

  @Get(':themeId/testimony.pdf')
  @ApiDoc({
    summary: 'A published theme for a board (PDF)',
    description:
      'The theme’s current edition as an A4 document: its title, prompt and approved pieces in a fresh random ' +
      'order, with no dates and nothing of who wrote them.',
    who: STAFF,
    errors: `409 \`ThemeNotPublished\` while it has too few contributors; 404 for a theme not of this LERO; ${NOT_STAFF}`,
  })
  @ApiProduces('application/pdf')
  async pdf(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('themeId') themeId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const theme = await this.testimony.themeTestimony(ctx, tenantId, themeId);
    asDownload(reply, 'testimony.pdf', 'pdf');
    return testimonyPdf(theme);
  }
}
