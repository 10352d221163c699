import { Injectable } from '@nestjs/common';
import {
  AppError,
  MembershipEvents,
  notFound,
  type AuditEntryView,
  type ConsentRecordView,
  type CreateMemberRequest,
  type ListAuditRequest,
  type ListMembersRequest,
  type MemberIdRequest,
  type MemberSummaryView,
  type MemberView,
  type Page,
  type RequestContext,
  type UpdateMemberRequest,
} from '@hearth/contracts';
import { requireActor } from '@hearth/auth';
import { asTenantId, encodeCursor } from '@hearth/persistence';
import { recordEvent } from '@hearth/messaging';
import { MembershipDatabase } from '../membership-database';
import { authoriseInLero, seesWholeRecord } from '../membership.ability';
import { MemberAuditService } from '../audit/member-audit.service';
import { ConsentsService } from '../consents/consents.service';
import { Member } from './member.entity';
import { MembersRepository } from './members.repository';
import { applyProfile } from './member-profile.util';
import { memberEvent, memberSummary, memberView } from './member.view';

const DEFAULT_PAGE = 20;
const AUDIT_PAGE = 50;
const MEMBER = 'Member';

/** A LERO's member records: create, find, read, change, leave and rejoin. */
@Injectable()
export class MembersService {
  constructor(
    private readonly db: MembershipDatabase,
    private readonly members: MembersRepository,
    private readonly consents: ConsentsService,
    private readonly audit: MemberAuditService,
  ) {}

  async create(ctx: RequestContext, dto: CreateMemberRequest): Promise<MemberView> {
    const actor = requireActor(ctx.actor);
    authoriseInLero(actor, dto.tenantId, 'create', 'Member');
    const { tenantId, consents, ...profile } = dto;
    const scope = this.db.forTenant(asTenantId(tenantId));
    return scope.em.transactional(async (em) => {
      const now = new Date();
      const member = Object.assign(new Member(), { tenantId, joinedAt: now, createdAt: now, updatedAt: now });
      applyProfile(member, profile);
      em.persist(member);
      if (consents) this.consents.record(em, member, consents, ctx, { initial: true });
      this.audit.record(em, tenantId, ctx, 'member.created', member.id);
      recordEvent(em, MembershipEvents.memberJoined, memberEvent(member, now), tenantId);
      return memberView(member);
    });
  }

  async list(ctx: RequestContext, query: ListMembersRequest): Promise<Page<MemberView | MemberSummaryView>> {
    const actor = requireActor(ctx.actor);
    const ability = authoriseInLero(actor, query.tenantId, 'read', 'Member');
    const whole = seesWholeRecord(ability, query.tenantId, 'active');
    if (!whole && query.status && query.status !== 'active') {
      throw new AppError('FORBIDDEN', 'Volunteers see the active members of their LERO only.');
    }
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.members.list(asTenantId(query.tenantId), {
      search: query.search?.trim() || undefined,
      searchEmail: whole,
      communityRole: query.communityRole,
      status: whole ? query.status : 'active',
      cursor: query.cursor,
      limit,
      whole,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => (whole ? memberView(r) : memberSummary(r))),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].id) : null,
    };
  }

  /** Every read of one record is audited, in the same round trip as the read. */
  async get(ctx: RequestContext, dto: MemberIdRequest): Promise<MemberView | MemberSummaryView> {
    const actor = requireActor(ctx.actor);
    const ability = authoriseInLero(actor, dto.tenantId, 'read', 'Member');
    const whole = seesWholeRecord(ability, dto.tenantId, 'active');
    // A volunteer sees active members only; one who left is as invisible to them as one who never was.
    const record = await this.members.readAudited(asTenantId(dto.tenantId), dto.memberId, {
      actorAccountId: actor.accountId,
      action: 'member.read',
      activeOnly: !whole,
    });
    if (!record) throw notFound('Member');
    return whole ? memberView(record) : memberSummary(record);
  }

  async update(ctx: RequestContext, dto: UpdateMemberRequest): Promise<MemberView> {
    const actor = requireActor(ctx.actor);
    authoriseInLero(actor, dto.tenantId, 'update', MEMBER);
    const { tenantId, memberId, consents, ...profile } = dto;
    return this.db.forTenant(asTenantId(tenantId)).em.transactional(async (em) => {
      const scope = { tenantId: asTenantId(tenantId), em };
      const member = await this.members.findForUpdate(scope, memberId);
      if (!member) throw notFound('Member');
      const fields = applyProfile(member, profile);
      if (consents)
        fields.push(...this.consents.record(em, member, consents, ctx).map((c) => `consents.${c}`));
      if (fields.length > 0) {
        member.updatedAt = new Date();
        this.audit.record(em, tenantId, ctx, 'member.updated', member.id, { fields });
      }
      return memberView(member);
    });
  }

  async leave(ctx: RequestContext, dto: MemberIdRequest): Promise<MemberView> {
    return this.transition(ctx, dto, 'left');
  }

  async rejoin(ctx: RequestContext, dto: MemberIdRequest): Promise<MemberView> {
    return this.transition(ctx, dto, 'active');
  }

  async consentHistory(ctx: RequestContext, dto: MemberIdRequest): Promise<{ items: ConsentRecordView[] }> {
    const actor = requireActor(ctx.actor);
    authoriseInLero(actor, dto.tenantId, 'read', 'Consent');
    return this.db.forTenant(asTenantId(dto.tenantId)).em.transactional(async (em) => {
      const scope = { tenantId: asTenantId(dto.tenantId), em };
      if (!(await this.members.findLive(scope, dto.memberId))) throw notFound('Member');
      this.audit.record(em, dto.tenantId, ctx, 'member.consents.read', dto.memberId);
      return { items: await this.consents.history(scope, dto.memberId) };
    });
  }

  async listAudit(ctx: RequestContext, dto: ListAuditRequest): Promise<Page<AuditEntryView>> {
    const actor = requireActor(ctx.actor);
    authoriseInLero(actor, dto.tenantId, 'read', 'MemberAudit');
    return this.audit.list(this.db.forTenant(asTenantId(dto.tenantId)), dto.limit ?? AUDIT_PAGE, dto.cursor);
  }

  private async transition(
    ctx: RequestContext,
    dto: MemberIdRequest,
    to: 'left' | 'active',
  ): Promise<MemberView> {
    const actor = requireActor(ctx.actor);
    authoriseInLero(actor, dto.tenantId, 'update', MEMBER);
    return this.db.forTenant(asTenantId(dto.tenantId)).em.transactional(async (em) => {
      const member = await this.members.findForUpdate(
        { tenantId: asTenantId(dto.tenantId), em },
        dto.memberId,
      );
      if (!member) throw notFound('Member');
      if (member.status === to) {
        throw new AppError(
          'CONFLICT',
          to === 'left' ? 'This member has already left.' : 'This member is already active.',
          { reason: to === 'left' ? 'MemberAlreadyLeft' : 'MemberAlreadyActive' },
        );
      }
      const now = new Date();
      member.status = to;
      member.leftAt = to === 'left' ? now : null;
      member.updatedAt = now;
      this.audit.record(em, dto.tenantId, ctx, to === 'left' ? 'member.left' : 'member.rejoined', member.id);
      recordEvent(
        em,
        to === 'left' ? MembershipEvents.memberLeft : MembershipEvents.memberRejoined,
        memberEvent(member, now),
        dto.tenantId,
      );
      return memberView(member);
    });
  }
}
