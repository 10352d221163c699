import type { VolunteeringMemberExport } from '@hearth/contracts';
import type { TenantId } from '@hearth/persistence';
import type { VolunteeringDatabase } from '../volunteering-database';

const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;
const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** One section of a person's export: what one table (or projection) holds of them, read in their LERO (RLS). */
export type ExportSection<K extends keyof VolunteeringMemberExport> = (
  db: VolunteeringDatabase,
  tenantId: TenantId,
  memberId: string,
) => Promise<VolunteeringMemberExport[K]>;

/** The projection of membership's events (ADR 0050): whether they volunteer, and active or left. */
export const volunteerSection: ExportSection<'volunteer'> = async (db, tenantId, memberId) => {
  const [row] = await db.readInTenant<{ volunteer: boolean; status: 'active' | 'left' | null }>(
    tenantId,
    `select volunteer, status from volunteering.members where member_id = $1`,
    [memberId],
  );
  return row ? { volunteer: row.volunteer, status: row.status } : null;
};

/** Their sign-ups to shifts, whatever became of them (cancelled ones with whether the cancel was late). */
export const signupsSection: ExportSection<'signups'> = (db, tenantId, memberId) =>
  db.readInTenant(
    tenantId,
    `select o.shift_id as "shiftId", sh.role_id as "roleId", r.title as "roleTitle",
        to_char(o.local_date, 'YYYY-MM-DD') as date, ${iso('o.starts_at')} as "startsAt", s.status,
        ${iso('s.created_at')} as since, ${iso('s.cancelled_at')} as "cancelledAt", s.late as "lateCancel"
      from volunteering.signups s
        join volunteering.shift_occurrences o on o.id = s.occurrence_id
        join volunteering.shifts sh on sh.id = o.shift_id
        join volunteering.roles r on r.id = sh.role_id
      where s.member_id = $1 order by o.starts_at, s.id`,
    [memberId],
  );

/** Their training and check records: what, when, until when and how verified (not by whom: ADR 0060). */
export const trainingSection: ExportSection<'training'> = (db, tenantId, memberId) =>
  db.readInTenant(
    tenantId,
    `select tr.id as "recordId", tr.training_id as "trainingId", t.name, t.kind,
        to_char(tr.completed_on, 'YYYY-MM-DD') as "completedOn", to_char(tr.expires_on, 'YYYY-MM-DD') as "expiresOn",
        tr.how, ${iso('tr.recorded_at')} as "recordedAt", ${iso('tr.updated_at')} as "updatedAt"
      from volunteering.training_records tr join volunteering.training t on t.id = tr.training_id
      where tr.member_id = $1 order by tr.completed_on, tr.id`,
    [memberId],
  );

/** Their hours entries: proposed from shifts or logged, pending, approved (with what was approved) or declined. */
export const hoursSection: ExportSection<'hours'> = (db, tenantId, memberId) =>
  db.readInTenant(
    tenantId,
    `select h.id as "entryId", h.role_id as "roleId", r.title as "roleTitle", h.source, ${day('h.date')} as date,
        h.minutes, h.approved_minutes as "approvedMinutes", h.status, h.description,
        h.decline_reason as "declineReason", ${iso('h.created_at')} as "loggedAt", ${iso('h.decided_at')} as "decidedAt"
      from volunteering.hours_entries h join volunteering.roles r on r.id = h.role_id
      where h.member_id = $1 order by h.date, h.id`,
    [memberId],
  );

/** Passports and training credentials issued to them (ADR 0056): ids, kind, dates; the content is not kept. */
export const credentialsSection: ExportSection<'credentials'> = (db, tenantId, memberId) =>
  db.readInTenant(
    tenantId,
    `select id as "credentialId", kind, training_id as "trainingId", ${iso('issued_at')} as "issuedAt",
        ${iso('expires_at')} as "expiresAt", ${iso('revoked_at')} as "revokedAt"
      from volunteering.issued_credentials where member_id = $1 order by issued_at, id`,
    [memberId],
  );

/** Their interest in roles: their note, and how it was followed up (not by whom: ADR 0063). */
export const interestsSection: ExportSection<'interests'> = (db, tenantId, memberId) =>
  db.readInTenant(
    tenantId,
    `select i.id as "interestId", i.role_id as "roleId", r.title as "roleTitle", i.note, i.status, i.outcome,
        ${iso('i.created_at')} as "expressedAt", ${iso('i.closed_at')} as "closedAt"
      from volunteering.role_interests i join volunteering.roles r on r.id = i.role_id
      where i.member_id = $1 order by i.id`,
    [memberId],
  );

/**
 * Every section of volunteering's part, one per table that holds member ids. A table that comes to hold them adds its section here and its key to `VolunteeringMemberExport`.
 */
export const MEMBER_EXPORT_SECTIONS: { [K in keyof VolunteeringMemberExport]: ExportSection<K> } = {
  volunteer: volunteerSection,
  signups: signupsSection,
  training: trainingSection,
  hours: hoursSection,
  credentials: credentialsSection,
  interests: interestsSection,
};
