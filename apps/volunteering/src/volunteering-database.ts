import { ServiceDatabase, type ServiceSchema } from '@hearth/persistence';
import { OutboxMessage } from '@hearth/messaging';
import { MigrationVolunteeringInit } from '../migrations/migration-20261204-volunteering-init';
import { MigrationVolunteeringMembers } from '../migrations/migration-20261205-volunteering-members';
import { MigrationVolunteeringShifts } from '../migrations/migration-20261206-volunteering-shifts';
import { MigrationVolunteeringSignups } from '../migrations/migration-20261207-volunteering-signups';
import { MigrationVolunteeringTrainingRecords } from '../migrations/migration-20261208-volunteering-training-records';
import { MigrationVolunteeringPublicRolesAnnounced } from '../migrations/migration-20261220-volunteering-public-roles-announced';
import { MigrationVolunteeringHours } from '../migrations/migration-20261221-volunteering-hours';
import { MigrationVolunteeringOccurrenceFill } from '../migrations/migration-20261221-volunteering-occurrence-fill';
import { MigrationVolunteeringPassports } from '../migrations/migration-20261222-volunteering-passports';
import { MigrationVolunteeringRoleInterests } from '../migrations/migration-20261223-volunteering-role-interests';
import { MigrationVolunteeringShiftReminders } from '../migrations/migration-20261231-volunteering-shift-reminders';
import { MigrationVolunteeringTraces } from '../migrations/migration-20270110-volunteering-traces';
import { TrainingItem } from './training/training.entity';
import { VolunteerRole } from './roles/role.entity';
import { Shift } from './shifts/shift.entity';
import { TrainingRecord } from './training-records/training-record.entity';
import { HoursEntry } from './hours/hours-entry.entity';
import { RoleInterest } from './interests/role-interest.entity';

export const VOLUNTEERING_SCHEMA: ServiceSchema = {
  schema: 'volunteering',
  entities: [TrainingItem, VolunteerRole, Shift, TrainingRecord, HoursEntry, RoleInterest, OutboxMessage],
  migrations: [
    MigrationVolunteeringInit,
    MigrationVolunteeringMembers,
    MigrationVolunteeringShifts,
    MigrationVolunteeringSignups,
    MigrationVolunteeringTrainingRecords,
    MigrationVolunteeringPublicRolesAnnounced,
    MigrationVolunteeringHours,
    MigrationVolunteeringOccurrenceFill,
    MigrationVolunteeringPassports,
    MigrationVolunteeringRoleInterests,
    MigrationVolunteeringShiftReminders,
    MigrationVolunteeringTraces,
  ],
};

/** The volunteering service's database, as its own injectable type. */
export class VolunteeringDatabase extends ServiceDatabase {}
