import { Injectable } from '@nestjs/common';
import {
  MembershipEvents,
  notFound,
  type ConsentRecordView,
  type CreateMemberRequest,
  type ListMembersRequest,
  type MemberIdRequest,
  type MemberNamesRequest,
  type MemberNamesView,
  type MemberSummaryView,
  type MemberView,
  type Page,
  type RequestContext,
  type UpdateMemberRequest,
} from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { MembershipDatabase } from '../membership-database';
import { seesWholeRecord } from '../membership.ability';
import { authoriseInLero, authoriseMemberNames } from '../membership-access';
import { MemberAuditService } from '../audit/member-audit.service';
import { ConsentsService } from '../consents/consents.service';
import { Member } from './member.entity';
import { MembersRepository } from './members.repository';
import { applyProfile } from './member-profile.util';
import { encodeListCursor } from './member-cursor.util';
import { memberEvent, memberSummary, memberView } from './member.view';
import { memberAlreadyActive, memberAlreadyLeft, volunteersSeeActiveOnly } from './members.exception';
import { dropUnwantedReminders } from './member-reminders.util';

const DEFAULT_PAGE = 20;

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
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'create', 'Member');
    const { tenantId: _tenantId, consents, ...profile } = dto;
    const scope = this.db.forTenant(tenantId);
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
    const { ability, tenantId } = authoriseInLero(ctx.actor, query.tenantId, 'read', 'Member');
    const whole = seesWholeRecord(ability, tenantId, 'active');
    if (!whole && query.status && query.status !== 'active') throw volunteersSeeActiveOnly();
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.members.list(tenantId, {
      search: query.search?.trim() || undefined,
      searchEmail: whole,
      communityRole: query.communityRole,
      status: whole ? query.status : 'active',
      cursor: query.cursor,
      limit,
      whole,
      sort: query.sort,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => (whole ? memberView(r) : memberSummary(r))),
      nextCursor: rows.length > limit ? encodeListCursor(query.sort, page[page.length - 1]) : null,
    };
  }

  /** Every read of one record is audited, in the same round trip as the read. */
  async get(ctx: RequestContext, dto: MemberIdRequest): Promise<MemberView | MemberSummaryView> {
    const { actor, ability, tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'read', 'Member');
    const whole = seesWholeRecord(ability, tenantId, 'active');
    // A volunteer sees active members only; one who left is as invisible to them as one who never was.
    const record = await this.members.readAudited(tenantId, dto.memberId, {
      actorAccountId: actor.accountId,
      action: 'member.read',
      activeOnly: !whole,
    });
    if (!record) throw notFound('Member');
    return whole ? memberView(record) : memberSummary(record);
  }

  async update(ctx: RequestContext, dto: UpdateMemberRequest): Promise<MemberView> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'update', 'Member');
    const { tenantId: _tenantId, memberId, consents, ...profile } = dto;
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const member = await this.members.findForUpdate({ tenantId, em }, memberId);
      if (!member) throw notFound('Member');
      const fields = applyProfile(member, profile);
      if (consents)
        fields.push(...this.consents.record(em, member, consents, ctx).map((c) => `consents.${c}`));
      if (fields.length > 0) {
        member.updatedAt = new Date();
        this.audit.record(em, tenantId, ctx, 'member.updated', member.id, { fields });
      }
      await dropUnwantedReminders(em, member, fields);
      // Other services read who is a volunteer (a community role) from events: a change of roles is one.
      if (fields.includes('communityRoles'))
        recordEvent(em, MembershipEvents.memberRolesChanged, memberEvent(member, member.updatedAt), tenantId);
      return memberView(member);
    });
  }

  async leave(ctx: RequestContext, dto: MemberIdRequest): Promise<MemberView> {
    return this.transition(ctx, dto, 'left');
  }

  async rejoin(ctx: RequestContext, dto: MemberIdRequest): Promise<MemberView> {
    return this.transition(ctx, dto, 'active');
  }

  /** A live member's consent history, newest first; the read is audited. */
  async consentHistory(ctx: RequestContext, dto: MemberIdRequest): Promise<{ items: ConsentRecordView[] }> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'read', 'Consent');
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const scope = { tenantId, em };
      if (!(await this.members.findLive(scope, dto.memberId))) throw notFound('Member');
      this.audit.record(em, tenantId, ctx, 'member.consents.read', dto.memberId);
      return { items: await this.consents.history(scope, dto.memberId) };
    });
  }

  /**
   * Names of active members for the LERO's other services (the events service's registers and RSVP checks),
   * asked on behalf of the person using them; the gate says which of the ids they may have named.
   */
  async activeNames(ctx: RequestContext, dto: MemberNamesRequest): Promise<MemberNamesView> {
    const { tenantId, memberIds } = authoriseMemberNames(ctx.actor, dto.tenantId, dto.memberIds);
    if (memberIds.length === 0) return { items: [] };
    return { items: await this.members.activeNames(tenantId, memberIds) };
  }

  private async transition(
    ctx: RequestContext,
    dto: MemberIdRequest,
    to: 'left' | 'active',
  ): Promise<MemberView> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'update', 'Member');
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const member = await this.members.findForUpdate({ tenantId, em }, dto.memberId);
      if (!member) throw notFound('Member');
      if (member.status === to) throw to === 'left' ? memberAlreadyLeft() : memberAlreadyActive();
      const now = new Date();
      member.status = to;
      member.leftAt = to === 'left' ? now : null;
      member.updatedAt = now;
      this.audit.record(em, tenantId, ctx, to === 'left' ? 'member.left' : 'member.rejoined', member.id);
      await dropUnwantedReminders(em, member, ['status']);
      recordEvent(
        em,
        to === 'left' ? MembershipEvents.memberLeft : MembershipEvents.memberRejoined,
        memberEvent(member, now),
        tenantId,
      );
      return memberView(member);
    });
  }
}
