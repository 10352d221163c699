import { Injectable } from '@nestjs/common';
import { uuidv7 } from 'uuidv7';
import {
  DEFAULT_PUBLISH_THRESHOLD,
  MIN_PUBLISH_THRESHOLD,
  notFound,
  TenantsClient,
  type CreateRegionThemeRequest,
  type CreateThemeDto,
  type CreateThemeRequest,
  type ListRegionThemesRequest,
  type ListThemesQuery,
  type ListThemesRequest,
  type Page,
  type PieceView,
  type PublishedThemeView,
  type RegionThemeIdRequest,
  type RequestContext,
  type ThemeIdRequest,
  type ThemeView,
  type UpdateRegionThemeRequest,
  type UpdateThemeDto,
  type UpdateThemeRequest,
} from '@hearth/contracts';
import { decodeCursor, encodeCursor, type TenantTransaction } from '@hearth/persistence';
import { AdvocacyDatabase } from '../advocacy-database';
import {
  allows,
  authoriseInLero,
  authoriseInRegion,
  regionOfLero,
  type Authorised,
  type AuthorisedInRegion,
} from '../advocacy-access';
import { invalidField } from '../consultations/consultations.exception';
import { themeNotDraft, themeNotOpen, themeNotPublished } from './testimony.exception';
import { TestimonyRepository, type ThemeOwnerId, type ThemeRow } from './testimony.repository';
import { pieceView, publishedView, themeView } from './testimony.views';

const DEFAULT_PAGE = 50;

/**
 * Testimony themes of a LERO (ADR 0066) or of a region (ADR 0076): their staff (a LERO's tenant-admins and
 * coordinators, a region's admins) create them (draft), open them to contributions and close them; a LERO's members
 * linked to a member record see the open ones of their LERO and of its region. Publication follows the pieces.
 */
@Injectable()
export class ThemesService {
  constructor(
    private readonly db: AdvocacyDatabase,
    private readonly repo: TestimonyRepository,
    private readonly tenants: TenantsClient,
  ) {}

  create(ctx: RequestContext, d: CreateThemeRequest): Promise<ThemeView> {
    return this.make(lero(authoriseInLero(ctx.actor, d.tenantId, 'create', 'Theme')), d);
  }

  createInRegion(ctx: RequestContext, d: CreateRegionThemeRequest): Promise<ThemeView> {
    return this.make(region(authoriseInRegion(ctx.actor, d.regionId, 'create', 'Theme')), d);
  }

  async list(ctx: RequestContext, d: ListThemesRequest): Promise<Page<ThemeView>> {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'read', 'Theme', { status: 'open' });
    if (isStaff(a)) return this.page(lero(a), d);
    if (d.status && d.status !== 'open') return { items: [], nextCursor: null };
    // A member: the open themes of their LERO and of its region, in one transaction that sees both, by id.
    const regionId = regionOfLero(a, await this.tenants.tenantAccess(ctx, a.tenantId));
    return this.page(lero(a), { ...d, status: 'open' }, (work) =>
      this.db.transactInLeroOfRegion(a.tenantId, regionId, work),
    );
  }

  listInRegion(ctx: RequestContext, d: ListRegionThemesRequest): Promise<Page<ThemeView>> {
    return this.page(region(authoriseInRegion(ctx.actor, d.regionId, 'read', 'Theme')), d);
  }

  async get(ctx: RequestContext, d: ThemeIdRequest): Promise<ThemeView> {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'read', 'Theme', { status: 'open' });
    const staff = isStaff(a);
    const own = await this.in(lero(a), async (tx) => {
      const t = await this.repo.theme(tx, d.themeId);
      if (!t) return null;
      if (!allows(a, 'read', 'Theme', { tenantId: a.tenantId, status: t.status })) throw notFound('Theme');
      return themeView(t, staff ? await this.repo.contributors(tx, t.id) : undefined);
    });
    if (own) return own;
    // Not the LERO's: to a member, an open theme of its region (asked of the tenants service only then).
    if (staff) throw notFound('Theme');
    const regionId = regionOfLero(a, await this.tenants.tenantAccess(ctx, a.tenantId));
    return this.in({ kind: 'region', id: regionId }, async (tx) => {
      const t = await this.repo.theme(tx, d.themeId);
      if (!t || t.status !== 'open') throw notFound('Theme');
      return themeView(t);
    });
  }

  getInRegion(ctx: RequestContext, d: RegionThemeIdRequest): Promise<ThemeView> {
    const owner = region(authoriseInRegion(ctx.actor, d.regionId, 'read', 'Theme'));
    return this.in(owner, async (tx) => {
      const t = await this.found(tx, d.themeId);
      return themeView(t, await this.repo.contributors(tx, t.id));
    });
  }

  update(ctx: RequestContext, d: UpdateThemeRequest): Promise<ThemeView> {
    return this.change(lero(authoriseInLero(ctx.actor, d.tenantId, 'update', 'Theme')), d.themeId, d);
  }

  updateInRegion(ctx: RequestContext, d: UpdateRegionThemeRequest): Promise<ThemeView> {
    return this.change(region(authoriseInRegion(ctx.actor, d.regionId, 'update', 'Theme')), d.themeId, d);
  }

  lifecycle(ctx: RequestContext, d: ThemeIdRequest, to: 'open' | 'closed'): Promise<ThemeView> {
    return this.move(lero(authoriseInLero(ctx.actor, d.tenantId, 'update', 'Theme')), d.themeId, to);
  }

  lifecycleInRegion(ctx: RequestContext, d: RegionThemeIdRequest, to: 'open' | 'closed'): Promise<ThemeView> {
    return this.move(region(authoriseInRegion(ctx.actor, d.regionId, 'update', 'Theme')), d.themeId, to);
  }

  pieces(ctx: RequestContext, d: ThemeIdRequest): Promise<{ items: PieceView[] }> {
    return this.review(lero(authoriseInLero(ctx.actor, d.tenantId, 'read', 'Piece')), d.themeId);
  }

  piecesInRegion(ctx: RequestContext, d: RegionThemeIdRequest): Promise<{ items: PieceView[] }> {
    return this.review(region(authoriseInRegion(ctx.actor, d.regionId, 'read', 'Piece')), d.themeId);
  }

  testimony(ctx: RequestContext, d: ThemeIdRequest): Promise<PublishedThemeView> {
    return this.edition(lero(authoriseInLero(ctx.actor, d.tenantId, 'read', 'Piece')), d.themeId);
  }

  testimonyInRegion(ctx: RequestContext, d: RegionThemeIdRequest): Promise<PublishedThemeView> {
    return this.edition(region(authoriseInRegion(ctx.actor, d.regionId, 'read', 'Piece')), d.themeId);
  }

  private make(owner: ThemeOwnerId, d: CreateThemeDto): Promise<ThemeView> {
    const title = nonBlank('title', d.title);
    const prompt = nonBlank('prompt', d.prompt);
    const publishThreshold = Math.max(MIN_PUBLISH_THRESHOLD, d.publishThreshold ?? DEFAULT_PUBLISH_THRESHOLD);
    return this.in(owner, async (tx) =>
      themeView(await this.repo.insertTheme(tx, owner, uuidv7(), { title, prompt, publishThreshold }), 0),
    );
  }

  /**
   * A page of themes by id: the owner's, with their contributors, for its staff; with `scope` (a member's LERO with
   * its region), the open ones it sees, without.
   */
  private async page(
    owner: ThemeOwnerId,
    d: ListThemesQuery,
    scope?: <T>(work: (tx: TenantTransaction) => Promise<T>) => Promise<T>,
  ): Promise<Page<ThemeView>> {
    const limit = d.limit ?? DEFAULT_PAGE;
    const staff = !scope;
    const run = scope ?? (<T>(work: (tx: TenantTransaction) => Promise<T>) => this.in(owner, work));
    const { rows, counts } = await run(async (tx) => {
      const found = await this.repo.themes(tx, {
        statuses: d.status ? [d.status] : undefined,
        afterId: d.cursor ? decodeCursor(d.cursor) : undefined,
        limit,
      });
      const ids = found.slice(0, limit).map((t) => t.id);
      return { rows: found, counts: staff ? await this.repo.contributorsOf(tx, ids) : null };
    });
    const items = rows.slice(0, limit).map((t) => themeView(t, counts ? (counts.get(t.id) ?? 0) : undefined));
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
  }

  /** A draft's title, prompt or threshold; frozen once open (members have read it, and k is what they were told). */
  private change(owner: ThemeOwnerId, themeId: string, d: UpdateThemeDto): Promise<ThemeView> {
    const title = d.title === undefined ? undefined : nonBlank('title', d.title);
    const prompt = d.prompt === undefined ? undefined : nonBlank('prompt', d.prompt);
    return this.in(owner, async (tx) => {
      const t = await this.found(tx, themeId, 'update');
      if (t.status !== 'draft') throw themeNotDraft();
      const changed = await this.repo.updateTheme(tx, t.id, {
        title: title ?? t.title,
        prompt: prompt ?? t.prompt,
        publishThreshold: d.publishThreshold ?? t.publish_threshold,
      });
      return themeView(changed, 0);
    });
  }

  /** Draft → open (members contribute; accounts made from now on never count) or open → closed. */
  private move(owner: ThemeOwnerId, themeId: string, to: 'open' | 'closed'): Promise<ThemeView> {
    return this.in(owner, async (tx) => {
      const t = await this.found(tx, themeId, 'update');
      if (to === 'open' && t.status !== 'draft') throw themeNotDraft();
      if (to === 'closed' && t.status !== 'open') throw themeNotOpen();
      const changed = await this.repo.setThemeStatus(tx, t.id, to);
      return themeView(changed, await this.repo.contributors(tx, t.id));
    });
  }

  /** Every piece of a theme for its staff to review, in the order of their random ids; never who, where or when. */
  private review(owner: ThemeOwnerId, themeId: string): Promise<{ items: PieceView[] }> {
    return this.in(owner, async (tx) => {
      const t = await this.found(tx, themeId);
      return { items: (await this.repo.pieces(tx, t.id)).map(pieceView) };
    });
  }

  /** A published theme's current edition for its staff (the board's PDF); 409 while it is not published. */
  private edition(owner: ThemeOwnerId, themeId: string): Promise<PublishedThemeView> {
    return this.in(owner, async (tx) => {
      const t = await this.found(tx, themeId);
      if (!t.published) throw themeNotPublished();
      const texts = (await this.repo.publishedTexts(tx, [t.id])).map((p) => p.text);
      return publishedView(t, texts);
    });
  }

  /** The owner's own transaction: a LERO's sees only its themes, a region's only the region's. */
  private in<T>(owner: ThemeOwnerId, work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    return owner.kind === 'lero'
      ? this.db.transactInTenant(owner.id, work)
      : this.db.transactInRegion(owner.id, work);
  }

  private async found(tx: TenantTransaction, id: string, lock?: 'update'): Promise<ThemeRow> {
    const t = await this.repo.theme(tx, id, lock);
    if (!t) throw notFound('Theme');
    return t;
  }
}

/** The LERO's staff (who see its drafts) rather than a member (who sees what is open to them). */
const isStaff = (a: Authorised) => allows(a, 'read', 'Piece', { tenantId: a.tenantId });
const lero = (a: Authorised): ThemeOwnerId => ({ kind: 'lero', id: a.tenantId });
const region = (a: AuthorisedInRegion): ThemeOwnerId => ({ kind: 'region', id: a.regionId });

const nonBlank = (field: string, value: string) => {
  const trimmed = value.trim();
  if (!trimmed) throw invalidField(field, 'must not be blank');
  return trimmed;
};
