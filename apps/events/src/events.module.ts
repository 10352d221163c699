import { Module, type DynamicModule } from '@nestjs/common';
import { TenantsClient } from '@hearth/contracts';
import { clientProvider, serviceDataProviders } from '@hearth/messaging';
import { EVENTS_SCHEMA, EventsDatabase } from './events-database';
import { EVENTS_OPTIONS, type EventsOptions } from './events.options';
import { ActivitiesController } from './activities/activities.controller';
import { ActivitiesService } from './activities/activities.service';
import { ActivitiesRepository } from './activities/activities.repository';
import { ActivityLifecycleService } from './activities/activity-lifecycle.service';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionPlanner } from './sessions/session-planner.service';
import { RsvpsController } from './rsvps/rsvps.controller';
import { RsvpsService } from './rsvps/rsvps.service';
import { RsvpsRepository } from './rsvps/rsvps.repository';
import { WaitlistService } from './rsvps/waitlist.service';
import { AttendanceController } from './attendance/attendance.controller';
import { AttendanceService } from './attendance/attendance.service';
import { AttendanceRepository } from './attendance/attendance.repository';
import { RegisterService } from './attendance/register.service';
import { RegisterEntryService } from './attendance/register-entry.service';
import { LeroExportController } from './lero-export/lero-export.controller';
import { LeroExportRepository } from './lero-export/lero-export.repository';
import { HeldSessionsService } from './attendance/held-sessions.service';
import { ParticipantKeys } from './members/participant-key.util';
import { DEFAULT_IDEMPOTENCY_KEY_TTL_MS, IdempotencyKeys } from './attendance/idempotency-keys';
import { pruneIdempotencyKeys } from './attendance/idempotency-keys.repository';
import { PublicProgrammeController } from './public/public-programme.controller';
import { PublicProgrammeService } from './public/public-programme.service';
import { MemberLookup } from './members/member-lookup.service';
import { memberDirectoryProvider } from './members/member-directory.provider';
import { MemberStatusConsumer } from './members/member-status.consumer';
import { MemberExportPartService } from './members/member-export-part.service';
import { MemberExportRepository } from './members/member-export.repository';
import { OpenActiveController } from './openactive/openactive.controller';
import { OpenActiveFeedService } from './openactive/openactive-feed.service';
import { OpenActiveConsumer } from './openactive/openactive.consumer';
import { ReminderSweepService } from './reminders/reminder-sweep.service';
import { RemindersRepository } from './reminders/reminders.repository';

/** The events service: activities and their sessions, RSVPs, check-in, walk-ins, the public programme. */
@Module({})
export class EventsModule {
  static register(options: EventsOptions): DynamicModule {
    return {
      module: EventsModule,
      controllers: [
        ActivitiesController,
        SessionsController,
        RsvpsController,
        AttendanceController,
        PublicProgrammeController,
        LeroExportController,
        OpenActiveController,
      ],
      providers: [
        { provide: EVENTS_OPTIONS, useValue: options },
        { provide: ParticipantKeys, useFactory: () => new ParticipantKeys(options.participantKeySecret) },
        ...serviceDataProviders(EventsDatabase, EVENTS_SCHEMA, {
          url: options.databaseUrl,
          poolMax: options.databasePoolMax,
          retentionRules: [
            {
              // Expired keys are already ignored by requests; this removes them.
              name: 'idempotency keys',
              keepMs: options.idempotencyKeyTtlMs ?? DEFAULT_IDEMPOTENCY_KEY_TTL_MS,
              prune: pruneIdempotencyKeys,
            },
          ],
        }),
        clientProvider(TenantsClient),
        memberDirectoryProvider,
        ActivitiesService,
        ActivitiesRepository,
        ActivityLifecycleService,
        SessionsService,
        SessionsRepository,
        SessionPlanner,
        RsvpsService,
        RsvpsRepository,
        WaitlistService,
        AttendanceService,
        AttendanceRepository,
        RegisterService,
        RegisterEntryService,
        LeroExportRepository,
        IdempotencyKeys,
        HeldSessionsService,
        PublicProgrammeService,
        MemberLookup,
        MemberStatusConsumer,
        MemberExportPartService,
        MemberExportRepository,
        OpenActiveFeedService,
        OpenActiveConsumer,
        RemindersRepository,
        ReminderSweepService,
      ],
      exports: [EventsDatabase, HeldSessionsService],
    };
  }
}
