import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { Duration, ServiceEnv } from '@hearth/platform';
import { MIN_PARTICIPANT_KEY_SECRET_LENGTH, REMINDER_DEFAULTS } from '../events.options';

/** The events service's variables, validated at boot. */
export class EventsEnv extends ServiceEnv {
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

  /** How long an `Idempotency-Key` of a walk-in change is remembered (a duration: `24h`, `30s`). */
  @Duration({ min: 1000 })
  IDEMPOTENCY_KEY_TTL: number = 24 * 3_600_000;

  /** Session reminders (ADR 0081): how long before a session starts, and how often sessions are looked at. */
  @Duration({ min: 60_000, max: 14 * 24 * 3_600_000 })
  REMINDER_LEAD: number = REMINDER_DEFAULTS.leadMs;

  @Duration({ min: 1000, max: 3_600_000 })
  REMINDER_SWEEP_INTERVAL: number = REMINDER_DEFAULTS.sweepIntervalMs;

  override HEALTH_PORT = 3103;
}
