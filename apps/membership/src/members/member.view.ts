import type {
  CommunityRole,
  MemberChangedEvent,
  MemberStatus,
  MemberSummaryView,
  OwnMemberView,
  MemberView,
  PreferredContact,
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
  consentContact: boolean;
  consentPhotos: boolean;
  consentShareStoriesAnonymously: boolean;
  notes: string | null;
  status: string;
  joinedAt: Date;
  leftAt: Date | null;
  updatedAt: Date;
}

export const memberView = (m: MemberRecord): MemberView => ({
  id: m.id,
  displayName: m.displayName ?? '',
  email: m.email,
  phone: m.phone,
  communityRoles: m.communityRoles,
  pathway: m.pathway,
  preferredContact: m.preferredContact,
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

export const memberSummary = (
  m: Pick<MemberRecord, 'id' | 'displayName' | 'communityRoles'>,
): MemberSummaryView => ({
  id: m.id,
  displayName: m.displayName ?? '',
  communityRoles: m.communityRoles,
});

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
