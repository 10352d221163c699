import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidv7 } from 'uuidv7';
import type { SignupStatus } from '@hearth/contracts';
import type { TenantId } from '@hearth/persistence';
import { VolunteeringDatabase } from '../volunteering-database';

export interface SignupRow {
  id: string;
  /** Null once the member was erased: the place still counts, nobody is named. */
  member_id: string | null;
  status: SignupStatus;
}

/** A confirmed sign-up on the rota: which occurrence (shift and start) and who. */
export interface RotaSignupRow {
  shift_id: string;
  starts_at: Date | string;
  member_id: string | null;
}

/**
 * Queries of shift occurrences and sign-ups. The writes run in the caller's tenant-bound transaction with the
 * occurrence row locked (`lockOccurrence`), so places are counted one request after another.
 */
@Injectable()
export class SignupsRepository {
  constructor(private readonly db: VolunteeringDatabase) {}

  /**
   * The occurrence's row, made on the first sign-up to it, locked until the transaction ends. Two first sign-ups at
   * once both insert: one wins, the other waits on the unique key, does nothing, then waits for the lock.
   */
  async lockOccurrence(
    em: EntityManager,
    o: { tenantId: string; shiftId: string; startsAt: Date; date: string },
  ): Promise<string> {
    await em.execute(
      `insert into volunteering.shift_occurrences (id, tenant_id, shift_id, starts_at, local_date)
        values (?, ?, ?, ?, ?) on conflict (tenant_id, shift_id, starts_at) do nothing`,
      [uuidv7(), o.tenantId, o.shiftId, o.startsAt, o.date],
      'run',
    );
    const [row] = await em.execute<{ id: string }[]>(
      `select id from volunteering.shift_occurrences where shift_id = ? and starts_at = ? for update`,
      [o.shiftId, o.startsAt],
    );
    return row.id;
  }

  /** The occurrence's row locked, if anyone ever signed up to it. */
  async lockExistingOccurrence(em: EntityManager, shiftId: string, startsAt: Date): Promise<string | null> {
    const [row] = await em.execute<{ id: string }[]>(
      `select id from volunteering.shift_occurrences where shift_id = ? and starts_at = ? for update`,
      [shiftId, startsAt],
    );
    return row?.id ?? null;
  }

  /** The shift's occurrences with rows that start after `now`, locked, in order of start. */
  lockComingOccurrences(
    em: EntityManager,
    shiftId: string,
    now: Date,
  ): Promise<{ id: string; starts_at: Date | string; local_date: string }[]> {
    return em.execute(
      `select id, starts_at, to_char(local_date, 'YYYY-MM-DD') as local_date from volunteering.shift_occurrences
        where shift_id = ? and starts_at > ? order by starts_at for update`,
      [shiftId, now],
    );
  }

  /** Whether the member is an active member of the LERO whose community roles include `volunteer` (ADR 0050). */
  async isVolunteer(em: EntityManager, memberId: string): Promise<boolean> {
    const rows = await em.execute<unknown[]>(
      `select 1 from volunteering.members where member_id = ? and volunteer and status = 'active'`,
      [memberId],
    );
    return rows.length > 0;
  }

  async live(em: EntityManager, occurrenceId: string, memberId: string): Promise<SignupRow | null> {
    const [row] = await em.execute<SignupRow[]>(
      `select id, member_id, status from volunteering.signups
        where occurrence_id = ? and member_id = ? and status <> 'cancelled'`,
      [occurrenceId, memberId],
    );
    return row ?? null;
  }

  async countConfirmed(em: EntityManager, occurrenceId: string): Promise<number> {
    const [row] = await em.execute<{ n: string }[]>(
      `select count(*) as n from volunteering.signups where occurrence_id = ? and status = 'confirmed'`,
      [occurrenceId],
    );
    return Number(row.n);
  }

  async insert(
    em: EntityManager,
    s: { tenantId: string; occurrenceId: string; memberId: string; status: SignupStatus; at: Date },
  ): Promise<void> {
    await em.execute(
      `insert into volunteering.signups (id, tenant_id, occurrence_id, member_id, status, created_at)
        values (?, ?, ?, ?, ?, ?)`,
      [uuidv7(), s.tenantId, s.occurrenceId, s.memberId, s.status, s.at],
      'run',
    );
  }

  /** Cancels a live sign-up, recording whether it was late (kept on the row only). */
  async cancel(em: EntityManager, id: string, late: boolean, at: Date): Promise<void> {
    await em.execute(
      `update volunteering.signups set status = 'cancelled', late = ?, cancelled_at = ? where id = ?`,
      [late, at, id],
      'run',
    );
  }

  /** Gives the first `free` waitlisted sign-ups (first come first) their place; answers their member ids (erased: none). */
  async promote(em: EntityManager, occurrenceId: string, free: number): Promise<string[]> {
    if (free <= 0) return [];
    const rows = await em.execute<{ member_id: string | null }[]>(
      `update volunteering.signups set status = 'confirmed' where id in (
          select id from volunteering.signups where occurrence_id = ? and status = 'waitlisted'
            order by id limit ?)
        returning member_id`,
      [occurrenceId, free],
    );
    return rows.flatMap((r) => (r.member_id ? [r.member_id] : []));
  }

  /** An occurrence's live sign-ups (everyone's, or only those of `memberIds`), first come first. */
  listed(
    tenantId: TenantId,
    shiftId: string,
    startsAt: Date,
    memberIds: string[] | 'everyone',
  ): Promise<SignupRow[]> {
    return this.db.readInTenant<SignupRow>(
      tenantId,
      `select s.id, s.member_id, s.status from volunteering.signups s
          join volunteering.shift_occurrences o on o.id = s.occurrence_id
        where o.shift_id = $1 and o.starts_at = $2 and s.status <> 'cancelled' and s.member_id is not null
          and ($3::uuid[] is null or s.member_id = any($3::uuid[]))
        order by s.id`,
      [shiftId, startsAt, memberIds === 'everyone' ? null : `{${memberIds.join(',')}}`],
    );
  }

  /** The confirmed sign-ups of occurrences starting in [from, until), for the rota. */
  confirmedBetween(tenantId: TenantId, from: Date, until: Date): Promise<RotaSignupRow[]> {
    return this.db.readInTenant<RotaSignupRow>(
      tenantId,
      `select o.shift_id, o.starts_at, s.member_id from volunteering.signups s
          join volunteering.shift_occurrences o on o.id = s.occurrence_id
        where o.starts_at >= $1 and o.starts_at < $2 and s.status = 'confirmed'
        order by s.id`,
      [from, until],
    );
  }
}
