import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  forbidden,
  notFound,
  VolunteeringEvents,
  type CancelledSignupView,
  type CancelSignupRequest,
  type CreateSignupRequest,
  type ListSignupsRequest,
  type RequestContext,
  type SignupListView,
  type SignupView,
} from '@hearth/contracts';
import { VolunteeringDatabase } from '../volunteering-database';
import { allows, authoriseInLero, ownMemberIds, type Authorised } from '../volunteering-access';
import { RolesRepository } from '../roles/roles.repository';
import { TrainingRepository } from '../training/training.repository';
import { ShiftsRepository } from '../shifts/shifts.repository';
import type { Shift } from '../shifts/shift.entity';
import type { VolunteerRole } from '../roles/role.entity';
import { occurrenceOn, type DatedOccurrence } from './signup-occurrence.util';
import { missingRequirements } from './requirements';
import { SignupsRepository } from './signups.repository';
import { SignupWaitlist } from './signup-waitlist.service';
import { recordSignupEvent } from './signup-events';
import { VolunteersRepository } from '../volunteers/volunteers.repository';
import { syncOccurrenceFill } from './occurrence-fill';
import {
  notAVolunteer,
  requirementsMissing,
  roleClosedForSignups,
  shiftCancelledForSignups,
  shiftStarted,
  signupForSelfOnly,
} from './signups.exception';

const OPEN_ROLE = { roleStatus: 'open' };
/** A cancel closer to the start than this is recorded as late — without blame, shown to nobody (ADR 0052). */
const LATE_MS = 24 * 3_600_000;

/**
 * Sign-ups to shift occurrences (ADR 0052): a volunteer for themselves, a coordinator for anyone who volunteers. A
 * place while there is room, else the waitlist; a cancel gives the place to the first waiting. Places are counted
 * with the occurrence's row locked, so simultaneous sign-ups never overbook it (as events' RSVPs lock the session).
 */
@Injectable()
export class SignupsService {
  constructor(
    private readonly db: VolunteeringDatabase,
    private readonly shifts: ShiftsRepository,
    private readonly roles: RolesRepository,
    private readonly training: TrainingRepository,
    private readonly signups: SignupsRepository,
    private readonly waitlist: SignupWaitlist,
  ) {}

  private now = () => new Date();

  async create(ctx: RequestContext, dto: CreateSignupRequest): Promise<SignupView> {
    const a = authoriseInLero(ctx.actor, dto.tenantId, 'read', 'Shift', 'Shift', OPEN_ROLE);
    const memberId = dto.memberId.toLowerCase();
    if (!allows(a, 'create', 'Signup', { memberId })) throw signupForSelfOnly();
    const now = this.now();
    return this.db.forTenant(a.tenantId).em.transactional(async (em) => {
      const { shift, role } = await this.visibleShift(em, a, dto.shiftId);
      if (shift.status === 'cancelled') throw shiftCancelledForSignups();
      if (role.status !== 'open') throw roleClosedForSignups();
      const occurrence = occurrenceOn(shift, dto.date, now);
      if (occurrence.startsAt <= now) throw shiftStarted();
      // The member's lock (ADR 0050) before asking who volunteers: an erasure waits for this sign-up, or this sign-up
      // for the erasure, so no sign-up of an erased member is left behind (ADR 0060). Then the occurrence's lock, as
      // the erasure takes them.
      await VolunteersRepository.lock(em, a.tenantId, memberId);
      if (!(await this.signups.isVolunteer(em, memberId))) throw notAVolunteer();
      const requirements = await this.training.findMany(em, role.requirementIds);
      const missing = await missingRequirements(em, { memberId, requirements, onDate: occurrence.date });
      if (missing.length > 0) throw requirementsMissing(missing);
      const occurrenceId = await this.signups.lockOccurrence(em, {
        tenantId: a.tenantId,
        shiftId: shift.id,
        startsAt: occurrence.startsAt,
        date: occurrence.date,
      });
      const existing = await this.signups.live(em, occurrenceId, memberId);
      if (existing) return this.view(shift, occurrence, memberId, existing.status);
      const confirmed = await this.signups.countConfirmed(em, occurrenceId);
      const status = confirmed < shift.capacity ? 'confirmed' : 'waitlisted';
      await this.signups.insert(em, { tenantId: a.tenantId, occurrenceId, memberId, status, at: now });
      const subject =
        status === 'confirmed' ? VolunteeringEvents.signupConfirmed : VolunteeringEvents.signupWaitlisted;
      recordSignupEvent(em, subject, shift, occurrence, memberId, status);
      if (status === 'confirmed') await syncOccurrenceFill(em, shift, { ...occurrence, id: occurrenceId });
      return this.view(shift, occurrence, memberId, status);
    });
  }

  /** Cancels up to the start; a freed place goes to the first on the waitlist. Late (within 24 h) is only recorded. */
  async cancel(ctx: RequestContext, dto: CancelSignupRequest): Promise<CancelledSignupView> {
    const a = authoriseInLero(ctx.actor, dto.tenantId, 'read', 'Shift', 'Shift', OPEN_ROLE);
    const memberId = dto.memberId.toLowerCase();
    if (!allows(a, 'delete', 'Signup', { memberId })) throw signupForSelfOnly();
    const now = this.now();
    return this.db.forTenant(a.tenantId).em.transactional(async (em) => {
      const { shift } = await this.visibleShift(em, a, dto.shiftId);
      const occurrence = occurrenceOn(shift, dto.date, now);
      if (occurrence.startsAt <= now) throw shiftStarted();
      const occurrenceId = await this.signups.lockExistingOccurrence(em, shift.id, occurrence.startsAt);
      const signup = occurrenceId ? await this.signups.live(em, occurrenceId, memberId) : null;
      if (!occurrenceId || !signup) throw notFound('Signup');
      const late = occurrence.startsAt.getTime() - now.getTime() < LATE_MS;
      await this.signups.cancel(em, signup.id, late, now);
      recordSignupEvent(em, VolunteeringEvents.signupCancelled, shift, occurrence, memberId, 'cancelled');
      if (signup.status === 'confirmed' && shift.status === 'scheduled') {
        await this.waitlist.promote(em, shift, { ...occurrence, id: occurrenceId });
        await syncOccurrenceFill(em, shift, { ...occurrence, id: occurrenceId });
      }
      return { ...this.view(shift, occurrence, memberId, 'cancelled'), late };
    });
  }

  /** Coordinators see everyone on the occurrence and waiting; a volunteer only themselves. */
  async list(ctx: RequestContext, dto: ListSignupsRequest): Promise<SignupListView> {
    const a = authoriseInLero(ctx.actor, dto.tenantId, 'read', 'Shift', 'Shift', OPEN_ROLE);
    const everyone = allows(a, 'read', 'Signup');
    const own = ownMemberIds(a);
    if (!everyone && own.length === 0) throw forbidden('You can see only your own sign-ups.');
    const { shift } = await this.visibleShift(this.db.forTenant(a.tenantId).em, a, dto.shiftId);
    const occurrence = occurrenceOn(shift, dto.date, this.now());
    const rows = await this.signups.listed(
      a.tenantId,
      shift.id,
      occurrence.startsAt,
      everyone ? 'everyone' : own,
    );
    return {
      shiftId: shift.id,
      date: occurrence.date,
      startsAt: occurrence.startsAtIso,
      capacity: shift.capacity,
      items: rows.map((r) => ({
        memberId: r.member_id as string,
        status: r.status === 'confirmed' ? ('confirmed' as const) : ('waitlisted' as const),
      })),
    };
  }

  /** The shift and its role, when the caller may see them; otherwise NOT_FOUND, as a missing shift. */
  private async visibleShift(
    em: EntityManager,
    a: Authorised,
    shiftId: string,
  ): Promise<{ shift: Shift; role: VolunteerRole }> {
    const shift = await this.shifts.find(em, shiftId);
    const role = shift ? await this.roles.find(em, shift.roleId) : null;
    if (!shift || !role || !allows(a, 'read', 'Shift', { roleStatus: role.status })) throw notFound('Shift');
    return { shift, role };
  }

  private view(shift: Shift, o: DatedOccurrence, memberId: string, status: SignupView['status']): SignupView {
    return { shiftId: shift.id, date: o.date, startsAt: o.startsAtIso, memberId, status };
  }
}
