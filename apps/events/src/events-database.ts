import { ServiceDatabase, type ServiceSchema } from '@hearth/persistence';
import { OutboxMessage } from '@hearth/messaging';
import { MigrationEventsInit } from '../migrations/migration-20261127-events-init';
import { MigrationEventsMemberStatus } from '../migrations/migration-20261128-member-status';
import { MigrationEventsSessionAttended } from '../migrations/migration-20261128-session-attended';
import { MigrationEventsMemberErasures } from '../migrations/migration-20261204-member-erasures';
import { MigrationEventsDelivery } from '../migrations/migration-20261204-events-delivery';
import { MigrationEventsIdempotencyKeys } from '../migrations/migration-20261205-idempotency-keys';
import { MigrationEventsActivityStatus } from '../migrations/migration-20261212-activity-status';
import { MigrationEventsActivityDirectory } from '../migrations/migration-20261216-activity-directory';
import { MigrationEventsOpenActive } from '../migrations/migration-20261220-events-openactive';
import { MigrationEventsSessionReminders } from '../migrations/migration-20261231-session-reminders';
import { MigrationEventsTraces } from '../migrations/migration-20270110-events-traces';
import { Activity } from './programme/activity.entity';
import { Session } from './programme/session.entity';
import { Rsvp } from './rsvps/rsvp.entity';
import { AttendanceRecord } from './attendance/attendance-record.entity';

export const EVENTS_DB_SCHEMA = 'events';

export const EVENTS_SCHEMA: ServiceSchema = {
  schema: EVENTS_DB_SCHEMA,
  entities: [Activity, Session, Rsvp, AttendanceRecord, OutboxMessage],
  migrations: [
    MigrationEventsInit,
    MigrationEventsMemberStatus,
    MigrationEventsSessionAttended,
    MigrationEventsMemberErasures,
    MigrationEventsDelivery,
    MigrationEventsIdempotencyKeys,
    MigrationEventsActivityStatus,
    MigrationEventsActivityDirectory,
    MigrationEventsOpenActive,
    MigrationEventsSessionReminders,
    MigrationEventsTraces,
  ],
};

/** The events service's database, as its own injectable type. */
export class EventsDatabase extends ServiceDatabase {}
