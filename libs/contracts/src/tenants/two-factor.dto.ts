import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { Role } from '../envelope';
import type { TokenPair } from './auth.dto';

/**
 * Roles whose power an access token carries only after a second factor (ADR 15): an admin who has not set up
 * two-factor sign-in still signs in, but their tokens lack these grants until they have.
 */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['platform-admin', 'region-admin', 'tenant-admin'];

/** The ways to give a second factor. */
export const SECOND_FACTOR_METHODS = ['totp', 'recovery-code'] as const;
export type SecondFactorMethod = (typeof SECOND_FACTOR_METHODS)[number];

const TOTP_CODE = /^\d{6}$/;
const TOTP_MESSAGE = 'must be the 6-digit code from your authenticator app';
/** Ten letters and digits, as shown (`k7pq2-xm4rt`); a space or no dash in the middle is forgiven. */
const RECOVERY_CODE = /^\s*[a-z0-9]{5}[\s-]?[a-z0-9]{5}\s*$/i;
const RECOVERY_MESSAGE = 'must be one of your recovery codes, like k7pq2-xm4rt';

/** A second factor: a code from the authenticator app or one recovery code (exactly one of them). */
export class SecondFactorProof {
  @IsOptional()
  @IsString()
  @Matches(TOTP_CODE, { message: TOTP_MESSAGE })
  code?: string;

  @IsOptional()
  @IsString()
  @Matches(RECOVERY_CODE, { message: RECOVERY_MESSAGE })
  recoveryCode?: string;
}

/** `POST /auth/login/second-factor`: completes a sign-in that answered with a challenge. */
export class SecondFactorDto extends SecondFactorProof {
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  challenge!: string;
}

/** Confirms a new authenticator with its first code; the current password proves it is the account's owner. */
export class ConfirmTotpDto {
  @IsString()
  @Matches(TOTP_CODE, { message: TOTP_MESSAGE })
  code!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword!: string;
}

/** New recovery codes (the old ones stop working). */
export class RegenerateRecoveryCodesDto {
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword!: string;
}

/** Turning two-factor sign-in off: the password and a second factor. */
export class DisableTwoFactorDto extends SecondFactorProof {
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword!: string;
}

/** The answer to a right password for an account with two-factor sign-in: no tokens yet. */
export interface SecondFactorChallenge {
  mfaRequired: true;
  /** Single use, short-lived: `POST /auth/login/second-factor` with it and a code. */
  challenge: string;
  methods: SecondFactorMethod[];
  /** Seconds until the challenge expires. */
  expiresIn: number;
}

/** What `POST /auth/login` answers: tokens, or a challenge for the second factor. */
export type LoginResult = TokenPair | SecondFactorChallenge;

export const isSecondFactorChallenge = (result: LoginResult): result is SecondFactorChallenge =>
  (result as SecondFactorChallenge).mfaRequired === true;

/** An authenticator app being set up: shown until it is confirmed with a first code, never after. */
export interface TotpSetupView {
  /** Base32, for typing into the app by hand. */
  secret: string;
  otpauthUri: string;
  /** The URI as a QR code. */
  qrCodeSvg: string;
  issuer: string;
  accountName: string;
  digits: 6;
  periodSeconds: 30;
  algorithm: 'SHA1';
  createdAt: string;
}

/** Two-factor sign-in is on: the recovery codes (shown once) and a new sign-in, every other one ended. */
export interface TwoFactorEnabledView {
  recoveryCodes: string[];
  tokens: TokenPair;
}

export interface RecoveryCodesView {
  recoveryCodes: string[];
}

/** Part of `/me`. */
export interface TwoFactorStatusView {
  enabled: boolean;
  enabledAt?: string;
  /** Whether the account holds a role that needs it (SECOND_FACTOR_ROLES). */
  required: boolean;
  /** Required and not set up: those roles' grants are left out of the account's tokens until it is. */
  setupRequired: boolean;
  recoveryCodesLeft: number;
}
