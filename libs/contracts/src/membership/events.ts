import type { CommunityRole } from './member.dto';

/** Payload of every `evt.membership.member.*` event. Never a name, an email or a phone number. */
export interface MemberChangedEvent {
  tenantId: string;
  memberId: string;
  occurredAt: string;
  communityRoles: CommunityRole[];
}
