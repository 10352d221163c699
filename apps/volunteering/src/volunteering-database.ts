import { ServiceDatabase, type ServiceSchema } from '@hearth/persistence';
import { OutboxMessage } from '@hearth/messaging';
import { MigrationVolunteeringInit } from '../migrations/migration-20261204-volunteering-init';
import { MigrationVolunteeringMembers } from '../migrations/migration-20261205-volunteering-members';
import { TrainingItem } from './training/training.entity';
import { VolunteerRole } from './roles/role.entity';

export const VOLUNTEERING_SCHEMA: ServiceSchema = {
  schema: 'volunteering',
  entities: [TrainingItem, VolunteerRole, OutboxMessage],
  migrations: [MigrationVolunteeringInit, MigrationVolunteeringMembers],
};

/** The volunteering service's database, as its own injectable type. */
export class VolunteeringDatabase extends ServiceDatabase {}
