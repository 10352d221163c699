import { Injectable } from '@nestjs/common';
import {
  forbidden,
  notFound,
  VolunteeringEvents,
  type CloseInterestRequest,
  type ExpressInterestRequest,
  type InterestView,
  type ListInterestsRequest,
  type MyInterestsRequest,
  type Page,
  type RequestContext,
  type RoleInterestsView,
  type WithdrawInterestRequest,
} from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { decodeCursor, pageOf } from '@hearth/persistence';
import { VolunteeringDatabase } from '../volunteering-database';
import { authoriseInLero, authoriseOwnRecord } from '../volunteering-access';
import { RolesRepository } from '../roles/roles.repository';
import { RotaNameLookup } from '../rota/rota-names';
import { VolunteersRepository } from '../volunteers/volunteers.repository';
import { RoleInterest } from './role-interest.entity';
import { InterestsRepository } from './interests.repository';
import { interestEvent, interestView, roleInterestView } from './interest.view';
import { roleClosedForInterest } from './interests.exception';

const DEFAULT_PAGE = 50;

/**
 * Members' interest in volunteering roles (ADR 0063). Someone whose account is linked to a member record says "I'm
 * interested" in an open role (again is no change) or withdraws it (deleted); the LERO's staff see who is interested,
 * with names asked of membership at read time, and close an interest with what came of it. Interest grants nothing.
 * Every change is an `evt.volunteering.interest.*` in its transaction, with no member id and never the note.
 */
@Injectable()
export class InterestsService {
  constructor(
    private readonly db: VolunteeringDatabase,
    private readonly interests: InterestsRepository,
    private readonly roles: RolesRepository,
    private readonly names: RotaNameLookup,
  ) {}

  async express(ctx: RequestContext, dto: ExpressInterestRequest): Promise<InterestView> {
    const { tenantId, memberId } = authoriseOwnRecord(ctx.actor, dto.tenantId, 'create', 'Interest');
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const role = await this.roles.find(em, dto.roleId.toLowerCase());
      if (!role) throw notFound('Role');
      if (role.status !== 'open') throw roleClosedForInterest();
      // Held against the member's erasure (ADR 0050's lock): no interest outlives an erasure, nor two open ones race.
      await VolunteersRepository.lock(em, tenantId, memberId);
      if (await this.interests.erased(em, tenantId, memberId))
        throw forbidden('Your account is not linked to a member record of this LERO.');
      const open = await this.interests.findOpen(em, role.id, memberId);
      if (open) return interestView(open, role.title);
      const now = new Date();
      const interest = em.create(RoleInterest, {
        tenantId,
        memberId,
        roleId: role.id,
        note: dto.note?.trim() || null,
        status: 'open',
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      em.persist(interest);
      recordEvent(em, VolunteeringEvents.interestExpressed, interestEvent(interest, 'expressed'), tenantId);
      return interestView(interest, role.title);
    });
  }

  /** Withdraws the caller's open interest in the role (deleted); none open is no change. */
  async withdraw(ctx: RequestContext, dto: WithdrawInterestRequest): Promise<{ withdrawn: boolean }> {
    const { tenantId, memberId } = authoriseOwnRecord(ctx.actor, dto.tenantId, 'delete', 'Interest');
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const role = await this.roles.find(em, dto.roleId.toLowerCase());
      if (!role) throw notFound('Role');
      const open = await this.interests.findOpen(em, role.id, memberId);
      if (!open) return { withdrawn: false };
      open.version += 1;
      recordEvent(em, VolunteeringEvents.interestWithdrawn, interestEvent(open, 'withdrawn'), tenantId);
      em.remove(open);
      return { withdrawn: true };
    });
  }

  /** The caller's own interests, open and followed up, oldest first. */
  async mine(ctx: RequestContext, q: MyInterestsRequest): Promise<Page<InterestView>> {
    const { tenantId, memberId } = authoriseOwnRecord(ctx.actor, q.tenantId, 'read', 'Interest');
    const limit = q.limit ?? DEFAULT_PAGE;
    const rows = await this.interests.pageOfMember(tenantId, memberId, {
      afterId: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit,
    });
    return pageOf(rows, limit, (r) => interestView(r));
  }

  /** Who is interested in a role (staff), each with the display name membership gives this reader now. */
  async list(ctx: RequestContext, q: ListInterestsRequest): Promise<RoleInterestsView> {
    const { tenantId } = authoriseInLero(ctx.actor, q.tenantId, 'read', 'Interest', 'Role');
    const role = await this.roles.find(this.db.forTenant(tenantId).em, q.roleId.toLowerCase());
    if (!role) throw notFound('Role');
    const limit = q.limit ?? DEFAULT_PAGE;
    const rows = await this.interests.pageOfRole(tenantId, role.id, {
      status: q.status,
      afterId: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit,
    });
    const shown = [...new Set(rows.slice(0, limit).map((r) => r.memberId))];
    const names = shown.length > 0 ? await this.names.names(ctx, tenantId, shown) : new Map<string, string>();
    const page = pageOf(rows, limit, (r) =>
      roleInterestView(r, names === 'unavailable' ? null : (names.get(r.memberId) ?? null)),
    );
    return { ...page, names: names === 'unavailable' ? 'unavailable' : 'shown' };
  }

  /** Follows an interest up: closed with what came of it; closing again with another outcome corrects it. */
  async close(ctx: RequestContext, dto: CloseInterestRequest): Promise<InterestView> {
    const { actor, tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'update', 'Interest', 'Interest');
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const interest = await this.interests.find(em, dto.interestId.toLowerCase());
      if (!interest) throw notFound('Interest');
      const role = await this.roles.find(em, interest.roleId);
      const title = role?.title ?? '';
      if (interest.status === 'closed' && interest.outcome === dto.outcome)
        return interestView(interest, title);
      const now = new Date();
      interest.status = 'closed';
      interest.outcome = dto.outcome;
      interest.closedBy = actor.accountId;
      interest.closedAt = now;
      interest.updatedAt = now;
      interest.version += 1;
      recordEvent(em, VolunteeringEvents.interestClosed, interestEvent(interest, 'closed'), tenantId);
      return interestView(interest, title);
    });
  }
}
