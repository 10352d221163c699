import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import type { LogLevel } from './logging';
import { DeliveryEnv } from './delivery-env';
import { OtlpEndpoint } from './tracing-env';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The variables every NATS service has (with how its domain events are delivered and kept). A service's schema extends it, overrides `HEALTH_PORT`'s default and
 * adds its own; class-validator checks the inherited ones too.
 */
export class ServiceEnv extends DeliveryEnv {
  @IsString()
  @MinLength(1)
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /** This service's own role (owns nothing, rights on its own schema only; ADR 0012). */
  @IsString()
  @MinLength(1)
  DATABASE_URL!: string;

  @IsInt()
  @Min(0)
  @Max(65535)
  HEALTH_PORT: number = 3100;

  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_MAX: number = 10;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** The tenants service's public key: every message's access token is verified with it (or `_FILE`). */
  @IsOptional()
  @IsString()
  JWT_PUBLIC_KEY?: string;

  @IsOptional()
  @IsString()
  JWT_PUBLIC_KEY_FILE?: string;

  /** The gateway's public key: the anonymous tokens of public requests are verified with it (or `_FILE`). */
  @IsOptional()
  @IsString()
  GATEWAY_PUBLIC_KEY?: string;

  @IsOptional()
  @IsString()
  GATEWAY_PUBLIC_KEY_FILE?: string;

  /** Where traces go (OTLP over HTTP); unset: none are made (ADR 0087). */
  @OtlpEndpoint()
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}
