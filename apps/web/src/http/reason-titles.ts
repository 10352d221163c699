import type { DomainReason } from '@hearth/contracts';

/**
 * The heading of the page that shows a refusal of the API with a domain reason, when no form took it as a field
 * error. A `Record` over every reason: a reason added to contracts does not compile until it has its words here.
 */
export const REASON_TITLES: Record<DomainReason, string> = {
  DatabaseUnavailable: 'Hearth is busy',
  TenantClosed: 'This LERO’s space is closed',
  ExportIncomplete: 'The export is not ready',
  AccountDisabled: 'This account is turned off',
  AccountPasswordMismatch: 'That password is not right',
  WrongPassword: 'That password is not right',
  SignInThrottled: 'Too many attempts',
  RefreshTokenReused: 'You have been signed out',
  SelfDisable: 'You cannot turn off your own account',
  SelfReset: 'You cannot reset your own password here',
  SelfGrant: 'You cannot give yourself a role',
  ResetLinkUnknown: 'This link does not work',
  ResetLinkExpired: 'This link has expired',
  ResetLinkSpent: 'This link has been used',
  ChallengeExpired: 'This sign-in has expired',
  WrongCode: 'That code is not right',
  CodeReused: 'That code has been used',
  WrongRecoveryCode: 'That recovery code is not right',
  TwoFactorOff: 'Two-factor sign-in is off',
  NoTotpSetup: 'Start setting up again',
  AdminNeedsTwoFactor: 'Admins need two-factor sign-in',
  SlugTaken: 'That web address is taken',
  InvalidTransition: 'That change cannot be made now',
  TenantArchived: 'This LERO has been archived',
  TenantOnboarding: 'This LERO is still being set up',
  TenantHasAdmin: 'This LERO has an admin',
  LastTenantAdmin: 'A LERO must keep an admin',
  LeroAdminsOnly: 'Only the LERO’s admins can do that',
  PlatformAdminOnly: 'Only a platform admin can do that',
  GrantsOutsideLero: 'This account has roles elsewhere',
  NoContactEmail: 'This LERO has no contact email',
  InvitationUnknown: 'This invitation link does not work',
  InvitationExpired: 'This invitation has expired',
  InvitationCancelled: 'This invitation has been cancelled',
  InvitationSpent: 'This invitation has been used',
  AppointmentPending: 'This appointment is not open yet',
  MemberAlreadyLeft: 'This person has already left',
  MemberAlreadyActive: 'This person is already a member',
  ImportRejected: 'The file could not be imported',
  SessionCancelled: 'This session has been cancelled',
  SessionPast: 'This session has already started',
  SessionEnded: 'This session has ended',
  SessionHasAttendance: 'People were checked in to this session',
  RegisterNotOpen: 'The register is not open yet',
  RegisterClosed: 'The register has closed',
  NotCheckedIn: 'This person is not checked in',
  WalkInsBelowZero: 'Walk-ins cannot go below zero',
  RegisterChanged: 'Someone else changed the register',
  IdempotencyKeyReused: 'This form was already sent with other answers',
  IdempotencyKeyInFlight: 'This form is still being saved',
  ActivityPaused: 'This activity is paused',
  ActivityEnded: 'This activity has ended',
};

/** The heading for a refusal: its reason's, or a general one. */
export const refusalTitle = (reason: DomainReason | undefined): string =>
  reason ? REASON_TITLES[reason] : 'That could not be done';
