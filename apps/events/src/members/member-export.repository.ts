import { Injectable } from '@nestjs/common';
import type { RsvpStatus } from '@hearth/contracts';
import type { TenantId } from '@hearth/persistence';
import { EventsDatabase } from '../events-database';

export interface ExportedRsvpRow {
  session_id: string;
  title: string;
  starts_at: Date;
  status: RsvpStatus;
  created_at: Date;
}

export interface ExportedAttendanceRow {
  session_id: string;
  title: string;
  starts_at: Date;
  recorded_at: Date;
}

/** What events holds of one member, for their data export. Queries only. */
@Injectable()
export class MemberExportRepository {
  constructor(private readonly db: EventsDatabase) {}

  rsvpsOf(tenantId: TenantId, memberId: string): Promise<ExportedRsvpRow[]> {
    return this.db.readInTenant<ExportedRsvpRow>(
      tenantId,
      `select r.session_id, a.title, s.starts_at, r.status, r.created_at from events.rsvps r
        join events.sessions s on s.id = r.session_id join events.activities a on a.id = s.activity_id
        where r.member_id = $1 order by s.starts_at`,
      [memberId],
    );
  }

  attendanceOf(tenantId: TenantId, memberId: string): Promise<ExportedAttendanceRow[]> {
    return this.db.readInTenant<ExportedAttendanceRow>(
      tenantId,
      `select t.session_id, a.title, s.starts_at, t.recorded_at from events.attendance t
        join events.sessions s on s.id = t.session_id join events.activities a on a.id = s.activity_id
        where t.member_id = $1 order by s.starts_at`,
      [memberId],
    );
  }
}
