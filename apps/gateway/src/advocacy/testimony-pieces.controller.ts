import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ContributeDto, ProposeEditDto, TestimonyClient, type RequestContext } from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';
import {
  CONTRIBUTOR,
  MY_PIECE_SHAPE,
  NOT_CONTRIBUTOR,
  PIECE_SHAPE,
  TESTIMONY_NOT_STAFF as NOT_STAFF,
  TESTIMONY_STAFF as STAFF,
} from './testimony-docs';

/** Pieces of testimony (ADR 0066): members contribute, accept edits and withdraw; staff approve or propose edits. */
@ApiTag('advocacy')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/advocacy')
export class TestimonyPiecesController {
  constructor(private readonly testimony: TestimonyClient) {}

  @Post('themes/:themeId/pieces')
  @ApiDoc({
    summary: 'Contribute a statement to a theme',
    description:
      '`{text, consent: true}`: a short statement (at most 1,000 characters) and your explicit consent to its ' +
      'publication without your name. Staff review it and may propose an edit of identifying details, which you ' +
      'see and accept (or withdraw). It is published only with the theme, once enough people have contributed, ' +
      `in a random order and with no date. One live statement per theme. Answers ${MY_PIECE_SHAPE}.`,
    who: CONTRIBUTOR,
    errors: `400 naming \`text\` or \`consent\`; 404 for a theme not open to you, or once your member record was erased; 409 \`ThemeNotOpen\`, \`AlreadyContributed\`; ${NOT_CONTRIBUTOR}.`,
  })
  @ApiContractBody(ContributeDto)
  contribute(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('themeId') themeId: string,
    @Body(new ContractPipe(ContributeDto)) dto: ContributeDto,
  ) {
    return this.testimony.contribute(ctx, tenantId, themeId, dto);
  }

  @Post('themes/:themeId/pieces/:pieceId/approve')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Approve a statement as it is',
    description: `A waiting piece (submitted, or with an edit proposed, which is dropped) is approved; the theme is published when it now has enough contributors. Answers ${PIECE_SHAPE}.`,
    who: STAFF,
    errors: `409 \`PieceDecided\` for an approved or withdrawn piece; 404 for a piece not of this theme and LERO; ${NOT_STAFF}`,
  })
  approve(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('themeId') themeId: string,
    @UuidParam('pieceId') pieceId: string,
  ) {
    return this.testimony.approvePiece(ctx, tenantId, themeId, pieceId);
  }

  @Post('themes/:themeId/pieces/:pieceId/decline')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Decline a statement',
    description: `A waiting piece is declined: it is never published. Its contributor sees it declined and may withdraw it and write another. Answers ${PIECE_SHAPE}.`,
    who: STAFF,
    errors: `409 \`PieceDecided\` for an approved, declined or withdrawn piece; 404 for a piece not of this theme and LERO; ${NOT_STAFF}`,
  })
  decline(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('themeId') themeId: string,
    @UuidParam('pieceId') pieceId: string,
  ) {
    return this.testimony.declinePiece(ctx, tenantId, themeId, pieceId);
  }

  @Post('themes/:themeId/pieces/:pieceId/edit')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Propose an edit of a statement',
    description: `\`{text}\`: the statement with identifying details taken out. It waits for its contributor, who accepts it or withdraws; until then it does not count. Answers ${PIECE_SHAPE}.`,
    who: STAFF,
    errors: `400 naming \`text\`; 409 \`PieceDecided\` for an approved or withdrawn piece; 404 for a piece not of this theme and LERO; ${NOT_STAFF}`,
  })
  @ApiContractBody(ProposeEditDto)
  proposeEdit(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('themeId') themeId: string,
    @UuidParam('pieceId') pieceId: string,
    @Body(new ContractPipe(ProposeEditDto)) dto: ProposeEditDto,
  ) {
    return this.testimony.proposeEdit(ctx, tenantId, themeId, pieceId, dto);
  }

  @Post('themes/:themeId/pieces/:pieceId/accept')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Accept the edit proposed to my statement',
    description: `The edited text is approved in place of yours; the theme is published when it now has enough contributors. Answers ${MY_PIECE_SHAPE}.`,
    who: CONTRIBUTOR,
    errors: `409 \`NoEditProposed\`; 404 for a piece that is not yours; ${NOT_CONTRIBUTOR}.`,
  })
  accept(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('themeId') themeId: string,
    @UuidParam('pieceId') pieceId: string,
  ) {
    return this.testimony.acceptEdit(ctx, tenantId, themeId, pieceId);
  }

  @Post('themes/:themeId/pieces/:pieceId/withdraw')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Withdraw my statement',
    description:
      'At any time, before or after publication: its text is deleted and it leaves the theme’s next edition; a ' +
      'theme it takes below its threshold is unpublished at once. Withdrawing twice is no error. ' +
      `Answers ${MY_PIECE_SHAPE}.`,
    who: CONTRIBUTOR,
    errors: `404 for a piece that is not yours; ${NOT_CONTRIBUTOR}.`,
  })
  withdraw(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('themeId') themeId: string,
    @UuidParam('pieceId') pieceId: string,
  ) {
    return this.testimony.withdrawPiece(ctx, tenantId, themeId, pieceId);
  }

  @Get('my-testimony')
  @ApiDoc({
    summary: 'My statements',
    description: `\`{items: [${MY_PIECE_SHAPE}]}\`: every statement you contributed in this LERO, with any edit proposed to you and when you consented.`,
    who: CONTRIBUTOR,
    errors: `${NOT_CONTRIBUTOR}.`,
  })
  mine(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.testimony.myTestimony(ctx, tenantId);
  }
}
