import { IsIn, IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import type { LogLevel } from '@hearth/platform';
import { MIN_PARTICIPANT_KEY_SECRET_LENGTH } from '../events.options';

/** The events service's variables, validated at boot. */
export class EventsEnv {
  @IsString()
  @MinLength(1)
  DATABASE_URL!: string;

  @IsString()
  @MinLength(1)
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /** Derives each LERO's participant-key (pseudonyms in attendance events). Keep it stable and secret. */
  @IsString()
  @MinLength(MIN_PARTICIPANT_KEY_SECRET_LENGTH, {
    message: `must be at least ${MIN_PARTICIPANT_KEY_SECRET_LENGTH} characters (e.g. openssl rand -base64 32)`,
  })
  EVENTS_PARTICIPANT_KEY_SECRET!: string;

  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  HELD_SWEEP_INTERVAL_MS: number = 30_000;

  @IsInt()
  @Min(0)
  @Max(65535)
  HEALTH_PORT: number = 3103;

  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_MAX: number = 10;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: LogLevel = 'info';
}
