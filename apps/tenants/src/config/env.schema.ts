import {
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { DEFAULT_ACCESS_TOKEN_TTL_SECONDS, MAX_ACCESS_TOKEN_TTL_SECONDS } from '@hearth/auth';
import { Duration } from '@hearth/platform';
import { MailServiceEnv } from '@hearth/mail';
import { ACCESS_DEFAULTS } from '../tenants.options';
import { DIGEST_DEFAULTS } from '../digests/digest-schedule.util';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/** 32 bytes in base64 or base64url (with or without the padding). */
const TOTP_KEY_PATTERN = /^[A-Za-z0-9+/_-]{43}=?$/;

/** TOTP_ENCRYPTION_KEY's rules (tenants, standalone); the `_FILE` variant is checked when it is read. */
export function TotpEncryptionKeyVariable(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    IsString()(target, key);
    Matches(TOTP_KEY_PATTERN, { message: 'must be 32 random bytes in base64 (openssl rand -base64 32)' })(
      target,
      key,
    );
  };
}

/** The tenants service's variables, validated at boot. */
export class TenantsEnv extends MailServiceEnv {
  @IsOptional()
  @IsString()
  JWT_PRIVATE_KEY?: string;

  @IsOptional()
  @IsString()
  JWT_PRIVATE_KEY_FILE?: string;

  /** Encrypts authenticator secrets at rest: 32 random bytes in base64 (`openssl rand -base64 32`). Or `_FILE`. */
  @TotpEncryptionKeyVariable()
  TOTP_ENCRYPTION_KEY?: string;

  @IsOptional()
  @IsString()
  TOTP_ENCRYPTION_KEY_FILE?: string;

  @IsOptional()
  @IsEmail()
  HEARTH_ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12)
  HEARTH_ADMIN_PASSWORD?: string;

  /** How long a link from "forgot my password" works. */
  @Duration({ min: MINUTE, max: DAY })
  FORGOT_PASSWORD_LINK_TTL: number = ACCESS_DEFAULTS.forgotPasswordTtlMs;

  /** Weekly digests (ADR 0083): the weekday (1 Monday … 7 Sunday), local time and zone they go out at. */
  @IsInt()
  @Min(1)
  @Max(7)
  DIGEST_WEEKDAY: number = DIGEST_DEFAULTS.weekday;

  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time of day, HH:MM' })
  DIGEST_TIME: string = DIGEST_DEFAULTS.time;

  @IsTimeZone({ message: 'must be an IANA time zone, like Europe/London' })
  DIGEST_TIMEZONE: string = DIGEST_DEFAULTS.timezone;

  /** Trials and tests only: a digest every interval (e.g. `2m`) instead of weekly. */
  @IsOptional()
  @Duration({ min: 1000, max: 7 * DAY })
  DIGEST_INTERVAL?: number;

  @Duration({ min: 100, max: DAY })
  DIGEST_POLL_INTERVAL: number = DIGEST_DEFAULTS.pollMs;

  /** Seconds an access token lives: the longest a removed grant or a disabled account keeps working. */
  @IsInt()
  @Min(1)
  @Max(MAX_ACCESS_TOKEN_TTL_SECONDS)
  ACCESS_TOKEN_TTL: number = DEFAULT_ACCESS_TOKEN_TTL_SECONDS;

  override HEALTH_PORT = 3101;
}
