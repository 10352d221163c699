import { Module, type DynamicModule } from '@nestjs/common';
import { MembershipClient, TenantsClient } from '@hearth/contracts';
import { clientProvider, serviceDataProviders } from '@hearth/messaging';
import { VOLUNTEERING_SCHEMA, VolunteeringDatabase } from './volunteering-database';
import { TrainingController } from './training/training.controller';
import { TrainingService } from './training/training.service';
import { TrainingRepository } from './training/training.repository';
import { RolesController } from './roles/roles.controller';
import { RolesService } from './roles/roles.service';
import { RolesRepository } from './roles/roles.repository';
import { PublicRolesController } from './roles/public-roles.controller';
import { PublicRolesService } from './roles/public-roles.service';
import { RoleAnnouncements } from './roles/role-announcements';
import { TrainingRenamed } from './training/training-renamed.hook';
import { VolunteersController } from './volunteers/volunteers.controller';
import { VolunteersService } from './volunteers/volunteers.service';
import { VolunteersRepository } from './volunteers/volunteers.repository';
import { MemberEventsConsumer } from './member-events/member-events.consumer';
import { MemberErasure } from './member-events/member-erasure';
import { MemberExportPartService } from './member-export/member-export-part.service';
import { LeroExportController } from './lero-export/lero-export.controller';
import { LeroExportRepository } from './lero-export/lero-export.repository';
import { ShiftsController } from './shifts/shifts.controller';
import { ShiftsService } from './shifts/shifts.service';
import { ShiftsRepository } from './shifts/shifts.repository';
import { RotaController } from './rota/rota.controller';
import { RotaService } from './rota/rota.service';
import { RotaNameLookup } from './rota/rota-names';
import { TrainingRecordsController } from './training-records/training-records.controller';
import { TrainingRecordsService } from './training-records/training-records.service';
import { TrainingRecordsRepository } from './training-records/training-records.repository';
import { SignupsController } from './signups/signups.controller';
import { SignupsService } from './signups/signups.service';
import { SignupsRepository } from './signups/signups.repository';
import { SignupWaitlist } from './signups/signup-waitlist.service';
import { HoursController } from './hours/hours.controller';
import { HoursService } from './hours/hours.service';
import { HoursRepository } from './hours/hours.repository';
import { MyShiftsController } from './signups/my-shifts.controller';
import { MyShiftsService } from './signups/my-shifts.service';
import { MyShiftsRepository } from './signups/my-shifts.repository';
import { InterestsController } from './interests/interests.controller';
import { InterestsService } from './interests/interests.service';
import { InterestsRepository } from './interests/interests.repository';
import { ShiftCapacityChanged } from './shifts/shift-capacity.hook';
import { PassportsController } from './passports/passports.controller';
import { PassportsService } from './passports/passports.service';
import { PassportImportService } from './passports/passport-import.service';
import { PassportsRepository } from './passports/passports.repository';
import { passportConfigProvider } from './passports/passport-config';
import { VOLUNTEERING_OPTIONS, type VolunteeringOptions } from './volunteering.options';
import { ShiftReminderSweepService } from './reminders/shift-reminder-sweep.service';
import { ShiftRemindersRepository } from './reminders/shift-reminders.repository';

/**
 * The volunteering service. Each feature (a folder under src/ with its controller, service, repository and views) adds its
 * controller to `controllers` and its providers to `providers`.
 */
@Module({})
export class VolunteeringModule {
  static register(options: VolunteeringOptions): DynamicModule {
    return {
      module: VolunteeringModule,
      controllers: [
        TrainingController,
        RolesController,
        PublicRolesController,
        VolunteersController,
        ShiftsController,
        RotaController,
        TrainingRecordsController,
        SignupsController,
        PassportsController,
        HoursController,
        LeroExportController,
        MyShiftsController,
        InterestsController,
      ],
      providers: [
        { provide: VOLUNTEERING_OPTIONS, useValue: options },
        TrainingService,
        TrainingRepository,
        RolesService,
        RolesRepository,
        PublicRolesService,
        RoleAnnouncements,
        { provide: TrainingRenamed, useExisting: RoleAnnouncements },
        clientProvider(TenantsClient),
        VolunteersService,
        VolunteersRepository,
        MemberEventsConsumer,
        MemberErasure,
        MemberExportPartService,
        LeroExportRepository,
        ShiftsService,
        ShiftsRepository,
        RotaService,
        RotaNameLookup,
        TrainingRecordsService,
        TrainingRecordsRepository,
        SignupsService,
        SignupsRepository,
        SignupWaitlist,
        HoursService,
        HoursRepository,
        MyShiftsService,
        MyShiftsRepository,
        InterestsService,
        InterestsRepository,
        ShiftRemindersRepository,
        ShiftReminderSweepService,
        clientProvider(MembershipClient),
        { provide: ShiftCapacityChanged, useExisting: SignupWaitlist },
        passportConfigProvider,
        PassportsService,
        PassportImportService,
        PassportsRepository,
        ...serviceDataProviders(VolunteeringDatabase, VOLUNTEERING_SCHEMA, {
          url: options.databaseUrl,
          poolMax: options.databasePoolMax,
        }),
      ],
      exports: [VolunteeringDatabase],
    };
  }
}
