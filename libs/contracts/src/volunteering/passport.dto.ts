import { IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { TenantRequest, TenantRequestOf } from '../paging';

/** What a verifier says of a passport or credential (ADR 0056). */
export const PASSPORT_STATUSES = ['valid', 'expired', 'revoked', 'unknown-issuer', 'invalid'] as const;
export type PassportStatus = (typeof PASSPORT_STATUSES)[number];

/** The longest compact JWS accepted anywhere a passport is given. */
export const MAX_PASSPORT_CHARS = 65_536;

const SELECTION = /^(all|none|[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36}){0,99})$/;
const SELECTION_MESSAGE = 'must be all, none, or a comma-separated list of up to 100 record ids';

/**
 * What the volunteer chooses to put in their passport. `training`: their valid training records (`all` unless
 * given, `none`, or record ids). `checks`: their valid checks — a DBS check is criminal-offence data — `none` unless
 * given (`all` or record ids). `roles`: the roles they have served in (`include` unless `omit`).
 */
export class PassportQuery {
  @IsOptional()
  @Matches(SELECTION, { message: SELECTION_MESSAGE })
  training?: string;

  @IsOptional()
  @Matches(SELECTION, { message: SELECTION_MESSAGE })
  checks?: string;

  @IsOptional()
  @IsIn(['include', 'omit'], { message: 'must be include or omit' })
  roles?: 'include' | 'omit';

  /** Approved hours by role and year (`include` unless `omit`). */
  @IsOptional()
  @IsIn(['include', 'omit'], { message: 'must be include or omit' })
  hours?: 'include' | 'omit';
}

export class PassportRequest extends TenantRequestOf(PassportQuery) {}

export class VerifyPassportDto {
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_PASSPORT_CHARS)
  passport!: string;
}

/**
 * A coordinator imports a passport the volunteer gave them (their consent) into the LERO's records of that member.
 * `trainingMap`: the passport's achievement ids → the LERO's catalogue ids; achievements it does not name are
 * matched by name and kind.
 */
export class ImportPassportDto extends VerifyPassportDto {
  @IsOptional()
  @IsObject()
  trainingMap?: Record<string, string>;
}

export class ImportPassportRequest extends TenantRequestOf(ImportPassportDto) {
  @IsUUID('all')
  memberId!: string;
}

export class MemberCredentialsRequest extends TenantRequest {
  @IsUUID('all')
  memberId!: string;
}

export class RevokeCredentialRequest extends TenantRequest {
  @IsUUID('all')
  credentialId!: string;
}

export class StatusListRequest {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  listId!: string;
}

/** The verdict of `POST /volunteering/passports/verify`; `claims` (the credential) whenever its signature holds. */
export interface PassportVerdict {
  status: PassportStatus;
  reason?: string;
  claims?: Record<string, unknown>;
}

/** One credential of a passport, for a wallet: the compact JWS and what it is of. */
export interface IssuedCredentialView {
  id: string;
  kind: 'passport' | 'training';
  trainingId: string | null;
  name: string;
  credential: string;
}

export interface PassportView {
  /** The passport: an OpenBadgeCredential as VC-JWT (compact JWS). */
  passport: string;
  id: string;
  expiresAt: string;
  /** Exactly what the passport reveals: its claims, as a verifier reads them. */
  claims: Record<string, unknown>;
  /** Each training or check in it as its own OpenBadgeCredential. */
  credentials: IssuedCredentialView[];
}

/** A credential the LERO issued, for its coordinators (to revoke it). No content, only what it was of. */
export interface IssuedCredentialSummary {
  id: string;
  kind: 'passport' | 'training';
  trainingId: string | null;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface ImportedTrainingView {
  achievementId: string;
  name: string;
  /** The LERO's record made from it, or why none was. */
  recordId?: string;
  trainingId?: string;
  skipped?: 'no-matching-training' | 'expired' | 'already-recorded';
}

export interface PassportImportView {
  issuer: { id: string; name: string };
  items: ImportedTrainingView[];
}
