import { Injectable } from '@nestjs/common';
import { uuidv7 } from 'uuidv7';
import {
  DEFAULT_PUBLISH_THRESHOLD,
  MIN_PUBLISH_THRESHOLD,
  notFound,
  type CreateThemeRequest,
  type ListThemesRequest,
  type Page,
  type PieceView,
  type PublishedThemeView,
  type RequestContext,
  type ThemeIdRequest,
  type ThemeView,
  type UpdateThemeRequest,
} from '@hearth/contracts';
import { decodeCursor, encodeCursor, type TenantTransaction } from '@hearth/persistence';
import { AdvocacyDatabase } from '../advocacy-database';
import { authoriseTestimony, testimonyAllows } from '../testimony-access';
import { invalidField } from '../consultations/consultations.exception';
import { themeNotDraft, themeNotOpen, themeNotPublished } from './testimony.exception';
import { TestimonyRepository, type ThemeRow } from './testimony.repository';
import { pieceView, publishedView, themeView } from './testimony.views';

const DEFAULT_PAGE = 50;

/**
 * A LERO's testimony themes (ADR 0066): its staff create them (draft), open them to contributions and close them;
 * its members linked to a member record see the open ones. Publication follows the pieces (`Publication`).
 */
@Injectable()
export class ThemesService {
  constructor(
    private readonly db: AdvocacyDatabase,
    private readonly repo: TestimonyRepository,
  ) {}

  create(ctx: RequestContext, d: CreateThemeRequest): Promise<ThemeView> {
    const a = authoriseTestimony(ctx.actor, d.tenantId, 'create', 'Theme');
    const title = nonBlank('title', d.title);
    const prompt = nonBlank('prompt', d.prompt);
    const publishThreshold = Math.max(MIN_PUBLISH_THRESHOLD, d.publishThreshold ?? DEFAULT_PUBLISH_THRESHOLD);
    return this.db.transactInTenant(a.tenantId, async (tx) =>
      themeView(
        await this.repo.insertTheme(tx, a.tenantId, uuidv7(), { title, prompt, publishThreshold }),
        0,
      ),
    );
  }

  async list(ctx: RequestContext, d: ListThemesRequest): Promise<Page<ThemeView>> {
    const a = authoriseTestimony(ctx.actor, d.tenantId, 'read', 'Theme', { status: 'open' });
    const staff = testimonyAllows(a, 'read', 'Piece', { tenantId: a.tenantId });
    if (!staff && d.status && d.status !== 'open') return { items: [], nextCursor: null };
    const limit = d.limit ?? DEFAULT_PAGE;
    const { rows, counts } = await this.db.transactInTenant(a.tenantId, async (tx) => {
      const found = await this.repo.themes(tx, {
        statuses: staff ? (d.status ? [d.status] : undefined) : ['open'],
        afterId: d.cursor ? decodeCursor(d.cursor) : undefined,
        limit,
      });
      const ids = found.slice(0, limit).map((t) => t.id);
      return { rows: found, counts: staff ? await this.repo.contributorsOf(tx, ids) : null };
    });
    const items = rows.slice(0, limit).map((t) => themeView(t, counts ? (counts.get(t.id) ?? 0) : undefined));
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
  }

  async get(ctx: RequestContext, d: ThemeIdRequest): Promise<ThemeView> {
    const a = authoriseTestimony(ctx.actor, d.tenantId, 'read', 'Theme', { status: 'open' });
    const staff = testimonyAllows(a, 'read', 'Piece', { tenantId: a.tenantId });
    return this.db.transactInTenant(a.tenantId, async (tx) => {
      const t = await this.repo.theme(tx, d.themeId);
      if (!t || !testimonyAllows(a, 'read', 'Theme', { tenantId: a.tenantId, status: t.status }))
        throw notFound('Theme');
      return themeView(t, staff ? await this.repo.contributors(tx, t.id) : undefined);
    });
  }

  /** A draft's title, prompt or threshold; frozen once open (members have read it, and k is what they were told). */
  update(ctx: RequestContext, d: UpdateThemeRequest): Promise<ThemeView> {
    const a = authoriseTestimony(ctx.actor, d.tenantId, 'update', 'Theme');
    const title = d.title === undefined ? undefined : nonBlank('title', d.title);
    const prompt = d.prompt === undefined ? undefined : nonBlank('prompt', d.prompt);
    return this.db.transactInTenant(a.tenantId, async (tx) => {
      const t = await this.found(tx, d.themeId, 'update');
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
  lifecycle(ctx: RequestContext, d: ThemeIdRequest, to: 'open' | 'closed'): Promise<ThemeView> {
    const a = authoriseTestimony(ctx.actor, d.tenantId, 'update', 'Theme');
    return this.db.transactInTenant(a.tenantId, async (tx) => {
      const t = await this.found(tx, d.themeId, 'update');
      if (to === 'open' && t.status !== 'draft') throw themeNotDraft();
      if (to === 'closed' && t.status !== 'open') throw themeNotOpen();
      const changed = await this.repo.setThemeStatus(tx, t.id, to);
      return themeView(changed, await this.repo.contributors(tx, t.id));
    });
  }

  /** Every piece of a theme for its staff to review, in the order of their random ids; never who or when. */
  async pieces(ctx: RequestContext, d: ThemeIdRequest): Promise<{ items: PieceView[] }> {
    const a = authoriseTestimony(ctx.actor, d.tenantId, 'read', 'Piece');
    return this.db.transactInTenant(a.tenantId, async (tx) => {
      const t = await this.found(tx, d.themeId);
      return { items: (await this.repo.pieces(tx, t.id)).map(pieceView) };
    });
  }

  /** A published theme's current edition for its staff (the board's PDF); 409 while it is not published. */
  async testimony(ctx: RequestContext, d: ThemeIdRequest): Promise<PublishedThemeView> {
    const a = authoriseTestimony(ctx.actor, d.tenantId, 'read', 'Piece');
    return this.db.transactInTenant(a.tenantId, async (tx) => {
      const t = await this.found(tx, d.themeId);
      if (!t.published) throw themeNotPublished();
      const texts = (await this.repo.publishedTexts(tx, [t.id])).map((p) => p.text);
      return publishedView(t, texts);
    });
  }

  private async found(tx: TenantTransaction, id: string, lock?: 'update'): Promise<ThemeRow> {
    const t = await this.repo.theme(tx, id, lock);
    if (!t) throw notFound('Theme');
    return t;
  }
}

const nonBlank = (field: string, value: string) => {
  const trimmed = value.trim();
  if (!trimmed) throw invalidField(field, 'must not be blank');
  return trimmed;
};
