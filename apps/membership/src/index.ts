// The public entry of this app (ADR 0021): what standalone, migrate, bench and tests of other apps may import.
// Everything else in this app is private to it; other apps talk to it only through @hearth/contracts subjects.
export { createMembershipApp } from './membership.app';
export type { MembershipOptions } from './membership.options';
export { MEMBERSHIP_SCHEMA, MembershipDatabase } from './membership-database';
export { ErasureReplay, type ErasedMemberRef } from './erasure/erasure-replay';
// Its variables, read by the test that keeps docs/configuration.md complete.
export { MembershipEnv } from './config/env.schema';
// Session reminders' consumer and mailer (ADR 0081), for a test that hands it events in any order.
export { remindersConsumer } from './reminders/reminders.consumer';
export { ReminderMailer } from './reminders/reminder-mailer';
