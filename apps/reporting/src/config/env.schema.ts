import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { ServiceEnv } from '@hearth/platform';
import { MIN_MEMBER_KEY_SECRET_LENGTH } from '../reporting.options';

/** The reporting service's variables, validated at boot. */
export class ReportingEnv extends ServiceEnv {
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

  // Short intervals are for benches and tests; a sweep with nothing due costs one query per region.
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  RELEASE_SWEEP_INTERVAL_MS: number = 3_600_000;

  override HEALTH_PORT = 3104;
}
