export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GONE',
  /** The request is well-formed but cannot be taken as it is (a reused Idempotency-Key with another body). */
  'UNPROCESSABLE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  field: string;
  message: string;
  /** Set for errors in one row of an uploaded file (a CSV import): its row number, the header being row 1. */
  row?: number;
  /** In an uploaded file: the column's header as the file has it, the cell (`C4`) and the value found there. */
  column?: string;
  cell?: string;
  value?: string;
}

/**
 * Every domain reason a Hearth error may carry in `details.reason` (problem+json `reason`): what exactly went
 * wrong, for a client to act on. The one list: services can throw no other, and the web app's switches on them
 * are checked by the compiler.
 */
export const DOMAIN_REASONS = [
  // Platform: every service
  'DatabaseUnavailable',
  'TenantClosed',
  'ExportIncomplete',
  // Sign-in and accounts (tenants)
  'AccountDisabled',
  'AccountPasswordMismatch',
  'WrongPassword',
  'SignInThrottled',
  'RefreshTokenReused',
  'SelfDisable',
  'SelfReset',
  'SelfGrant',
  'ResetLinkUnknown',
  'ResetLinkExpired',
  'ResetLinkSpent',
  'DigestLinkUnknown',
  // Session reminders' unsubscribe links (membership, ADR 81)
  'UnsubscribeLinkUnknown',
  // Single sign-on (tenants, ADR 80)
  'SsoNotConfigured',
  'SsoProviderUnreachable',
  'SsoFlowUnknown',
  'SsoResponseRejected',
  'SsoEmailUnverified',
  'SsoEmailNotAllowed',
  'SsoAccountNotAllowed',
  'SsoLinkUnknown',
  // Two-factor sign-in (tenants)
  'ChallengeExpired',
  'WrongCode',
  'CodeReused',
  'WrongRecoveryCode',
  'TwoFactorOff',
  'NoTotpSetup',
  'AdminNeedsTwoFactor',
  // LEROs, regions and teams (tenants)
  'SlugTaken',
  'InvalidTransition',
  'TenantArchived',
  'TenantOnboarding',
  'TenantHasAdmin',
  'LastTenantAdmin',
  'LeroAdminsOnly',
  'PlatformAdminOnly',
  'GrantsOutsideLero',
  'NoContactEmail',
  // Invitations (tenants)
  'InvitationUnknown',
  'InvitationExpired',
  'InvitationCancelled',
  'InvitationSpent',
  'AppointmentPending',
  // Members (membership)
  'MemberAlreadyLeft',
  'MemberAlreadyActive',
  'ImportRejected',
  // Activities, sessions and registers (events)
  'SessionCancelled',
  'SessionPast',
  'SessionEnded',
  'SessionHasAttendance',
  'RegisterNotOpen',
  'RegisterClosed',
  'NotCheckedIn',
  'WalkInsBelowZero',
  'RegisterChanged',
  'IdempotencyKeyReused',
  'IdempotencyKeyInFlight',
  'ActivityPaused',
  'ActivityEnded',
  // Shifts (volunteering)
  'ShiftCancelled',
  // Training records (volunteering)
  'NotAVolunteer',
  // Sign-ups (volunteering)
  'RoleClosed',
  'ShiftStarted',
  'RequirementsMissing',
  // Consultations (advocacy)
  'ConsultationNotDraft',
  'ConsultationNotOpen',
  'AlreadyResponded',
  'ResultsNotShown',
  // A volunteer's own hours (volunteering)
  'ProposedFromShift',
  'HoursDecided',
  // Collective testimony (advocacy)
  'ThemeNotDraft',
  'ThemeNotOpen',
  'ThemeNotPublished',
  'AlreadyContributed',
  'PieceDecided',
  'NoEditProposed',
] as const;
export type DomainReason = (typeof DOMAIN_REASONS)[number];

/** A reason read off the wire: one of ours, or nothing (an older or newer peer's is not acted on). */
export const domainReasonOf = (value: unknown): DomainReason | undefined =>
  (DOMAIN_REASONS as readonly unknown[]).includes(value) ? (value as DomainReason) : undefined;

/** The error shape that crosses NATS. `details.reason` carries a domain code such as `InvitationExpired`. */
export interface ErrorShape {
  code: ErrorCode;
  message: string;
  details?: { reason?: DomainReason; errors?: FieldError[]; [key: string]: unknown };
}

/** A coded error. Services throw it; the transport carries its shape; the gateway maps the code to HTTP. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorShape['details'],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toShape(): ErrorShape {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }

  static isShape(value: unknown): value is ErrorShape {
    return (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as ErrorShape).message === 'string' &&
      (ERROR_CODES as readonly string[]).includes((value as ErrorShape).code)
    );
  }

  static fromShape(shape: ErrorShape): AppError {
    return new AppError(shape.code, shape.message, shape.details);
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);
export const forbidden = (message = 'You do not have permission to do that.') =>
  new AppError('FORBIDDEN', message);
