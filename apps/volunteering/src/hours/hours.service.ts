import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  notFound,
  VolunteeringEvents,
  type ApproveHoursRequest,
  type ChangeMyHoursRequest,
  type WithdrawMyHoursRequest,
  type DeclineHoursRequest,
  type HoursEntryView,
  type HoursTotalsRequest,
  type HoursTotalsView,
  type ListHoursRequest,
  type LogHoursRequest,
  type MyHoursRequest,
  type MyHoursTotalsRequest,
  type Page,
  type RequestContext,
} from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { decodeCursor, pageOf, type TenantId } from '@hearth/persistence';
import { VolunteeringDatabase } from '../volunteering-database';
import { allows, authoriseInLero, authoriseOwnRecord } from '../volunteering-access';
import { VOLUNTEERING_OPTIONS, type VolunteeringOptions } from '../volunteering.options';
import { RolesRepository } from '../roles/roles.repository';
import { SignupsRepository } from '../signups/signups.repository';
import { notAVolunteer } from '../signups/signups.exception';
import { VolunteersRepository } from '../volunteers/volunteers.repository';
import { todayInUk } from '../training-records/training-dates.util';
import { HoursEntry } from './hours-entry.entity';
import { HoursRepository } from './hours.repository';
import { hoursEntryView, hoursEvent, hoursTotalsView } from './hours.view';
import { dateInFuture, hoursDecided, proposedFromShift, unknownRole } from './hours.exception';

const DEFAULT_PAGE = 50;

/**
 * Volunteers' hours (ADR 0054). A confirmed sign-up's hours are proposed once its occurrence has ended — lazily, by
 * whoever next reads the entries — and a volunteer logs other hours; a coordinator approves (perhaps adjusting the
 * minutes) or declines with a reason. Only approved minutes count; every change that changes what counts is an
 * `evt.volunteering.hours.*` in the change's transaction, with the entry's growing version.
 */
@Injectable()
export class HoursService {
  private readonly now: () => Date;

  constructor(
    private readonly db: VolunteeringDatabase,
    private readonly hours: HoursRepository,
    private readonly roles: RolesRepository,
    private readonly signups: SignupsRepository,
    @Inject(VOLUNTEERING_OPTIONS) options: VolunteeringOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async log(ctx: RequestContext, dto: LogHoursRequest): Promise<HoursEntryView> {
    const memberId = dto.memberId.toLowerCase();
    const a = authoriseInLero(ctx.actor, dto.tenantId, 'create', 'Hours', 'LERO', { memberId });
    const now = this.now();
    if (dto.date > todayInUk(now)) throw dateInFuture();
    return this.db.forTenant(a.tenantId).em.transactional(async (em) => {
      const role = await this.roles.find(em, dto.roleId.toLowerCase());
      if (!role || !allows(a, 'read', 'Role', { status: role.status })) throw unknownRole();
      // Held against the member's erasure (ADR 0050's lock): no entry outlives the row it was checked against.
      await VolunteersRepository.lock(em, a.tenantId, memberId);
      if (!(await this.signups.isVolunteer(em, memberId))) throw notAVolunteer();
      const entry = em.create(HoursEntry, {
        tenantId: a.tenantId,
        memberId,
        roleId: role.id,
        source: 'logged',
        date: dto.date,
        minutes: dto.minutes,
        status: 'pending',
        version: 1,
        description: dto.description?.trim() || null,
        loggedBy: a.actor.accountId,
        createdAt: now,
        updatedAt: now,
      });
      em.persist(entry);
      return hoursEntryView(entry);
    });
  }

  /** The LERO's entries (`status=pending`: the approvals queue); a volunteer may ask for their own (`memberId`). */
  async list(ctx: RequestContext, q: ListHoursRequest): Promise<Page<HoursEntryView>> {
    const memberId = q.memberId?.toLowerCase();
    const { tenantId } = authoriseInLero(
      ctx.actor,
      q.tenantId,
      'read',
      'Hours',
      'LERO',
      memberId ? { memberId } : {},
    );
    return this.page(tenantId, { ...q, memberId });
  }

  /** The caller's own entries (the member record their account is linked to), with any decline's reason. */
  async mine(ctx: RequestContext, q: MyHoursRequest): Promise<Page<HoursEntryView>> {
    const { tenantId, memberId } = authoriseOwnRecord(ctx.actor, q.tenantId, 'read', 'Hours');
    return this.page(tenantId, { ...q, memberId });
  }

  /** Approves as asked, or with other minutes (an adjustment); approving an approved entry again re-states it. */
  async approve(ctx: RequestContext, dto: ApproveHoursRequest): Promise<HoursEntryView> {
    const { actor, tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'update', 'Hours', 'Hours entry');
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const entry = await this.hours.find(em, dto.entryId.toLowerCase());
      if (!entry) throw notFound('Hours entry');
      const minutes = dto.minutes ?? entry.minutes;
      if (entry.status === 'approved' && entry.approvedMinutes === minutes) return hoursEntryView(entry);
      this.decided(entry, actor.accountId);
      entry.status = 'approved';
      entry.approvedMinutes = minutes;
      entry.declineReason = null;
      recordEvent(em, VolunteeringEvents.hoursApproved, hoursEvent(entry, 'approved'), tenantId);
      return hoursEntryView(entry);
    });
  }

  /** Declines with a reason the volunteer sees; an approved entry declined no longer counts (withdrawn). */
  async decline(ctx: RequestContext, dto: DeclineHoursRequest): Promise<HoursEntryView> {
    const { actor, tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'update', 'Hours', 'Hours entry');
    const reason = dto.reason.trim();
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const entry = await this.hours.find(em, dto.entryId.toLowerCase());
      if (!entry) throw notFound('Hours entry');
      if (entry.status === 'declined' && entry.declineReason === reason) return hoursEntryView(entry);
      const counted = entry.status === 'approved';
      this.decided(entry, actor.accountId);
      entry.status = 'declined';
      entry.approvedMinutes = null;
      entry.declineReason = reason;
      if (counted)
        recordEvent(em, VolunteeringEvents.hoursWithdrawn, hoursEvent(entry, 'withdrawn'), tenantId);
      return hoursEntryView(entry);
    });
  }

  /**
   * The volunteer's change of their own pending logged entry (ADR 0063): the day, minutes, role or description. No
   * event: a pending entry never counted. Someone else's entry answers as a missing one.
   */
  async changeMine(ctx: RequestContext, dto: ChangeMyHoursRequest): Promise<HoursEntryView> {
    const a = authoriseOwnRecord(ctx.actor, dto.tenantId, 'create', 'Hours');
    const now = this.now();
    if (dto.date !== undefined && dto.date > todayInUk(now)) throw dateInFuture();
    return this.db.forTenant(a.tenantId).em.transactional(async (em) => {
      const entry = await this.ownPendingLogged(em, dto.entryId, a.memberId);
      const changes: Partial<Pick<HoursEntry, 'roleId' | 'date' | 'minutes' | 'description'>> = {};
      if (dto.roleId !== undefined && dto.roleId.toLowerCase() !== entry.roleId) {
        const role = await this.roles.find(em, dto.roleId.toLowerCase());
        if (!role || !allows(a, 'read', 'Role', { status: role.status })) throw unknownRole();
        changes.roleId = role.id;
      }
      if (dto.date !== undefined && dto.date !== entry.date) changes.date = dto.date;
      if (dto.minutes !== undefined && dto.minutes !== entry.minutes) changes.minutes = dto.minutes;
      const description = dto.description === undefined ? undefined : dto.description?.trim() || null;
      if (description !== undefined && description !== entry.description) changes.description = description;
      if (Object.keys(changes).length === 0) return hoursEntryView(entry);
      Object.assign(entry, changes);
      entry.version += 1;
      entry.updatedAt = now;
      return hoursEntryView(entry);
    });
  }

  /** The volunteer withdraws their own pending logged entry: deleted, with no event (it never counted). */
  async withdrawMine(ctx: RequestContext, dto: WithdrawMyHoursRequest): Promise<{ withdrawn: boolean }> {
    const a = authoriseOwnRecord(ctx.actor, dto.tenantId, 'create', 'Hours');
    return this.db.forTenant(a.tenantId).em.transactional(async (em) => {
      em.remove(await this.ownPendingLogged(em, dto.entryId, a.memberId));
      return { withdrawn: true };
    });
  }

  /** The member's own entry, locked; 404 for anyone else's, 409 for a shift's proposal or a decided entry. */
  private async ownPendingLogged(em: EntityManager, entryId: string, memberId: string): Promise<HoursEntry> {
    const entry = await this.hours.find(em, entryId.toLowerCase());
    if (!entry || entry.memberId !== memberId) throw notFound('Hours entry');
    if (entry.source !== 'logged') throw proposedFromShift();
    if (entry.status !== 'pending') throw hoursDecided();
    return entry;
  }

  async totals(ctx: RequestContext, q: HoursTotalsRequest): Promise<HoursTotalsView> {
    const memberId = q.memberId.toLowerCase();
    const { tenantId } = authoriseInLero(ctx.actor, q.tenantId, 'read', 'Hours', 'Member', { memberId });
    if (!(await this.hours.knows(tenantId, memberId))) throw notFound('Member');
    return this.totalsOf(tenantId, memberId);
  }

  async myTotals(ctx: RequestContext, q: MyHoursTotalsRequest): Promise<HoursTotalsView> {
    const { tenantId, memberId } = authoriseOwnRecord(ctx.actor, q.tenantId, 'read', 'Hours');
    return this.totalsOf(tenantId, memberId);
  }

  private async totalsOf(tenantId: TenantId, memberId: string): Promise<HoursTotalsView> {
    const year = Number(todayInUk(this.now()).slice(0, 4));
    return hoursTotalsView(memberId, year, await this.hours.approvedTotalsByRoleAndYear(tenantId, memberId));
  }

  /** Proposes what has ended (of `memberId`, or the whole LERO's), then reads a page. */
  private async page(
    tenantId: TenantId,
    q: { status?: HoursEntryView['status']; memberId?: string; cursor?: string; limit?: number },
  ): Promise<Page<HoursEntryView>> {
    const limit = q.limit ?? DEFAULT_PAGE;
    const afterId = q.cursor ? decodeCursor(q.cursor) : undefined;
    const rows = await this.hours.proposeAndPage(tenantId, this.now(), {
      status: q.status,
      memberId: q.memberId,
      afterId,
      limit,
    });
    return pageOf(rows, limit, hoursEntryView);
  }

  private decided(entry: HoursEntry, accountId: string): void {
    const now = this.now();
    entry.decidedBy = accountId;
    entry.decidedAt = now;
    entry.updatedAt = now;
    entry.version += 1;
  }
}
