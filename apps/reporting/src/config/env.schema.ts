import { IsIn, IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import type { LogLevel } from '@hearth/platform';
import { MIN_MEMBER_KEY_SECRET_LENGTH } from '../reporting.options';

/** The reporting service's variables, validated at boot. */
export class ReportingEnv {
  @IsString()
  @MinLength(1)
  DATABASE_URL!: string;

  @IsString()
  @MinLength(1)
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /** Keys members' membership spans pseudonymously (active-member counts). Keep it stable and secret. */
  @IsString()
  @MinLength(MIN_MEMBER_KEY_SECRET_LENGTH, {
    message: `must be at least ${MIN_MEMBER_KEY_SECRET_LENGTH} characters (e.g. openssl rand -base64 32)`,
  })
  REPORTING_MEMBER_KEY_SECRET!: string;

  @IsInt()
  @Min(0)
  @Max(90)
  REPORT_RELEASE_GRACE_DAYS: number = 7;

  @IsInt()
  @Min(60_000)
  @Max(86_400_000)
  RELEASE_SWEEP_INTERVAL_MS: number = 3_600_000;

  @IsInt()
  @Min(0)
  @Max(65535)
  HEALTH_PORT: number = 3104;

  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_MAX: number = 10;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: LogLevel = 'info';
}
