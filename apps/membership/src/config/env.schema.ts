import { IsIn, IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import type { LogLevel } from '@hearth/platform';

/** The membership service's variables, validated at boot. */
export class MembershipEnv {
  @IsString()
  @MinLength(1)
  DATABASE_URL!: string;

  @IsString()
  @MinLength(1)
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @IsInt()
  @Min(0)
  @Max(65535)
  HEALTH_PORT: number = 3102;

  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_MAX: number = 10;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: LogLevel = 'info';
}
