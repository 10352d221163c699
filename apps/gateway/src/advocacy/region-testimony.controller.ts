import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  CreateThemeDto,
  ListThemesQuery,
  ProposeEditDto,
  TestimonyClient,
  UpdateThemeDto,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { asDownload } from '../reports/download.util';
import { PIECE_SHAPE, THEME_SHAPE } from './testimony-docs';
import { NOT_REGION_ADMINS as NOT_YOURS, REGION_ADMINS as ADMINS } from './region-docs';
import { testimonyPdf } from './testimony-pdf.util';

/**
 * A region's testimony themes (ADR 0076): its admins run them across its LEROs and review their pieces; the members
 * of the region's LEROs see and contribute to the open ones through their own LERO's routes.
 */
@ApiTag('advocacy')
@ApiBearerAuth()
@Controller('api/v1/regions/:regionId/advocacy/themes')
export class RegionTestimonyController {
  constructor(private readonly testimony: TestimonyClient) {}

  @Post()
  @ApiDoc({
    summary: 'Start a region’s testimony theme (a draft)',
    description:
      '`{title, prompt, publishThreshold?}` as for a LERO’s theme. Once open, the members (linked to a member ' +
      'record) of every LERO in the region see it in their LERO’s list and contribute through ' +
      '`POST /api/v1/tenants/{tenantId}/advocacy/themes/{id}/pieces`; k counts distinct people across the LEROs. ' +
      `Answers the draft ${THEME_SHAPE}.`,
    who: ADMINS,
    errors: `400 naming the field (\`publishThreshold\` below 5, a blank title or prompt); ${NOT_YOURS}`,
  })
  @ApiContractBody(CreateThemeDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Body(new ContractPipe(CreateThemeDto)) dto: CreateThemeDto,
  ) {
    return this.testimony.createRegionTheme(ctx, regionId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The region’s testimony themes',
    description:
      'A page of the region’s own themes in the order they were made (`limit` 50 unless given, at most 100), ' +
      'optionally of one `status`, with `contributors`.',
    who: ADMINS,
    errors: NOT_YOURS,
  })
  @ApiContractQuery(ListThemesQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Query(new ContractPipe(ListThemesQuery)) query: ListThemesQuery,
  ) {
    return this.testimony.listRegionThemes(ctx, regionId, query);
  }

  @Get(':themeId')
  @ApiDoc({
    summary: 'One of the region’s testimony themes',
    description: `Answers ${THEME_SHAPE}.`,
    who: ADMINS,
    errors: `404 for a theme not of this region; ${NOT_YOURS}`,
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('themeId') themeId: string,
  ) {
    return this.testimony.getRegionTheme(ctx, regionId, themeId);
  }

  @Patch(':themeId')
  @ApiDoc({
    summary: 'Change a draft of the region’s testimony themes',
    description: '`{title?, prompt?, publishThreshold?}`: only a draft changes. Answers the theme.',
    who: ADMINS,
    errors: `400 naming the field; 409 \`ThemeNotDraft\` once it is open; 404 for a theme not of this region; ${NOT_YOURS}`,
  })
  @ApiContractBody(UpdateThemeDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('themeId') themeId: string,
    @Body(new ContractPipe(UpdateThemeDto)) dto: UpdateThemeDto,
  ) {
    return this.testimony.updateRegionTheme(ctx, regionId, themeId, dto);
  }

  @Post(':themeId/open')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Open a region’s testimony theme',
    description:
      'Draft → open: the members of the region’s LEROs may contribute. Accounts and member records made from now ' +
      'on never count towards the threshold. Answers the theme.',
    who: ADMINS,
    errors: `409 \`ThemeNotDraft\` unless it is a draft; 404 for a theme not of this region; ${NOT_YOURS}`,
  })
  open(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('themeId') themeId: string,
  ) {
    return this.testimony.openRegionTheme(ctx, regionId, themeId);
  }

  @Post(':themeId/close')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Close a region’s testimony theme',
    description:
      'Open → closed: no new pieces; waiting ones can still be reviewed and contributors can still withdraw. ' +
      'Answers the theme.',
    who: ADMINS,
    errors: `409 \`ThemeNotOpen\` unless it is open; 404 for a theme not of this region; ${NOT_YOURS}`,
  })
  close(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('themeId') themeId: string,
  ) {
    return this.testimony.closeRegionTheme(ctx, regionId, themeId);
  }

  @Get(':themeId/pieces')
  @ApiDoc({
    summary: 'A region’s theme’s pieces, to review',
    description:
      `\`{items: [${PIECE_SHAPE}]}\` from every LERO of the region, in an order that says nothing of when they ` +
      'came, and never who wrote them, from which LERO, or when.',
    who: ADMINS,
    errors: `404 for a theme not of this region; ${NOT_YOURS}`,
  })
  pieces(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('themeId') themeId: string,
  ) {
    return this.testimony.regionThemePieces(ctx, regionId, themeId);
  }

  @Get(':themeId/testimony.pdf')
  @ApiDoc({
    summary: 'A region’s published theme for a board (PDF)',
    description:
      'As a LERO’s: title, prompt and approved pieces in a fresh random order, with no dates or names.',
    who: ADMINS,
    errors: `409 \`ThemeNotPublished\` while it has too few contributors; 404 for a theme not of this region; ${NOT_YOURS}`,
  })
  @ApiProduces('application/pdf')
  async pdf(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('themeId') themeId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const theme = await this.testimony.regionThemeTestimony(ctx, regionId, themeId);
    asDownload(reply, 'testimony.pdf', 'pdf');
    return testimonyPdf(theme);
  }

  @Post(':themeId/pieces/:pieceId/approve')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Approve a statement in a region’s theme as it is',
    description: `As for a LERO’s theme; the theme is published when its approved pieces now come from enough people. Answers ${PIECE_SHAPE}.`,
    who: ADMINS,
    errors: `409 \`PieceDecided\`; 404 for a piece not of this theme and region; ${NOT_YOURS}`,
  })
  approve(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('themeId') themeId: string,
    @UuidParam('pieceId') pieceId: string,
  ) {
    return this.testimony.approveRegionPiece(ctx, regionId, themeId, pieceId);
  }

  @Post(':themeId/pieces/:pieceId/decline')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Decline a statement in a region’s theme',
    description: `A waiting piece is declined: never published; its contributor sees it so. Answers ${PIECE_SHAPE}.`,
    who: ADMINS,
    errors: `409 \`PieceDecided\`; 404 for a piece not of this theme and region; ${NOT_YOURS}`,
  })
  decline(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('themeId') themeId: string,
    @UuidParam('pieceId') pieceId: string,
  ) {
    return this.testimony.declineRegionPiece(ctx, regionId, themeId, pieceId);
  }

  @Post(':themeId/pieces/:pieceId/edit')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Propose an edit of a statement in a region’s theme',
    description: `\`{text}\`: identifying details taken out; it waits for its contributor. Answers ${PIECE_SHAPE}.`,
    who: ADMINS,
    errors: `400 naming \`text\`; 409 \`PieceDecided\`; 404 for a piece not of this theme and region; ${NOT_YOURS}`,
  })
  @ApiContractBody(ProposeEditDto)
  proposeEdit(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('themeId') themeId: string,
    @UuidParam('pieceId') pieceId: string,
    @Body(new ContractPipe(ProposeEditDto)) dto: ProposeEditDto,
  ) {
    return this.testimony.proposeRegionEdit(ctx, regionId, themeId, pieceId, dto);
  }
}
