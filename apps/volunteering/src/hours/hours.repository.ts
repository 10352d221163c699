import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { HoursEntryView, HoursStatus } from '@hearth/contracts';
import { uuidv7Sql, type Statement, type TenantId } from '@hearth/persistence';
import { VolunteeringDatabase } from '../volunteering-database';
import { HoursEntry } from './hours-entry.entity';

/** An entry as the lists read it (times as the driver gives them). */
export type HoursEntryRow = Omit<HoursEntryView, 'decidedAt' | 'createdAt' | 'updatedAt'> & {
  decidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** A volunteer's approved minutes in one role and one (UK calendar) year. */
export interface ApprovedHoursByRoleAndYear {
  roleId: string;
  /** The role's title as it is now. */
  title: string;
  year: number;
  minutes: number;
}

/** Confirmed sign-ups whose occurrence ended by $1 (a shift not cancelled, a member not erased), no entry yet. */
const ENDED_UNPROPOSED = `from volunteering.signups s
          join volunteering.shift_occurrences o on o.id = s.occurrence_id
          join volunteering.shifts sh on sh.id = o.shift_id
         where s.tenant_id = $2::uuid and s.status = 'confirmed' and s.member_id is not null
           and ($3::uuid is null or s.member_id = $3::uuid)
           and sh.status = 'scheduled' and o.starts_at <= $1::timestamptz
           and o.starts_at + make_interval(mins => sh.duration_minutes) <= $1::timestamptz
           and not exists (select 1 from volunteering.hours_entries h where h.signup_id = s.id)`;

/**
 * The turn (VolunteersRepository.lock) of each member `proposeEndedStatement` would propose hours of, in order: an
 * erasure applied meanwhile has unlinked their sign-ups by the time the proposal reads them, or waits for it and then
 * deletes what it wrote. Without it, each missed the other's uncommitted rows and an entry kept the erased id.
 */
export function lockProposedMembersStatement(tenantId: TenantId, now: Date, memberId?: string): Statement {
  return {
    sql: `select pg_advisory_xact_lock(hashtextextended('volunteering/member/' || lower($2::text) || '/' || m, 0))
        from (select distinct s.member_id::text as m ${ENDED_UNPROPOSED} order by 1) ms`,
    params: [now, tenantId, memberId ?? null],
  };
}

/**
 * Proposes the hours of every confirmed sign-up whose occurrence ended by `now` (of a shift not cancelled, of a member
 * not erased) and has no entry yet: the shift's length, on the occurrence's local date, in its role. Idempotent — at
 * most one entry per sign-up (a unique index; two proposers at once both insert, one does nothing). Only
 * `memberId`'s when given. No event: a proposal counts for nothing yet. After `lockProposedMembersStatement`.
 */
export function proposeEndedStatement(tenantId: TenantId, now: Date, memberId?: string): Statement {
  return {
    sql: `insert into volunteering.hours_entries (id, tenant_id, member_id, role_id, source, shift_id, signup_id, date,
          minutes, status, version, created_at, updated_at)
        select ${uuidv7Sql('s.id')}, s.tenant_id, s.member_id, sh.role_id, 'shift', sh.id, s.id, o.local_date,
               sh.duration_minutes, 'pending', 1, $1::timestamptz, $1::timestamptz
          ${ENDED_UNPROPOSED}
        on conflict do nothing`,
    params: [now, tenantId, memberId ?? null],
  };
}

const ENTRY_COLUMNS = `e.id, e.member_id as "memberId", e.role_id as "roleId", e.date::text as date, e.minutes,
  e.approved_minutes as "approvedMinutes", e.status, e.source, e.shift_id as "shiftId", e.description,
  e.decline_reason as "declineReason", e.decided_by as "decidedBy", e.decided_at as "decidedAt",
  e.created_at as "createdAt", e.updated_at as "updatedAt", e.version`;

/** Queries of volunteers' hours, in the caller's tenant-bound context. No business rules. */
@Injectable()
export class HoursRepository {
  constructor(private readonly db: VolunteeringDatabase) {}

  /** One entry of the LERO, locked until the transaction ends (RLS hides another LERO's: null, as a missing one). */
  find(em: EntityManager, entryId: string): Promise<HoursEntry | null> {
    return em.findOne(HoursEntry, { id: entryId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /**
   * A page of the LERO's entries by id (oldest first), perhaps of one status and one member (one more than `limit`),
   * after proposing what has ended by `now` (of that member, when given): one transaction, one round trip.
   */
  async proposeAndPage(
    tenantId: TenantId,
    now: Date,
    f: { status?: HoursStatus; memberId?: string; afterId?: string; limit: number },
  ): Promise<HoursEntryRow[]> {
    const [, , rows] = await this.db.transactInTenant(tenantId, (tx) =>
      tx.run<[unknown[], unknown[], HoursEntryRow[]]>(
        [
          lockProposedMembersStatement(tenantId, now, f.memberId),
          proposeEndedStatement(tenantId, now, f.memberId),
          {
            sql: `select ${ENTRY_COLUMNS} from volunteering.hours_entries e
              where ($1::text is null or e.status = $1) and ($2::uuid is null or e.member_id = $2::uuid)
                and ($3::uuid is null or e.id > $3::uuid)
              order by e.id limit $4`,
            params: [f.status ?? null, f.memberId ?? null, f.afterId ?? null, f.limit + 1],
          },
        ],
        { commit: true },
      ),
    );
    return rows;
  }

  /** Whether the LERO knows the member: volunteering's projection of them, or any hours of theirs. */
  async knows(tenantId: TenantId, memberId: string): Promise<boolean> {
    const [row] = await this.db.readInTenant<{ known: boolean }>(
      tenantId,
      `select exists (select 1 from volunteering.members where member_id = $1::uuid)
           or exists (select 1 from volunteering.hours_entries where member_id = $1::uuid) as known`,
      [memberId],
    );
    return row.known;
  }

  /**
   * A volunteer's approved hours by role and year (the year of the day given, UK calendar), with each role's title:
   * what totals are made of, and what the volunteer passport will state. Only approved minutes count.
   */
  approvedTotalsByRoleAndYear(tenantId: TenantId, memberId: string): Promise<ApprovedHoursByRoleAndYear[]> {
    return this.db.readInTenant<ApprovedHoursByRoleAndYear>(
      tenantId,
      `select e.role_id as "roleId", r.title, extract(year from e.date)::int as year,
              sum(e.approved_minutes)::int as minutes
         from volunteering.hours_entries e join volunteering.roles r on r.id = e.role_id
        where e.member_id = $1::uuid and e.status = 'approved'
        group by e.role_id, r.title, extract(year from e.date)
        order by e.role_id, year`,
      [memberId],
    );
  }
}
