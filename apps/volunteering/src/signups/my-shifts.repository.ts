import { Injectable } from '@nestjs/common';
import type { SignupStatus } from '@hearth/contracts';
import type { TenantId } from '@hearth/persistence';
import { VolunteeringDatabase } from '../volunteering-database';

/** A live sign-up of one of the asker's own member records, with its place in the queue when waitlisted. */
export interface MySignupRow {
  shift_id: string;
  starts_at: Date | string;
  local_date: string;
  member_id: string;
  status: Exclude<SignupStatus, 'cancelled'>;
  /** 1-based, waitlisted only: how many waitlisted sign-ups of the occurrence came before it, plus one. */
  position: string | null;
}

/** At most this many occurrences in one answer (a year of daily shifts and then some). */
export const MAX_MY_SHIFTS = 500;

/** The query of "my shifts" (ADR 0055). */
@Injectable()
export class MyShiftsRepository {
  constructor(private readonly db: VolunteeringDatabase) {}

  /** Live sign-ups of `memberIds` on occurrences starting after `after` whose local date is in [from, to]. */
  upcoming(
    tenantId: TenantId,
    memberIds: string[],
    f: { after: Date; from: string; to: string },
  ): Promise<MySignupRow[]> {
    return this.db.readInTenant<MySignupRow>(
      tenantId,
      `select o.shift_id, o.starts_at, to_char(o.local_date, 'YYYY-MM-DD') as local_date, s.member_id, s.status,
          case when s.status = 'waitlisted' then (select count(*) from volunteering.signups w
            where w.occurrence_id = s.occurrence_id and w.status = 'waitlisted' and w.id <= s.id) end as position
        from volunteering.signups s join volunteering.shift_occurrences o on o.id = s.occurrence_id
        where s.member_id = any($1::uuid[]) and s.status <> 'cancelled'
          and o.starts_at > $2 and o.local_date >= $3::date and o.local_date <= $4::date
        order by o.starts_at, o.shift_id, s.member_id
        limit ${MAX_MY_SHIFTS}`,
      [`{${memberIds.join(',')}}`, f.after, f.from, f.to],
    );
  }
}
