import { Duration, ServiceEnv } from '@hearth/platform';
import { REMINDER_DEFAULTS } from '../volunteering.options';
import { WithPassportEnv } from './passport-env';

/** The volunteering service's variables, validated at boot. */
export class VolunteeringEnv extends WithPassportEnv(ServiceEnv) {
  /** Shift reminders (ADR 0081): how long before a shift starts, and how often shifts are looked at. */
  @Duration({ min: 60_000, max: 14 * 24 * 3_600_000 })
  REMINDER_LEAD: number = REMINDER_DEFAULTS.leadMs;

  @Duration({ min: 1000, max: 3_600_000 })
  REMINDER_SWEEP_INTERVAL: number = REMINDER_DEFAULTS.sweepIntervalMs;

  override HEALTH_PORT = 3106;
}
