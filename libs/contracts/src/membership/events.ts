import { IsArray, IsIn, IsISO8601, IsUUID } from 'class-validator';
import { MembershipEvents } from './subjects';
import { COMMUNITY_ROLES, type CommunityRole } from './member.dto';

/** Payload of every `evt.membership.member.*` event. Never a name, an email or a phone number. */
export class MemberChangedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  memberId!: string;

  @IsISO8601({ strict: true })
  occurredAt!: string;

  @IsArray()
  @IsIn(COMMUNITY_ROLES, { each: true })
  communityRoles!: CommunityRole[];
}

/** The membership service's events: each subject and the class its payload is (checked by every consumer). */
export const MEMBERSHIP_EVENT_PAYLOADS = {
  [MembershipEvents.memberJoined]: MemberChangedEvent,
  [MembershipEvents.memberLeft]: MemberChangedEvent,
  [MembershipEvents.memberRejoined]: MemberChangedEvent,
  [MembershipEvents.memberErased]: MemberChangedEvent,
  [MembershipEvents.memberRolesChanged]: MemberChangedEvent,
} as const;
