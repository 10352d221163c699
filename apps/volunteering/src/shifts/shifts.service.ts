import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  notFound,
  VolunteeringEvents,
  type CancelShiftRequest,
  type CreateShiftRequest,
  type ListShiftsRequest,
  type Page,
  type RequestContext,
  type ShiftIdRequest,
  type ShiftView,
  type UpdateShiftRequest,
} from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { decodeCursor, pageOf } from '@hearth/persistence';
import type { Schedule } from '@hearth/recurrence';
import { VolunteeringDatabase } from '../volunteering-database';
import { allows, authoriseInLero, type Authorised } from '../volunteering-access';
import { RolesRepository } from '../roles/roles.repository';
import { Shift } from './shift.entity';
import { ShiftsRepository } from './shifts.repository';
import { scheduleOf, shiftEvent, shiftView } from './shift.view';
import { shiftSchedule, spanOf } from './shift-schedule.util';
import { shiftCancelled } from './shifts.exception';
import { ShiftCapacityChanged } from './shift-capacity.hook';

const DEFAULT_PAGE = 50;
const OPEN_ROLE = { roleStatus: 'open' };

const applySchedule = (shift: Shift, schedule: Schedule) => {
  const span = spanOf(schedule);
  shift.startsAtLocal = schedule.startsAt;
  shift.durationMinutes = schedule.durationMinutes;
  shift.timezone = schedule.timezone;
  shift.rrule = schedule.rrule;
  shift.firstStartsAt = span.first;
  shift.lastStartsAt = span.last;
};

/**
 * Shifts of a LERO's volunteering roles (ADR 0051). Its tenant-admins and coordinators run them; its volunteers and
 * members see the shifts of open roles (one of a closed role answers them as a missing one would).
 */
@Injectable()
export class ShiftsService {
  constructor(
    private readonly db: VolunteeringDatabase,
    private readonly shifts: ShiftsRepository,
    private readonly roles: RolesRepository,
    private readonly capacityChanged: ShiftCapacityChanged,
  ) {}

  private now = () => new Date();

  async create(ctx: RequestContext, dto: CreateShiftRequest): Promise<ShiftView> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'create', 'Shift', 'Role');
    const now = this.now();
    const schedule = shiftSchedule(dto, now);
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      if (!(await this.roles.find(em, dto.roleId))) throw notFound('Role');
      const shift = em.create(Shift, {
        tenantId,
        roleId: dto.roleId,
        startsAtLocal: schedule.startsAt,
        durationMinutes: schedule.durationMinutes,
        timezone: schedule.timezone,
        firstStartsAt: now,
        capacity: dto.capacity,
        place: dto.place?.trim() || null,
        sessionId: dto.sessionId ?? null,
        status: 'scheduled',
        createdAt: now,
        updatedAt: now,
      });
      applySchedule(shift, schedule);
      em.persist(shift);
      recordEvent(em, VolunteeringEvents.shiftScheduled, shiftEvent(shift), tenantId);
      return shiftView(shift, now);
    });
  }

  async list(ctx: RequestContext, query: ListShiftsRequest): Promise<Page<ShiftView>> {
    const authorised = authoriseInLero(ctx.actor, query.tenantId, 'read', 'Shift', 'Role', OPEN_ROLE);
    const em = this.db.forTenant(authorised.tenantId).em;
    await this.visibleRole(em, authorised, query.roleId, 'Role');
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.shifts.page(em, query.roleId, {
      afterId: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit,
    });
    const now = this.now();
    return pageOf(rows, limit, (s) => shiftView(s, now));
  }

  async get(ctx: RequestContext, dto: ShiftIdRequest): Promise<ShiftView> {
    const authorised = authoriseInLero(ctx.actor, dto.tenantId, 'read', 'Shift', 'Shift', OPEN_ROLE);
    const em = this.db.forTenant(authorised.tenantId).em;
    const shift = await this.shifts.find(em, dto.shiftId);
    if (!shift) throw notFound('Shift');
    await this.visibleRole(em, authorised, shift.roleId, 'Shift');
    return shiftView(shift, this.now());
  }

  async update(ctx: RequestContext, dto: UpdateShiftRequest): Promise<ShiftView> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'update', 'Shift', 'Shift');
    const now = this.now();
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const shift = await this.shifts.find(em, dto.shiftId, true);
      if (!shift) throw notFound('Shift');
      const { tenantId: _t, shiftId: _s, ...changes } = dto;
      if (Object.values(changes).every((v) => v === undefined)) return shiftView(shift, now);
      if (shift.status === 'cancelled') throw shiftCancelled();
      const timesChange = ['startsAt', 'endsAt', 'durationMinutes', 'timezone', 'rrule'].some(
        (k) => changes[k as keyof typeof changes] !== undefined,
      );
      if (timesChange) {
        const kept = scheduleOf(shift);
        const endGiven = dto.endsAt !== undefined || dto.durationMinutes !== undefined;
        const schedule = shiftSchedule(
          {
            startsAt: dto.startsAt ?? kept.startsAt,
            endsAt: dto.endsAt,
            durationMinutes: endGiven ? dto.durationMinutes : kept.durationMinutes,
            timezone: dto.timezone ?? kept.timezone,
            rrule: dto.rrule === undefined ? (kept.rrule ?? undefined) : (dto.rrule ?? undefined),
          },
          now,
          kept.startsAt,
        );
        applySchedule(shift, schedule);
      }
      if (dto.place !== undefined) shift.place = dto.place?.trim() || null;
      const resized = dto.capacity !== undefined && dto.capacity !== shift.capacity;
      if (dto.capacity !== undefined) shift.capacity = dto.capacity;
      // More places: those waiting on occurrences still to come get them, as events do for a session's RSVPs; more or
      // fewer, an occurrence may become full or have a gap again (ADR 0055).
      if (resized) await this.capacityChanged.onCapacityChanged(em, shift, now);
      if (dto.sessionId !== undefined) shift.sessionId = dto.sessionId;
      shift.updatedAt = now;
      recordEvent(em, VolunteeringEvents.shiftChanged, shiftEvent(shift), tenantId);
      return shiftView(shift, now);
    });
  }

  /** Cancels the whole shift (every occurrence still to come); cancelling it again changes nothing. */
  async cancel(ctx: RequestContext, dto: CancelShiftRequest): Promise<ShiftView> {
    const { tenantId } = authoriseInLero(ctx.actor, dto.tenantId, 'update', 'Shift', 'Shift');
    const now = this.now();
    return this.db.forTenant(tenantId).em.transactional(async (em) => {
      const shift = await this.shifts.find(em, dto.shiftId, true);
      if (!shift) throw notFound('Shift');
      if (shift.status === 'cancelled') return shiftView(shift, now);
      shift.status = 'cancelled';
      shift.cancelReason = dto.reason?.trim() || null;
      shift.cancelledAt = now;
      shift.updatedAt = now;
      recordEvent(em, VolunteeringEvents.shiftCancelled, shiftEvent(shift), tenantId);
      return shiftView(shift, now);
    });
  }

  /** The role, when the caller may see its shifts; otherwise NOT_FOUND named after what was addressed. */
  private async visibleRole(em: EntityManager, a: Authorised, roleId: string, addressed: string) {
    const role = await this.roles.find(em, roleId);
    if (!role || !allows(a, 'read', 'Shift', { roleStatus: role.status })) throw notFound(addressed);
    return role;
  }
}
