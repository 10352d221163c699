import {
  ContributeRequest,
  CreateRegionThemeRequest,
  CreateThemeRequest,
  ListRegionThemesRequest,
  ListThemesRequest,
  MyTestimonyRequest,
  PieceIdRequest,
  ProposeEditRequest,
  ProposeRegionEditRequest,
  PublicRegionTestimonyRequest,
  PublicTestimonyRequest,
  RegionPieceIdRequest,
  RegionThemeIdRequest,
  TestimonySubjects as S,
  ThemeIdRequest,
  UpdateRegionThemeRequest,
  UpdateThemeRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { ThemesService } from './themes.service';
import { PiecesService } from './pieces.service';
import { PublicTestimonyService } from './public-testimony.service';

/** NATS handlers of collective testimony (ADR 0066): one-line delegations; the gate and the rules live in the services. */
@MessageController()
export class TestimonyController {
  constructor(
    private readonly themes: ThemesService,
    private readonly pieces: PiecesService,
    private readonly published: PublicTestimonyService,
  ) {}

  @Answer(S.createTheme) create(@Ctx() ctx: RequestContext, @Data(CreateThemeRequest) d: CreateThemeRequest) {
    return this.themes.create(ctx, d);
  }

  @Answer(S.listThemes) list(@Ctx() ctx: RequestContext, @Data(ListThemesRequest) d: ListThemesRequest) {
    return this.themes.list(ctx, d);
  }

  @Answer(S.getTheme) get(@Ctx() ctx: RequestContext, @Data(ThemeIdRequest) d: ThemeIdRequest) {
    return this.themes.get(ctx, d);
  }

  @Answer(S.updateTheme) update(@Ctx() ctx: RequestContext, @Data(UpdateThemeRequest) d: UpdateThemeRequest) {
    return this.themes.update(ctx, d);
  }

  @Answer(S.openTheme) open(@Ctx() ctx: RequestContext, @Data(ThemeIdRequest) d: ThemeIdRequest) {
    return this.themes.lifecycle(ctx, d, 'open');
  }

  @Answer(S.closeTheme) close(@Ctx() ctx: RequestContext, @Data(ThemeIdRequest) d: ThemeIdRequest) {
    return this.themes.lifecycle(ctx, d, 'closed');
  }

  @Answer(S.themePieces) review(@Ctx() ctx: RequestContext, @Data(ThemeIdRequest) d: ThemeIdRequest) {
    return this.themes.pieces(ctx, d);
  }

  @Answer(S.themeTestimony) testimony(@Ctx() ctx: RequestContext, @Data(ThemeIdRequest) d: ThemeIdRequest) {
    return this.themes.testimony(ctx, d);
  }

  @Answer(S.contribute) contribute(
    @Ctx() ctx: RequestContext,
    @Data(ContributeRequest) d: ContributeRequest,
  ) {
    return this.pieces.contribute(ctx, d);
  }

  @Answer(S.approvePiece) approve(@Ctx() ctx: RequestContext, @Data(PieceIdRequest) d: PieceIdRequest) {
    return this.pieces.approve(ctx, d);
  }

  @Answer(S.declinePiece) decline(@Ctx() ctx: RequestContext, @Data(PieceIdRequest) d: PieceIdRequest) {
    return this.pieces.decline(ctx, d);
  }

  @Answer(S.proposeEdit) proposeEdit(
    @Ctx() ctx: RequestContext,
    @Data(ProposeEditRequest) d: ProposeEditRequest,
  ) {
    return this.pieces.proposeEdit(ctx, d);
  }

  @Answer(S.acceptEdit) acceptEdit(@Ctx() ctx: RequestContext, @Data(PieceIdRequest) d: PieceIdRequest) {
    return this.pieces.acceptEdit(ctx, d);
  }

  @Answer(S.withdrawPiece) withdraw(@Ctx() ctx: RequestContext, @Data(PieceIdRequest) d: PieceIdRequest) {
    return this.pieces.withdraw(ctx, d);
  }

  @Answer(S.myTestimony) mine(@Ctx() ctx: RequestContext, @Data(MyTestimonyRequest) d: MyTestimonyRequest) {
    return this.pieces.mine(ctx, d);
  }

  @Answer(S.publicTestimony) page(
    @Ctx() ctx: RequestContext,
    @Data(PublicTestimonyRequest) d: PublicTestimonyRequest,
  ) {
    return this.published.page(ctx, d);
  }

  @Answer(S.publicRegionTestimony) regionPage(
    @Ctx() ctx: RequestContext,
    @Data(PublicRegionTestimonyRequest) d: PublicRegionTestimonyRequest,
  ) {
    return this.published.ofRegion(ctx, d);
  }

  // A region's themes (ADR 0076): its admins' routes; members contribute through their LERO's (above).
  @Answer(S.createRegionTheme) createInRegion(
    @Ctx() ctx: RequestContext,
    @Data(CreateRegionThemeRequest) d: CreateRegionThemeRequest,
  ) {
    return this.themes.createInRegion(ctx, d);
  }

  @Answer(S.listRegionThemes) listInRegion(
    @Ctx() ctx: RequestContext,
    @Data(ListRegionThemesRequest) d: ListRegionThemesRequest,
  ) {
    return this.themes.listInRegion(ctx, d);
  }

  @Answer(S.getRegionTheme) getInRegion(
    @Ctx() ctx: RequestContext,
    @Data(RegionThemeIdRequest) d: RegionThemeIdRequest,
  ) {
    return this.themes.getInRegion(ctx, d);
  }

  @Answer(S.updateRegionTheme) updateInRegion(
    @Ctx() ctx: RequestContext,
    @Data(UpdateRegionThemeRequest) d: UpdateRegionThemeRequest,
  ) {
    return this.themes.updateInRegion(ctx, d);
  }

  @Answer(S.openRegionTheme) openInRegion(
    @Ctx() ctx: RequestContext,
    @Data(RegionThemeIdRequest) d: RegionThemeIdRequest,
  ) {
    return this.themes.lifecycleInRegion(ctx, d, 'open');
  }

  @Answer(S.closeRegionTheme) closeInRegion(
    @Ctx() ctx: RequestContext,
    @Data(RegionThemeIdRequest) d: RegionThemeIdRequest,
  ) {
    return this.themes.lifecycleInRegion(ctx, d, 'closed');
  }

  @Answer(S.regionThemePieces) reviewInRegion(
    @Ctx() ctx: RequestContext,
    @Data(RegionThemeIdRequest) d: RegionThemeIdRequest,
  ) {
    return this.themes.piecesInRegion(ctx, d);
  }

  @Answer(S.regionThemeTestimony) testimonyInRegion(
    @Ctx() ctx: RequestContext,
    @Data(RegionThemeIdRequest) d: RegionThemeIdRequest,
  ) {
    return this.themes.testimonyInRegion(ctx, d);
  }

  @Answer(S.approveRegionPiece) approveInRegion(
    @Ctx() ctx: RequestContext,
    @Data(RegionPieceIdRequest) d: RegionPieceIdRequest,
  ) {
    return this.pieces.approveInRegion(ctx, d);
  }

  @Answer(S.declineRegionPiece) declineInRegion(
    @Ctx() ctx: RequestContext,
    @Data(RegionPieceIdRequest) d: RegionPieceIdRequest,
  ) {
    return this.pieces.declineInRegion(ctx, d);
  }

  @Answer(S.proposeRegionEdit) proposeEditInRegion(
    @Ctx() ctx: RequestContext,
    @Data(ProposeRegionEditRequest) d: ProposeRegionEditRequest,
  ) {
    return this.pieces.proposeEditInRegion(ctx, d);
  }
}
