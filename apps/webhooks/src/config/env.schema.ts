import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ServiceEnv } from '@hearth/platform';
import {
  DEFAULT_DELIVERY_TIMEOUT_MS,
  DEFAULT_DISPATCH_INTERVAL_MS,
  DEFAULT_RETRY,
  DEFAULT_ROTATION_GRACE_MS,
} from '../webhooks.options';

/** The webhooks service's variables, validated at boot. */
export class WebhooksEnv extends ServiceEnv {
  /** How often deliveries due for an attempt are looked for. */
  @IsInt()
  @Min(100)
  WEBHOOKS_DISPATCH_INTERVAL_MS: number = DEFAULT_DISPATCH_INTERVAL_MS;

  /** The wait before the first retry; each next one doubles (with jitter) up to WEBHOOKS_RETRY_MAX_DELAY_MS. */
  @IsInt()
  @Min(10)
  WEBHOOKS_RETRY_BASE_MS: number = DEFAULT_RETRY.baseMs;

  @IsInt()
  @Min(10)
  WEBHOOKS_RETRY_MAX_DELAY_MS: number = DEFAULT_RETRY.maxDelayMs;

  /** How long a failing delivery is retried (its last attempt this long after its first). */
  @IsInt()
  @Min(100)
  WEBHOOKS_RETRY_HORIZON_MS: number = DEFAULT_RETRY.horizonMs;

  /** How long the previous secret signs beside the new one after a rotation. */
  @IsInt()
  @Min(0)
  WEBHOOKS_ROTATION_GRACE_MS: number = DEFAULT_ROTATION_GRACE_MS;

  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOKS_TIMEOUT_MS: number = DEFAULT_DELIVERY_TIMEOUT_MS;

  /** Tests and development only: host names that may be reached over http:// and on loopback (comma-separated). */
  @IsOptional()
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  WEBHOOKS_INSECURE_HOSTS?: string;

  /**
   * The keys of signing secrets at rest (ADR 0082): `<id>:<32 bytes in base64>`, comma-separated, the current one
   * first; older ones still decrypt, and each start re-encrypts under the first. Checked in full at boot.
   */
  @IsString()
  WEBHOOKS_SECRET_KEYS!: string;

  override HEALTH_PORT = 3108;
}
