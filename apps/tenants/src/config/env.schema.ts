import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, IsEmail } from 'class-validator';
import type { LogLevel } from '@hearth/platform';

/** The tenants service's variables, validated at boot. */
export class TenantsEnv {
  @IsString()
  @MinLength(1)
  DATABASE_URL!: string;

  @IsString()
  @MinLength(1)
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @IsOptional()
  @IsString()
  JWT_PRIVATE_KEY?: string;

  @IsOptional()
  @IsString()
  JWT_PRIVATE_KEY_FILE?: string;

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

  @IsOptional()
  @IsString()
  SMTP_FROM?: string;

  @IsOptional()
  @IsUrl({ require_tld: false })
  PUBLIC_URL?: string;

  @IsInt()
  @Min(0)
  @Max(65535)
  HEALTH_PORT: number = 3101;

  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_MAX: number = 10;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: LogLevel = 'info';
}
