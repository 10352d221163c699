import { Transform, Type } from 'class-transformer';
import { NormalisedText } from '../input-policy';
import { PageQuery, TenantRequest, TenantRequestOf } from '../paging';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export const COMMUNITY_ROLES = ['member', 'volunteer', 'peer-mentor', 'staff', 'trustee'] as const;
export type CommunityRole = (typeof COMMUNITY_ROLES)[number];
export const PREFERRED_CONTACTS = ['email', 'phone', 'none'] as const;
export type PreferredContact = (typeof PREFERRED_CONTACTS)[number];
/** Session reminders (ADR 0081): by email, or none (the default). Sent only with consent to contact and an email. */
export const REMINDER_CHOICES = ['email', 'none'] as const;
export type ReminderChoice = (typeof REMINDER_CHOICES)[number];
/** What callers see; an erased record is never shown, so `erased` is not among them. */
export const MEMBER_STATUSES = ['active', 'left'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
/** The orders of the members list: join order (the default), or by name. */
export const MEMBER_SORTS = ['joined', 'name'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export const CONSENT_KINDS = ['contact', 'photos', 'shareStoriesAnonymously'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export const DISPLAY_NAME_MAX = 80;
/** Digits with optional +, spaces, hyphens and brackets; 7 to 15 digits (E.164's longest). */
export const PHONE_PATTERN = /^(?=(?:\D*\d){7,15}\D*$)\+?[\d\s()-]+$/;
const PHONE_MESSAGE = 'must be a phone number: 7 to 15 digits, optionally with +, spaces, hyphens, brackets';
const NOT_BLANK = /\S/;
const oneOf = (values: readonly string[]) => `must be one of ${values.join(', ')}`;
const defined = (field: string) => (o: object) => (o as Record<string, unknown>)[field] !== undefined;

/**
 * Several property decorators as one: each field's rules are written once and shared by the DTOs below. They
 * apply last to first, as stacked decorators do, so errors come out in the same order as written out in full.
 */
const rules =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of [...decorators].reverse()) decorate(target, key);
  };
const DisplayNameRules = () =>
  rules(
    IsString({ message: 'must be a string' }),
    MinLength(1, { message: 'must not be empty' }),
    MaxLength(DISPLAY_NAME_MAX, { message: `must be at most ${DISPLAY_NAME_MAX} characters` }),
    Matches(NOT_BLANK, { message: 'must not be blank' }),
  );
/** Optional, and `null` clears it. */
const EmailRules = () =>
  rules(IsOptional(), IsEmail({}, { message: 'must be an email address' }), MaxLength(254), NormalisedText());
const PhoneRules = () =>
  rules(
    IsOptional(),
    IsString({ message: 'must be a string' }),
    MaxLength(25),
    Matches(PHONE_PATTERN, { message: PHONE_MESSAGE }),
  );
/** `null` means none (an empty list): roles can be cleared, and a list is what is stored. */
const CommunityRolesRules = () =>
  rules(
    Transform(({ value }: { value: unknown }) => (value === null ? [] : value)),
    IsArray({ message: 'must be a list' }),
    ArrayMaxSize(COMMUNITY_ROLES.length),
    ArrayUnique({ message: 'must not repeat a role' }),
    IsIn(COMMUNITY_ROLES, { each: true, message: `each ${oneOf(COMMUNITY_ROLES)}` }),
  );
const PathwayRules = () => rules(IsOptional(), IsString({ message: 'must be a string' }), MaxLength(200));
const PreferredContactRules = () =>
  rules(IsOptional(), IsIn(PREFERRED_CONTACTS, { message: oneOf(PREFERRED_CONTACTS) }));
const NotesRules = () => rules(IsOptional(), IsString({ message: 'must be a string' }), MaxLength(2000));

export class ConsentsDto {
  @IsBoolean({ message: 'must be true or false' })
  contact!: boolean;

  @IsBoolean({ message: 'must be true or false' })
  photos!: boolean;

  @IsBoolean({ message: 'must be true or false' })
  shareStoriesAnonymously!: boolean;
}

/** A consent is given or not: it can be changed, never cleared (`null` is refused). */
const ConsentChangeRules = () =>
  rules(
    ValidateIf((_o, value) => value !== undefined),
    IsBoolean({ message: 'must be true or false (a consent cannot be cleared)' }),
  );

/** A change of consent: only the consents named are recorded. */
export class ConsentChangesDto {
  @ConsentChangeRules()
  contact?: boolean;

  @ConsentChangeRules()
  photos?: boolean;

  @ConsentChangeRules()
  shareStoriesAnonymously?: boolean;
}

/** Only `displayName` is required: a first name or a nickname is enough. No scores, targets or outcomes. */
export class CreateMemberDto {
  @DisplayNameRules()
  displayName!: string;

  @EmailRules()
  email?: string | null;

  @PhoneRules()
  phone?: string | null;

  @IsOptional()
  @CommunityRolesRules()
  communityRoles?: CommunityRole[];

  @PathwayRules()
  pathway?: string | null;

  @PreferredContactRules()
  preferredContact?: PreferredContact | null;

  @ValidateIf(defined('reminders'))
  @IsIn(REMINDER_CHOICES, { message: oneOf(REMINDER_CHOICES) })
  reminders?: ReminderChoice;

  @IsOptional()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => ConsentsDto)
  consents?: ConsentsDto;

  @NotesRules()
  notes?: string | null;
}

/**
 * A partial change. `null` clears an optional field (email, phone, pathway, preferredContact, notes);
 * `displayName`, `communityRoles` and `consents` can be changed but not cleared.
 */
export class UpdateMemberDto {
  @ValidateIf(defined('displayName'))
  @DisplayNameRules()
  displayName?: string;

  @EmailRules()
  email?: string | null;

  @PhoneRules()
  phone?: string | null;

  @ValidateIf(defined('communityRoles'))
  @CommunityRolesRules()
  communityRoles?: CommunityRole[];

  @PathwayRules()
  pathway?: string | null;

  @PreferredContactRules()
  preferredContact?: PreferredContact | null;

  @ValidateIf(defined('reminders'))
  @IsIn(REMINDER_CHOICES, { message: oneOf(REMINDER_CHOICES) })
  reminders?: ReminderChoice;

  @ValidateIf(defined('consents'))
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => ConsentChangesDto)
  consents?: ConsentChangesDto;

  @NotesRules()
  notes?: string | null;
}

/** What a member may change about themselves at `/me`: their profile and consents, not roles or notes. */
export class UpdateMeDto {
  @ValidateIf(defined('displayName'))
  @DisplayNameRules()
  displayName?: string;

  @EmailRules()
  email?: string | null;

  @PhoneRules()
  phone?: string | null;

  @PathwayRules()
  pathway?: string | null;

  @PreferredContactRules()
  preferredContact?: PreferredContact | null;

  @ValidateIf(defined('reminders'))
  @IsIn(REMINDER_CHOICES, { message: oneOf(REMINDER_CHOICES) })
  reminders?: ReminderChoice;

  @ValidateIf(defined('consents'))
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => ConsentChangesDto)
  consents?: ConsentChangesDto;
}

export class ListMembersQuery extends PageQuery {
  /** Matches display name and email (case-insensitive, anywhere in the value). */
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(100)
  @NormalisedText()
  search?: string;

  @IsOptional()
  @IsIn(COMMUNITY_ROLES, { message: oneOf(COMMUNITY_ROLES) })
  communityRole?: CommunityRole;

  @IsOptional()
  @IsIn(MEMBER_STATUSES, { message: oneOf(MEMBER_STATUSES) })
  status?: MemberStatus;

  /** `joined` (the default: join order, as before) or `name` (A to Z, ignoring case). */
  @IsOptional()
  @IsIn(MEMBER_SORTS, { message: oneOf(MEMBER_SORTS) })
  sort?: MemberSort;
}

/* Message payloads: the HTTP body or query plus the LERO (and member) addressed by the path. */

export class MembershipTenantRequest extends TenantRequest {}

export class MemberIdRequest extends MembershipTenantRequest {
  @IsUUID('all')
  memberId!: string;
}

export class CreateMemberRequest extends TenantRequestOf(CreateMemberDto) {}

export class UpdateMemberRequest extends TenantRequestOf(UpdateMemberDto) {
  @IsUUID('all')
  memberId!: string;
}

export class UpdateMeRequest extends TenantRequestOf(UpdateMeDto) {}

export class ListMembersRequest extends TenantRequestOf(ListMembersQuery) {}

/** The payload of `member.export.part`, validated by every service that answers it. */
export class MemberExportPartRequest extends TenantRequest {
  @IsUUID('all')
  memberId!: string;
}

export interface ConsentsView {
  contact: boolean;
  photos: boolean;
  shareStoriesAnonymously: boolean;
}

export interface MemberView {
  id: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  communityRoles: CommunityRole[];
  pathway: string | null;
  preferredContact: PreferredContact | null;
  /** Session reminders by email or none; only sent with consent to contact and an email address. */
  reminders: ReminderChoice;
  consents: ConsentsView;
  notes: string | null;
  status: MemberStatus;
  joinedAt: string;
  leftAt: string | null;
  updatedAt: string;
}

/**
 * A member's own record at `/me`: everything but the staff's notes about them (those stay in the
 * subject-access export, UK GDPR art. 15).
 */
export type OwnMemberView = Omit<MemberView, 'notes'>;

/** Every field of a member record as the API answers it (the compiler checks that none is missing). */
export const MEMBER_FIELDS = [
  'id',
  'displayName',
  'email',
  'phone',
  'communityRoles',
  'pathway',
  'preferredContact',
  'reminders',
  'consents',
  'notes',
  'status',
  'joinedAt',
  'leftAt',
  'updatedAt',
] as const satisfies readonly (keyof MemberView)[];
export type MemberField = (typeof MEMBER_FIELDS)[number];
const _everyMemberField: Exclude<keyof MemberView, MemberField> extends never ? true : never = true;

/**
 * What a volunteer sees of a member: enough to check people in, nothing more. The one place this is said:
 * membership's ability, its SQL columns and its view, and this contract's summary type all follow it.
 */
export const MEMBER_SUMMARY_FIELDS = [
  'id',
  'displayName',
  'communityRoles',
] as const satisfies readonly MemberField[];
export type MemberSummaryView = Pick<MemberView, (typeof MEMBER_SUMMARY_FIELDS)[number]>;

export interface ConsentRecordView {
  id: string;
  consent: ConsentKind;
  given: boolean;
  recordedAt: string;
  /** The account that recorded it (null when not known); `bySelf` when the member recorded it at `/me`. */
  recordedBy: string | null;
  bySelf: boolean;
}

/**
 * Everything Hearth holds about one person: one part per service that holds their member id, every one of
 * them (MEMBER_EXPORT_HOLDERS). An export that cannot be whole is not given: `UNAVAILABLE` (503) with
 * `details.missing`, the services that did not give their part.
 */
export interface MemberExportView {
  memberId: string;
  tenantId: string;
  exportedAt: string;
  parts: { service: string; data: unknown }[];
}
