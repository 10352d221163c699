// The public entry of this app (ADR 0021): what standalone, migrate, bench and tests of other apps may import.
// Everything else in this app is private to it; other apps talk to it only through @hearth/contracts subjects.
export { createVolunteeringApp } from './volunteering.app';
export type { VolunteeringOptions } from './volunteering.options';
export { VOLUNTEERING_SCHEMA, VolunteeringDatabase } from './volunteering-database';
// Tests of other apps run a shift reminder sweep when they need one (ADR 0081), as each replica's timer would.
export { ShiftReminderSweepService } from './reminders/shift-reminder-sweep.service';
export { VolunteeringEnv } from './config/env.schema';
export { WithPassportEnv, passportOptionsFromEnv } from './config/passport-env';
export { generatePassportKeyPem } from './passports/passport-keys';
export type { PassportOptions } from './passports/passport-config';
