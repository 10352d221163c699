import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  notFound,
  type ContributeRequest,
  type MyPieceView,
  type MyTestimonyRequest,
  type PieceIdRequest,
  type PieceView,
  type ProposeEditRequest,
  type RequestContext,
} from '@hearth/contracts';
import type { TenantId, TenantTransaction } from '@hearth/persistence';
import { AdvocacyDatabase } from '../advocacy-database';
import { buryMember, ensureNotErased } from '../members/erased-members.repository';
import { authoriseContributor, authoriseTestimony } from '../testimony-access';
import { invalidField } from '../consultations/consultations.exception';
import { countsTowardsThreshold } from '../consultations/consultation-rules';
import { alreadyContributed, noEditProposed, pieceDecided, themeNotOpen } from './testimony.exception';
import { TestimonyRepository, type PieceRow, type ThemeRow } from './testimony.repository';
import { myPieceView, pieceView } from './testimony.views';
import { Publication } from './publication.service';

/**
 * Pieces of testimony (ADR 0066). A member contributes to an open theme with explicit consent; staff approve it as
 * written or propose an edit of identifying details, which only its contributor can accept; its contributor can
 * withdraw it at any time. Every change that could move publication settles it in the same transaction, with the
 * theme's row locked, so publication never lags a withdrawal.
 */
@Injectable()
export class PiecesService {
  constructor(
    private readonly db: AdvocacyDatabase,
    private readonly repo: TestimonyRepository,
    private readonly publication: Publication,
  ) {}

  contribute(ctx: RequestContext, d: ContributeRequest): Promise<MyPieceView> {
    const who = authoriseContributor(ctx.actor, d.tenantId, 'create');
    const text = d.text.trim();
    if (!text) throw invalidField('text', 'must not be blank');
    return this.db.transactInTenant(who.tenantId, async (tx) => {
      // The member's lock first (an erasure takes it too), then refused if they were erased (a token still valid).
      await ensureNotErased(tx, who.tenantId, who.memberId);
      // Locked: a close waits for contributions in flight, and none slips in after it.
      const theme = await this.repo.theme(tx, d.themeId, 'update');
      if (!theme || theme.status === 'draft') throw notFound('Theme');
      if (theme.status !== 'open') throw themeNotOpen();
      const counts = countsTowardsThreshold(who.actor.accountId, who.memberId, new Date(theme.opened_at!));
      const row = await this.repo.insertPiece(tx, {
        id: randomUUID(),
        theme,
        memberId: who.memberId,
        counts,
        text,
      });
      if (!row) throw alreadyContributed();
      return myPieceView(row, theme.title);
    });
  }

  /** Staff approve a piece as written (a proposed edit they made is dropped). */
  approve(ctx: RequestContext, d: PieceIdRequest): Promise<PieceView> {
    const a = authoriseTestimony(ctx.actor, d.tenantId, 'update', 'Piece');
    return this.change(a.tenantId, d, null, async (tx, theme, p) => {
      if (p.status !== 'submitted' && p.status !== 'edit-proposed') throw pieceDecided();
      const done = await this.repo.updatePiece(tx, p.id, {
        status: 'approved',
        text: p.text,
        proposedText: null,
      });
      await this.publication.settle(tx, theme);
      return pieceView(done);
    });
  }

  /** Staff decline a waiting piece: it is never published; its contributor sees it declined, and may write another. */
  decline(ctx: RequestContext, d: PieceIdRequest): Promise<PieceView> {
    const a = authoriseTestimony(ctx.actor, d.tenantId, 'update', 'Piece');
    return this.change(a.tenantId, d, null, async (tx, _theme, p) => {
      if (p.status !== 'submitted' && p.status !== 'edit-proposed') throw pieceDecided();
      return pieceView(
        await this.repo.updatePiece(tx, p.id, { status: 'declined', text: p.text, proposedText: null }),
      );
    });
  }

  /** Staff propose an edit (identifying details out): it waits for the contributor; the piece does not count yet. */
  proposeEdit(ctx: RequestContext, d: ProposeEditRequest): Promise<PieceView> {
    const a = authoriseTestimony(ctx.actor, d.tenantId, 'update', 'Piece');
    const text = d.text.trim();
    if (!text) throw invalidField('text', 'must not be blank');
    return this.change(a.tenantId, d, null, async (tx, _theme, p) => {
      if (p.status !== 'submitted' && p.status !== 'edit-proposed') throw pieceDecided();
      return pieceView(
        await this.repo.updatePiece(tx, p.id, { status: 'edit-proposed', text: p.text, proposedText: text }),
      );
    });
  }

  /** The contributor accepts the edit proposed to them: the edited text is approved. */
  acceptEdit(ctx: RequestContext, d: PieceIdRequest): Promise<MyPieceView> {
    const who = authoriseContributor(ctx.actor, d.tenantId, 'update');
    return this.change(who.tenantId, d, who.memberId, async (tx, theme, p) => {
      if (p.status !== 'edit-proposed' || p.proposed_text === null) throw noEditProposed();
      const done = await this.repo.updatePiece(tx, p.id, {
        status: 'approved',
        text: p.proposed_text,
        proposedText: null,
      });
      await this.publication.settle(tx, theme);
      return myPieceView(done, theme.title);
    });
  }

  /**
   * The contributor withdraws their piece, at any time: its text is deleted, it leaves the next edition, and a theme
   * it takes below its threshold is unpublished in this transaction. Withdrawing twice is no error.
   */
  withdraw(ctx: RequestContext, d: PieceIdRequest): Promise<MyPieceView> {
    const who = authoriseContributor(ctx.actor, d.tenantId, 'update');
    return this.change(who.tenantId, d, who.memberId, async (tx, theme, p) => {
      const done =
        p.status === 'withdrawn'
          ? p
          : await this.repo.updatePiece(tx, p.id, { status: 'withdrawn', text: null, proposedText: null });
      await this.publication.settle(tx, theme);
      return myPieceView(done, theme.title);
    });
  }

  async mine(ctx: RequestContext, d: MyTestimonyRequest): Promise<{ items: MyPieceView[] }> {
    const who = authoriseContributor(ctx.actor, d.tenantId, 'read');
    const rows = await this.db.transactInTenant(who.tenantId, (tx) =>
      this.repo.memberPieces(tx, who.memberId),
    );
    return { items: rows.map((r) => myPieceView(r, r.theme_title)) };
  }

  /**
   * A member's erasure (ADR 0066): every live piece of theirs in the LERO withdrawn and its theme settled, as a
   * withdrawal would; then every row of theirs deleted: no piece keeps their id, only a one-way key of it stays.
   */
  async eraseMember(tenantId: TenantId, memberId: string): Promise<number> {
    return this.db.transactInTenant(tenantId, async (tx) => {
      // Under the member's lock, their tombstone left first: a contribution later than this is refused.
      await buryMember(tx, tenantId, memberId);
      const live = (await this.repo.memberPieces(tx, memberId)).filter((p) => p.status !== 'withdrawn');
      for (const themeId of [...new Set(live.map((p) => p.theme_id))].sort()) {
        const theme = await this.repo.theme(tx, themeId, 'update');
        for (const p of live.filter((x) => x.theme_id === themeId))
          await this.repo.updatePiece(tx, p.id, { status: 'withdrawn', text: null, proposedText: null });
        if (theme) await this.publication.settle(tx, theme);
      }
      await this.repo.deleteMemberPieces(tx, memberId);
      return live.length;
    });
  }

  /**
   * A change of one piece in its theme's transaction, the theme's row locked first (publication is settled on it).
   * `memberId`: only that member's piece is found (another's answers as a missing one).
   */
  private change<T>(
    tenantId: TenantId,
    d: PieceIdRequest,
    memberId: string | null,
    work: (tx: TenantTransaction, theme: ThemeRow, piece: PieceRow) => Promise<T>,
  ): Promise<T> {
    return this.db.transactInTenant(tenantId, async (tx) => {
      const theme = await this.repo.theme(tx, d.themeId, 'update');
      if (!theme) throw notFound('Theme');
      const piece = await this.repo.piece(tx, theme.id, d.pieceId);
      if (!piece || (memberId !== null && piece.member_id.toLowerCase() !== memberId))
        throw notFound('Piece');
      return work(tx, theme, piece);
    });
  }
}
