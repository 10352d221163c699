import type { RequestContext } from '../envelope';
import type { Requester } from '../requester';
import type { Page } from '../paging';
import { TestimonySubjects as S } from './testimony.subjects';
import type {
  ContributeDto,
  CreateThemeDto,
  ListThemesQuery,
  MyPieceView,
  PieceView,
  ProposeEditDto,
  PublicRegionTestimonyView,
  PublicTestimonyView,
  PublishedThemeView,
  ThemeView,
  UpdateThemeDto,
} from './testimony.dto';

/** The typed face of collective testimony (ADR 0066) for its callers (the gateway). */
export class TestimonyClient {
  constructor(private readonly bus: Requester) {}

  createTheme = (ctx: RequestContext, tenantId: string, dto: CreateThemeDto) =>
    this.bus.request<ThemeView>(S.createTheme, ctx, { ...dto, tenantId });
  listThemes = (ctx: RequestContext, tenantId: string, query: ListThemesQuery) =>
    this.bus.request<Page<ThemeView>>(S.listThemes, ctx, { ...query, tenantId });
  getTheme = (ctx: RequestContext, tenantId: string, themeId: string) =>
    this.bus.request<ThemeView>(S.getTheme, ctx, { tenantId, themeId });
  updateTheme = (ctx: RequestContext, tenantId: string, themeId: string, dto: UpdateThemeDto) =>
    this.bus.request<ThemeView>(S.updateTheme, ctx, { ...dto, tenantId, themeId });
  openTheme = (ctx: RequestContext, tenantId: string, themeId: string) =>
    this.bus.request<ThemeView>(S.openTheme, ctx, { tenantId, themeId });
  closeTheme = (ctx: RequestContext, tenantId: string, themeId: string) =>
    this.bus.request<ThemeView>(S.closeTheme, ctx, { tenantId, themeId });
  themePieces = (ctx: RequestContext, tenantId: string, themeId: string) =>
    this.bus.request<{ items: PieceView[] }>(S.themePieces, ctx, { tenantId, themeId });
  /** A published theme's current edition, for the board's PDF. */
  themeTestimony = (ctx: RequestContext, tenantId: string, themeId: string) =>
    this.bus.request<PublishedThemeView>(S.themeTestimony, ctx, { tenantId, themeId });

  contribute = (ctx: RequestContext, tenantId: string, themeId: string, dto: ContributeDto) =>
    this.bus.request<MyPieceView>(S.contribute, ctx, { ...dto, tenantId, themeId });
  approvePiece = (ctx: RequestContext, tenantId: string, themeId: string, pieceId: string) =>
    this.bus.request<PieceView>(S.approvePiece, ctx, { tenantId, themeId, pieceId });
  declinePiece = (ctx: RequestContext, tenantId: string, themeId: string, pieceId: string) =>
    this.bus.request<PieceView>(S.declinePiece, ctx, { tenantId, themeId, pieceId });
  proposeEdit = (
    ctx: RequestContext,
    tenantId: string,
    themeId: string,
    pieceId: string,
    dto: ProposeEditDto,
  ) => this.bus.request<PieceView>(S.proposeEdit, ctx, { ...dto, tenantId, themeId, pieceId });
  acceptEdit = (ctx: RequestContext, tenantId: string, themeId: string, pieceId: string) =>
    this.bus.request<MyPieceView>(S.acceptEdit, ctx, { tenantId, themeId, pieceId });
  withdrawPiece = (ctx: RequestContext, tenantId: string, themeId: string, pieceId: string) =>
    this.bus.request<MyPieceView>(S.withdrawPiece, ctx, { tenantId, themeId, pieceId });
  myTestimony = (ctx: RequestContext, tenantId: string) =>
    this.bus.request<{ items: MyPieceView[] }>(S.myTestimony, ctx, { tenantId });

  publicTestimony = (ctx: RequestContext, slug: string) =>
    this.bus.request<PublicTestimonyView>(S.publicTestimony, ctx, { slug });
  publicRegionTestimony = (ctx: RequestContext, slug: string) =>
    this.bus.request<PublicRegionTestimonyView>(S.publicRegionTestimony, ctx, { slug });

  // A region's themes (ADR 0076): its admins run them and review their pieces; members contribute through their LERO.
  createRegionTheme = (ctx: RequestContext, regionId: string, dto: CreateThemeDto) =>
    this.bus.request<ThemeView>(S.createRegionTheme, ctx, { ...dto, regionId });
  listRegionThemes = (ctx: RequestContext, regionId: string, query: ListThemesQuery) =>
    this.bus.request<Page<ThemeView>>(S.listRegionThemes, ctx, { ...query, regionId });
  getRegionTheme = (ctx: RequestContext, regionId: string, themeId: string) =>
    this.bus.request<ThemeView>(S.getRegionTheme, ctx, { regionId, themeId });
  updateRegionTheme = (ctx: RequestContext, regionId: string, themeId: string, dto: UpdateThemeDto) =>
    this.bus.request<ThemeView>(S.updateRegionTheme, ctx, { ...dto, regionId, themeId });
  openRegionTheme = (ctx: RequestContext, regionId: string, themeId: string) =>
    this.bus.request<ThemeView>(S.openRegionTheme, ctx, { regionId, themeId });
  closeRegionTheme = (ctx: RequestContext, regionId: string, themeId: string) =>
    this.bus.request<ThemeView>(S.closeRegionTheme, ctx, { regionId, themeId });
  regionThemePieces = (ctx: RequestContext, regionId: string, themeId: string) =>
    this.bus.request<{ items: PieceView[] }>(S.regionThemePieces, ctx, { regionId, themeId });
  regionThemeTestimony = (ctx: RequestContext, regionId: string, themeId: string) =>
    this.bus.request<PublishedThemeView>(S.regionThemeTestimony, ctx, { regionId, themeId });
  approveRegionPiece = (ctx: RequestContext, regionId: string, themeId: string, pieceId: string) =>
    this.bus.request<PieceView>(S.approveRegionPiece, ctx, { regionId, themeId, pieceId });
  declineRegionPiece = (ctx: RequestContext, regionId: string, themeId: string, pieceId: string) =>
    this.bus.request<PieceView>(S.declineRegionPiece, ctx, { regionId, themeId, pieceId });
  proposeRegionEdit = (
    ctx: RequestContext,
    regionId: string,
    themeId: string,
    pieceId: string,
    dto: ProposeEditDto,
  ) => this.bus.request<PieceView>(S.proposeRegionEdit, ctx, { ...dto, regionId, themeId, pieceId });
}
