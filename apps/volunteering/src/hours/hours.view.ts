import type { HoursChangedEvent, HoursEntryView, HoursTotalsView } from '@hearth/contracts';
import type { HoursEntry } from './hours-entry.entity';
import type { ApprovedHoursByRoleAndYear, HoursEntryRow } from './hours.repository';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** An entry as its API shows it. */
export function hoursEntryView(e: HoursEntry | HoursEntryRow): HoursEntryView {
  return {
    id: e.id,
    memberId: e.memberId,
    roleId: e.roleId,
    date: e.date,
    minutes: e.minutes,
    approvedMinutes: e.approvedMinutes,
    status: e.status,
    source: e.source,
    shiftId: e.shiftId,
    description: e.description,
    declineReason: e.declineReason,
    decidedBy: e.decidedBy,
    decidedAt: iso(e.decidedAt),
    createdAt: iso(e.createdAt) as string,
    updatedAt: iso(e.updatedAt) as string,
    version: e.version,
  };
}

/** The event of an entry as it counts after a change: ids, the day, the approved minutes (0 withdrawn), the version. */
export function hoursEvent(e: HoursEntry, status: HoursChangedEvent['status']): HoursChangedEvent {
  return {
    tenantId: e.tenantId,
    entryId: e.id,
    memberId: e.memberId,
    roleId: e.roleId,
    date: e.date,
    minutes: status === 'approved' ? (e.approvedMinutes as number) : 0,
    status,
    version: e.version,
  };
}

/** All time, `year` and per role (roles in the order of their ids), from the approved minutes by role and year. */
export function hoursTotalsView(
  memberId: string,
  year: number,
  rows: ApprovedHoursByRoleAndYear[],
): HoursTotalsView {
  const byRole = new Map<string, HoursTotalsView['byRole'][number]>();
  for (const r of rows) {
    const role = byRole.get(r.roleId) ?? {
      roleId: r.roleId,
      title: r.title,
      allTimeMinutes: 0,
      thisYearMinutes: 0,
    };
    role.allTimeMinutes += r.minutes;
    if (r.year === year) role.thisYearMinutes += r.minutes;
    byRole.set(r.roleId, role);
  }
  const roles = [...byRole.values()];
  return {
    memberId,
    year,
    allTimeMinutes: roles.reduce((n, r) => n + r.allTimeMinutes, 0),
    thisYearMinutes: roles.reduce((n, r) => n + r.thisYearMinutes, 0),
    byRole: roles,
  };
}
