/** Every subject the membership service answers or emits. A shipped value never changes (add `.v2`). */
export const MembershipSubjects = {
  createMember: 'membership.member.create',
  listMembers: 'membership.member.list',
  getMember: 'membership.member.get',
  updateMember: 'membership.member.update',
  leaveMember: 'membership.member.leave',
  rejoinMember: 'membership.member.rejoin',
  eraseMember: 'membership.member.erase',
  importMembers: 'membership.member.import',
  exportMember: 'membership.member.export',
  /** A page of the members list, whole records, for a spreadsheet (audited; admins and coordinators only). */
  bulkExport: 'membership.member.bulk-export',
  listConsents: 'membership.consent.list',
  getMe: 'membership.me.get',
  updateMe: 'membership.me.update',
  exportMe: 'membership.me.export',
  listAudit: 'membership.audit.list',
  /** A page of one part of a LERO's archive (its tenant-admins only). */
  leroExportPage: 'membership.lero-export.page',
  /** Other services of the LERO: display names of the active members among some ids (events' registers). */
  memberNames: 'membership.member.names',
  /** Anyone holding a reminder's link (public, ADR 0081): that member gets no more reminders, at once. */
  unsubscribeReminders: 'membership.reminders.unsubscribe',
} as const;

export const MembershipEvents = {
  memberJoined: 'evt.membership.member.joined',
  memberLeft: 'evt.membership.member.left',
  memberRejoined: 'evt.membership.member.rejoined',
  memberErased: 'evt.membership.member.erased',
  /** A member's community roles changed (not their status): every event carries the roles as they now are. */
  memberRolesChanged: 'evt.membership.member.roles-changed',
} as const;

/**
 * Cross-service, scatter-gather: every service that holds member ids answers it with its part of a person's
 * data (payload `MemberExportPartRequest`, answer: any JSON). The membership service asks it for an export
 * and answers its own part the same way, so a service added later joins by answering this subject.
 */
export const MEMBER_EXPORT_PART = 'member.export.part';
