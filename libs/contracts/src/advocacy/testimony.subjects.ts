import { IsUUID, ValidateIf } from 'class-validator';

/** The subjects of collective testimony (ADR 0066), answered by the advocacy service (`advocacy.>`). */
export const TestimonySubjects = {
  createTheme: 'advocacy.theme.create',
  listThemes: 'advocacy.theme.list',
  getTheme: 'advocacy.theme.get',
  updateTheme: 'advocacy.theme.update',
  openTheme: 'advocacy.theme.open',
  closeTheme: 'advocacy.theme.close',
  themePieces: 'advocacy.theme.pieces',
  themeTestimony: 'advocacy.theme.testimony',
  contribute: 'advocacy.piece.contribute',
  approvePiece: 'advocacy.piece.approve',
  proposeEdit: 'advocacy.piece.propose-edit',
  declinePiece: 'advocacy.piece.decline',
  acceptEdit: 'advocacy.piece.accept-edit',
  withdrawPiece: 'advocacy.piece.withdraw',
  myTestimony: 'advocacy.piece.mine',
  publicTestimony: 'advocacy.public.testimony',
  publicRegionTestimony: 'advocacy.public.region-testimony',
  createRegionTheme: 'advocacy.region-theme.create',
  listRegionThemes: 'advocacy.region-theme.list',
  getRegionTheme: 'advocacy.region-theme.get',
  updateRegionTheme: 'advocacy.region-theme.update',
  openRegionTheme: 'advocacy.region-theme.open',
  closeRegionTheme: 'advocacy.region-theme.close',
  regionThemePieces: 'advocacy.region-theme.pieces',
  regionThemeTestimony: 'advocacy.region-theme.testimony',
  approveRegionPiece: 'advocacy.region-piece.approve',
  proposeRegionEdit: 'advocacy.region-piece.propose-edit',
  declineRegionPiece: 'advocacy.region-piece.decline',
} as const;

/**
 * A theme became published (its approved pieces came from at least k distinct contributors who count) or stopped
 * being published (a withdrawal took it below k). No text, no count, nobody's id.
 */
export const TestimonyEvents = {
  themePublished: 'evt.advocacy.theme.published',
  themeUnpublished: 'evt.advocacy.theme.unpublished',
} as const;

/** `evt.advocacy.theme.published|unpublished`: which theme of which LERO or region (ADR 0076); nothing else. */
export class ThemePublicationEvent {
  /** The LERO of a LERO's theme; absent for a region's. */
  @ValidateIf((o: ThemePublicationEvent) => o.regionId === undefined)
  @IsUUID('all')
  tenantId?: string;

  /** The region of a region's theme; absent for a LERO's. */
  @ValidateIf((o: ThemePublicationEvent) => o.tenantId === undefined)
  @IsUUID('all')
  regionId?: string;

  @IsUUID('all')
  themeId!: string;
}

export const TESTIMONY_EVENT_PAYLOADS = {
  [TestimonyEvents.themePublished]: ThemePublicationEvent,
  [TestimonyEvents.themeUnpublished]: ThemePublicationEvent,
} as const;
