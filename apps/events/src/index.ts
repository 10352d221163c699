// The public entry of this app (ADR 0021): what standalone, migrate, bench and tests of other apps may import.
// Everything else in this app is private to it; other apps talk to it only through @hearth/contracts subjects.
export { createEventsApp } from './events.app';
export type { EventsOptions } from './events.options';
export { EVENTS_SCHEMA, EventsDatabase } from './events-database';
export { loadOrCreateParticipantKeySecret } from './members/participant-key.util';
export { erasedMemberKey } from './members/member-status.repository';
export { IdempotencyKeys } from './attendance/idempotency-keys';
// Tests of other apps run a reminder sweep when they need one (ADR 0081), as each replica's timer would.
export { ReminderSweepService } from './reminders/reminder-sweep.service';
// Its variables, read by the test that keeps docs/configuration.md complete.
export { EventsEnv } from './config/env.schema';
