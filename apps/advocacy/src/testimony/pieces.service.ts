import { createHmac, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  notFound,
  TenantsClient,
  type ContributeRequest,
  type MyPieceView,
  type MyTestimonyRequest,
  type PieceIdRequest,
  type PieceView,
  type ProposeEditDto,
  type ProposeEditRequest,
  type ProposeRegionEditRequest,
  type RegionPieceIdRequest,
  type RequestContext,
} from '@hearth/contracts';
import type { TenantId, TenantTransaction } from '@hearth/persistence';
import { AdvocacyDatabase } from '../advocacy-database';
import { ADVOCACY_OPTIONS, type AdvocacyOptions } from '../advocacy.options';
import {
  authoriseContributor,
  authoriseInLero,
  authoriseInRegion,
  regionOfLero,
  regionOfOwnPieces,
  type Contributor,
} from '../advocacy-access';
import { buryMember, ensureNotErased } from '../members/erased-members.repository';
import { invalidField } from '../consultations/consultations.exception';
import { countsTowardsThreshold } from '../consultations/consultation-rules';
import { alreadyContributed, noEditProposed, pieceDecided, themeNotOpen } from './testimony.exception';
import { TestimonyRepository, type PieceRow, type ThemeOwnerId, type ThemeRow } from './testimony.repository';
import { myPieceView, pieceView } from './testimony.views';
import { Publication } from './publication.service';

type Scope = <T>(work: (tx: TenantTransaction) => Promise<T>) => Promise<T>;
/** What a member's LERO transaction answers when the theme is not the LERO's: look in its region's next. */
const ELSEWHERE = Symbol('elsewhere');

/**
 * Pieces of testimony (ADR 0066), in a LERO's themes or its region's (ADR 0076). A member contributes to an open
 * theme with explicit consent; the theme's staff approve it as written or propose an edit of identifying details,
 * which only its contributor can accept; its contributor can withdraw it at any time. Every change that could move
 * publication settles it in the same transaction, with the theme's row locked, so publication never lags a withdrawal.
 */
@Injectable()
export class PiecesService {
  constructor(
    private readonly db: AdvocacyDatabase,
    private readonly repo: TestimonyRepository,
    private readonly publication: Publication,
    private readonly tenants: TenantsClient,
    @Inject(ADVOCACY_OPTIONS) private readonly options: AdvocacyOptions,
  ) {}

  contribute(ctx: RequestContext, d: ContributeRequest): Promise<MyPieceView> {
    const who = authoriseContributor(ctx.actor, d.tenantId, 'create');
    const text = d.text.trim();
    if (!text) throw invalidField('text', 'must not be blank');
    return this.asMember(ctx, who, async (tx) => {
      // The member's lock first (an erasure takes it too), then refused if they were erased (a token still valid).
      await ensureNotErased(tx, who.tenantId, who.memberId);
      // Locked: a close waits for contributions in flight, and none slips in after it.
      const theme = await this.repo.theme(tx, d.themeId, 'update');
      if (!theme) return ELSEWHERE;
      if (theme.status === 'draft') throw notFound('Theme');
      if (theme.status !== 'open') throw themeNotOpen();
      const counts = countsTowardsThreshold(who.actor.accountId, who.memberId, new Date(theme.opened_at!));
      const row = await this.repo.insertPiece(tx, {
        id: randomUUID(),
        theme,
        tenantId: who.tenantId,
        memberId: who.memberId,
        contributor: this.person(who.actor.accountId, theme.id),
        counts,
        text,
      });
      if (!row) throw alreadyContributed();
      return myPieceView(row, theme.title);
    });
  }

  /** Staff approve a piece as written (a proposed edit they made is dropped). */
  approve(ctx: RequestContext, d: PieceIdRequest): Promise<PieceView> {
    return this.approveIn(this.lero(authoriseInLero(ctx.actor, d.tenantId, 'update', 'Piece').tenantId), d);
  }

  approveInRegion(ctx: RequestContext, d: RegionPieceIdRequest): Promise<PieceView> {
    return this.approveIn(this.region(ctx, d), d);
  }

  /** Staff decline a waiting piece: it is never published; its contributor sees it declined, and may write another. */
  decline(ctx: RequestContext, d: PieceIdRequest): Promise<PieceView> {
    return this.declineIn(this.lero(authoriseInLero(ctx.actor, d.tenantId, 'update', 'Piece').tenantId), d);
  }

  declineInRegion(ctx: RequestContext, d: RegionPieceIdRequest): Promise<PieceView> {
    return this.declineIn(this.region(ctx, d), d);
  }

  /** Staff propose an edit (identifying details out): it waits for the contributor; the piece does not count yet. */
  proposeEdit(ctx: RequestContext, d: ProposeEditRequest): Promise<PieceView> {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'update', 'Piece');
    return this.proposeIn(this.lero(a.tenantId), d);
  }

  proposeEditInRegion(ctx: RequestContext, d: ProposeRegionEditRequest): Promise<PieceView> {
    return this.proposeIn(this.region(ctx, d), d);
  }

  /** The contributor accepts the edit proposed to them: the edited text is approved. */
  acceptEdit(ctx: RequestContext, d: PieceIdRequest): Promise<MyPieceView> {
    const who = authoriseContributor(ctx.actor, d.tenantId, 'update');
    return this.asMember(ctx, who, (tx) =>
      this.change(tx, d, who.memberId, async (theme, p) => {
        if (p.status !== 'edit-proposed' || p.proposed_text === null) throw noEditProposed();
        const done = await this.repo.updatePiece(tx, p.id, {
          status: 'approved',
          text: p.proposed_text,
          proposedText: null,
        });
        await this.publication.settle(tx, theme);
        return myPieceView(done, theme.title);
      }),
    );
  }

  /**
   * The contributor withdraws their piece, at any time: its text is deleted, it leaves the next edition, and a theme
   * it takes below its threshold is unpublished in this transaction. Withdrawing twice is no error.
   */
  withdraw(ctx: RequestContext, d: PieceIdRequest): Promise<MyPieceView> {
    const who = authoriseContributor(ctx.actor, d.tenantId, 'update');
    return this.asMember(ctx, who, (tx) =>
      this.change(tx, d, who.memberId, async (theme, p) => {
        const done =
          p.status === 'withdrawn'
            ? p
            : await this.repo.updatePiece(tx, p.id, { status: 'withdrawn', text: null, proposedText: null });
        await this.publication.settle(tx, theme);
        return myPieceView(done, theme.title);
      }),
    );
  }

  /** A member's own pieces, in their LERO's themes and its region's. */
  async mine(ctx: RequestContext, d: MyTestimonyRequest): Promise<{ items: MyPieceView[] }> {
    const who = authoriseContributor(ctx.actor, d.tenantId, 'read');
    const rows = await this.ofMember(who.tenantId, who.memberId, (tx) =>
      this.repo.memberPieces(tx, who.tenantId, who.memberId),
    );
    return { items: rows.map((r) => myPieceView(r, r.theme_title)) };
  }

  /**
   * Work on one member's rows, in their LERO's transaction, or, when they have pieces in their region's themes, in
   * their LERO's with that region (the region read back from those rows): a LERO's transaction cannot see a region's
   * theme, to name it in an export or to settle it at an erasure.
   */
  async ofMember<T>(tenantId: TenantId, memberId: string, work: (tx: TenantTransaction) => Promise<T>) {
    const regionId = await this.regionOfPieces(tenantId, memberId);
    return regionId
      ? this.db.transactInLeroOfRegion(tenantId, regionId, work)
      : this.db.transactInTenant(tenantId, work);
  }

  /**
   * A member's erasure (ADR 0066): every live piece of theirs in the LERO's themes and its region's withdrawn and
   * its theme settled, as a withdrawal would; then every row of theirs deleted, so nothing keeps their id. A piece
   * in a region's theme written while the LERO's transaction ran (it sees no region theme to settle) is left to a
   * second pass with the region, so no theme keeps its publication on a piece deleted unsettled.
   */
  async eraseMember(tenantId: TenantId, memberId: string): Promise<number> {
    let withdrawn = 0;
    for (let pass = 0; pass < 2; pass += 1) {
      const regionId = await this.regionOfPieces(tenantId, memberId);
      if (pass > 0 && !regionId) break;
      const scope: Scope = (work) =>
        regionId
          ? this.db.transactInLeroOfRegion(tenantId, regionId, work)
          : this.db.transactInTenant(tenantId, work);
      withdrawn += await scope(async (tx) => {
        // Under the member's lock, their tombstone left first: a contribution later than this is refused.
        await buryMember(tx, tenantId, memberId);
        const live = (await this.repo.memberPieces(tx, tenantId, memberId)).filter(
          (p) => p.status !== 'withdrawn',
        );
        for (const themeId of [...new Set(live.map((p) => p.theme_id))].sort()) {
          const theme = await this.repo.theme(tx, themeId, 'update');
          for (const p of live.filter((x) => x.theme_id === themeId))
            await this.repo.updatePiece(tx, p.id, { status: 'withdrawn', text: null, proposedText: null });
          if (theme) await this.publication.settle(tx, theme);
        }
        await this.repo.deleteMemberPieces(tx, tenantId, memberId, { withRegion: regionId !== null });
        return live.length;
      });
      if (regionId) break;
    }
    return withdrawn;
  }

  private async regionOfPieces(tenantId: TenantId, memberId: string) {
    const regionId = await this.db.transactInTenant(tenantId, (tx) =>
      this.repo.memberPiecesRegion(tx, memberId),
    );
    return regionId ? regionOfOwnPieces(regionId) : null;
  }

  private approveIn(scope: Scope, d: PieceIdRequest | RegionPieceIdRequest): Promise<PieceView> {
    return scope((tx) =>
      this.change(tx, d, null, async (theme, p) => {
        if (p.status !== 'submitted' && p.status !== 'edit-proposed') throw pieceDecided();
        const done = await this.repo.updatePiece(tx, p.id, {
          status: 'approved',
          text: p.text,
          proposedText: null,
        });
        await this.publication.settle(tx, theme);
        return pieceView(done);
      }).then(found),
    );
  }

  private declineIn(scope: Scope, d: PieceIdRequest | RegionPieceIdRequest): Promise<PieceView> {
    return scope((tx) =>
      this.change(tx, d, null, async (_theme, p) => {
        if (p.status !== 'submitted' && p.status !== 'edit-proposed') throw pieceDecided();
        return pieceView(
          await this.repo.updatePiece(tx, p.id, { status: 'declined', text: p.text, proposedText: null }),
        );
      }).then(found),
    );
  }

  private proposeIn(
    scope: Scope,
    d: (PieceIdRequest | RegionPieceIdRequest) & ProposeEditDto,
  ): Promise<PieceView> {
    const text = d.text.trim();
    if (!text) throw invalidField('text', 'must not be blank');
    return scope((tx) =>
      this.change(tx, d, null, async (_theme, p) => {
        if (p.status !== 'submitted' && p.status !== 'edit-proposed') throw pieceDecided();
        return pieceView(
          await this.repo.updatePiece(tx, p.id, {
            status: 'edit-proposed',
            text: p.text,
            proposedText: text,
          }),
        );
      }).then(found),
    );
  }

  /**
   * A change of one piece in its theme's transaction, the theme's row locked first (publication is settled on it);
   * `ELSEWHERE` when the transaction does not see the theme. `memberId`: only that member's piece is found (another's
   * answers as a missing one).
   */
  private async change<T>(
    tx: TenantTransaction,
    d: { themeId: string; pieceId: string },
    memberId: string | null,
    work: (theme: ThemeRow, piece: PieceRow) => Promise<T>,
  ): Promise<T | typeof ELSEWHERE> {
    const theme = await this.repo.theme(tx, d.themeId, 'update');
    if (!theme) return ELSEWHERE;
    const piece = await this.repo.piece(tx, theme.id, d.pieceId);
    if (!piece || (memberId !== null && piece.member_id.toLowerCase() !== memberId)) throw notFound('Piece');
    return work(theme, piece);
  }

  /**
   * A member's work in their LERO's transaction; when the theme is not the LERO's, again in their LERO's with its
   * region (asked of the tenants service only then), which sees the region's themes and lets the piece be the LERO's.
   */
  private async asMember<T>(
    ctx: RequestContext,
    who: Contributor,
    work: (tx: TenantTransaction) => Promise<T | typeof ELSEWHERE>,
  ): Promise<T> {
    const own = await this.db.transactInTenant(who.tenantId, work);
    if (own !== ELSEWHERE) return own;
    const regionId = regionOfLero(who, await this.tenants.tenantAccess(ctx, who.tenantId));
    return found(await this.db.transactInLeroOfRegion(who.tenantId, regionId, work));
  }

  private lero(tenantId: TenantId): Scope {
    return (work) => this.db.transactInTenant(tenantId, work);
  }

  private region(ctx: RequestContext, d: { regionId: string }): Scope {
    const owner: ThemeOwnerId = {
      kind: 'region',
      id: authoriseInRegion(ctx.actor, d.regionId, 'update', 'Piece').regionId,
    };
    return (work) => this.db.transactInRegion(owner.id, work);
  }

  /** One person in one theme, whichever of the region's LEROs they write through: HMAC-SHA256(key, account ‖ theme). */
  private person(accountId: string, themeId: string): string {
    return createHmac('sha256', this.options.respondentKey)
      .update(`testimony:${accountId.toLowerCase()}:${themeId.toLowerCase()}`)
      .digest('hex');
  }
}

/** A theme the transaction did not see is missing. */
const found = <T>(result: T | typeof ELSEWHERE): T => {
  if (result === ELSEWHERE) throw notFound('Theme');
  return result;
};
