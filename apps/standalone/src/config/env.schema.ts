import { IsEmail, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { DEFAULT_ACCESS_TOKEN_TTL_SECONDS, MAX_ACCESS_TOKEN_TTL_SECONDS } from '@hearth/auth';
import {
  AllowInsecureHttp,
  DeliveryEnv,
  Duration,
  OtlpEndpoint,
  PublicUrl,
  TrustedProxies,
  type LogLevel,
} from '@hearth/platform';
import { TotpEncryptionKeyVariable } from '../../../tenants/src';
import { WithPassportEnv } from '../../../volunteering/src';
import {
  DEFAULT_FEED_CACHE_SIZE,
  DEFAULT_REGION_CACHE_TTL_MS,
  DEFAULT_REVIEW_MONTHS,
} from '../../../directory/src';

/**
 * Standalone mode: every variable is optional; with none set it runs on a fresh machine (loopback only). Listening
 * beyond loopback needs PUBLIC_URL, and plain HTTP for other machines ALLOW_INSECURE_HTTP too (ADR 0028).
 */
export class StandaloneEnv extends WithPassportEnv(DeliveryEnv) {
  @IsString()
  HEARTH_DATA_DIR: string = './.hearth';

  /**
   * The erasure ledger: ids of erased members, erased again after a restore (ADR 0030). Default: beside the data
   * directory (`./.hearth-erasures.ledger`); never inside it.
   */
  @IsOptional()
  @IsString()
  HEARTH_ERASURE_LEDGER?: string;

  /** 127.0.0.1: this machine only. `0.0.0.0` (every interface) needs PUBLIC_URL. */
  @IsString()
  HOST: string = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  /** Group commit of member reads' audit rows (ADR 0090): the window in ms; 0 (default) is off. */
  @Duration({ max: 50 })
  AUDIT_GROUP_COMMIT_MS: number = 0;

  /**
   * Unset: an embedded PostgreSQL under HEARTH_DATA_DIR. Set: your PostgreSQL, as the role that owns Hearth's
   * schemas and creates each service's own role (ADR 0012).
   */
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  /** The owner, when DATABASE_URL names another role (setups from before ADR 0012); defaults to DATABASE_URL. */
  @IsOptional()
  @IsString()
  MIGRATION_DATABASE_URL?: string;

  /** A reverse proxy in front (TLS): the addresses or CIDRs whose X-Forwarded-For gives each person's address. */
  @TrustedProxies()
  TRUST_PROXY: string[] = [];

  /** Unset: the in-process transport. Set: NATS, as its `standalone` user (NATS_PASSWORD). */
  @IsOptional()
  @IsString()
  NATS_URL?: string;

  @IsOptional()
  @IsString()
  JWT_PRIVATE_KEY?: string;

  @IsOptional()
  @IsString()
  JWT_PRIVATE_KEY_FILE?: string;

  /** Encrypts authenticator secrets at rest (or `_FILE`); unset: generated into HEARTH_DATA_DIR and kept. */
  @TotpEncryptionKeyVariable()
  TOTP_ENCRYPTION_KEY?: string;

  @IsOptional()
  @IsString()
  TOTP_ENCRYPTION_KEY_FILE?: string;

  /** Seconds an access token lives: the longest a removed grant or a disabled account keeps working. */
  @IsInt()
  @Min(1)
  @Max(MAX_ACCESS_TOKEN_TTL_SECONDS)
  ACCESS_TOKEN_TTL: number = DEFAULT_ACCESS_TOKEN_TTL_SECONDS;

  @IsOptional()
  @IsEmail()
  HEARTH_ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12)
  HEARTH_ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsString()
  SMTP_URL?: string;

  /**
   * The address people open (`https://hearth.example.org`, `http://192.168.1.10:3000`): every absolute link is
   * built on it. Required when HOST is not loopback, with TRUST_PROXY, and with SMTP_URL.
   */
  @PublicUrl()
  PUBLIC_URL?: string;

  /** With an http:// PUBLIC_URL on a network the operator trusts: plain HTTP without `Secure` cookies or HSTS. */
  @AllowInsecureHttp()
  ALLOW_INSECURE_HTTP: boolean = false;

  /** Sign-in, refresh, invitation and password attempts a minute per client address (429 beyond). */
  @IsInt()
  @Min(1)
  @Max(100000)
  AUTH_RATE_LIMIT: number = 10;

  /** Requests a minute per client address to the public Open Referral UK feeds (429 beyond). */
  @IsInt()
  @Min(1)
  @Max(1000000)
  PUBLIC_RATE_LIMIT: number = 600;

  /** Responses an hour per client address through consultations' public links (429 beyond; ADR 0067). */
  @IsInt()
  @Min(1)
  @Max(1000000)
  PUBLIC_RESPONSE_RATE_LIMIT: number = 30;

  /** How often the database is vacuumed and checkpointed (erased values out of dead rows and WAL); 0: never. */
  @Duration({ min: 0 })
  MAINTENANCE_INTERVAL: number = 24 * 3_600_000;

  /** How long an `Idempotency-Key` of a walk-in change is remembered (events). */
  @Duration({ min: 1000 })
  IDEMPOTENCY_KEY_TTL: number = 24 * 3_600_000;

  /** Months after which an active directory listing not assured since needs review (directory). */
  @IsInt()
  @Min(1)
  @Max(120)
  DIRECTORY_REVIEW_MONTHS: number = DEFAULT_REVIEW_MONTHS;

  /** The directory curator team's address that assuring writes where a region has set none (directory). */
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  DIRECTORY_CONTACT_EMAIL?: string;

  /** How long the public feed remembers which region a slug names (`0`: never; directory, ADR 0046). */
  @Duration({ min: 0, max: 3_600_000 })
  DIRECTORY_REGION_CACHE_TTL: number = DEFAULT_REGION_CACHE_TTL_MS;

  /** How many of the public feed's answers are kept while their region's data is unchanged (`0`: none): ADR 0047. */
  @IsInt()
  @Min(0)
  @Max(10_000)
  DIRECTORY_FEED_CACHE_SIZE: number = DEFAULT_FEED_CACHE_SIZE;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: LogLevel = 'info';

  /** Where traces go (OTLP over HTTP); unset: none are made (ADR 0087). */
  @OtlpEndpoint()
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}
