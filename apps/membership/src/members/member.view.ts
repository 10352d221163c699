import {
  MEMBER_SUMMARY_FIELDS,
  type CommunityRole,
  type MemberChangedEvent,
  type MemberStatus,
  type MemberSummaryView,
  type OwnMemberView,
  type MemberView,
  type PreferredContact,
  type ReminderChoice,
} from '@hearth/contracts';

/** The columns a view needs, whether loaded by the ORM (an entity) or by a raw read (aliased columns). */
export interface MemberRecord {
  id: string;
  displayName: string | null;
  email: string | null;
  phone: string | null;
  communityRoles: CommunityRole[];
  pathway: string | null;
  preferredContact: PreferredContact | null;
  reminders: ReminderChoice;
  consentContact: boolean;
  consentPhotos: boolean;
  consentShareStoriesAnonymously: boolean;
  notes: string | null;
  status: string;
  joinedAt: Date;
  leftAt: Date | null;
  updatedAt: Date;
  /** The list's sort key when it is sorted by name. */
  nameKey?: string;
}

export const memberView = (m: MemberRecord): MemberView => ({
  id: m.id,
  displayName: m.displayName ?? '',
  email: m.email,
  phone: m.phone,
  communityRoles: m.communityRoles,
  pathway: m.pathway,
  preferredContact: m.preferredContact,
  reminders: m.reminders,
  consents: {
    contact: m.consentContact,
    photos: m.consentPhotos,
    shareStoriesAnonymously: m.consentShareStoriesAnonymously,
  },
  notes: m.notes,
  status: m.status as MemberStatus,
  joinedAt: m.joinedAt.toISOString(),
  leftAt: m.leftAt?.toISOString() ?? null,
  updatedAt: m.updatedAt.toISOString(),
});

/** A member's own view of their record: never the staff's notes about them. */
export function ownMemberView(m: MemberRecord): OwnMemberView {
  const { notes: _notes, ...own } = memberView(m);
  return own;
}

/** What a volunteer sees (MEMBER_SUMMARY_FIELDS): the same values as the whole view, and only those. */
export const memberSummary = (m: Pick<MemberRecord, MemberSummaryField>): MemberSummaryView =>
  Object.fromEntries(
    MEMBER_SUMMARY_FIELDS.map((field) => [field, summaryValue[field](m)]),
  ) as unknown as MemberSummaryView;

type MemberSummaryField = (typeof MEMBER_SUMMARY_FIELDS)[number];
const summaryValue: {
  [F in MemberSummaryField]: (m: Pick<MemberRecord, MemberSummaryField>) => MemberView[F];
} = {
  id: (m) => m.id,
  displayName: (m) => m.displayName ?? '',
  communityRoles: (m) => m.communityRoles,
};

/** The payload of every member event: ids, time and community roles; never a name, email or phone. */
export const memberEvent = (
  m: { id: string; tenantId: string; communityRoles: CommunityRole[] },
  occurredAt: Date,
): MemberChangedEvent => ({
  tenantId: m.tenantId,
  memberId: m.id,
  occurredAt: occurredAt.toISOString(),
  communityRoles: [...m.communityRoles],
});
