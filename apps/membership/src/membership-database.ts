import { ServiceDatabase, type ServiceSchema } from '@hearth/persistence';
import { OutboxMessage } from '@hearth/messaging';
import { MigrationMembershipInit } from '../migrations/migration-20261128-init';
import { MigrationMembershipDelivery } from '../migrations/migration-20261204-membership-delivery';
import { MigrationMembershipNameOrder } from '../migrations/migration-20261210-member-name-order';
import { MigrationMembershipReminders } from '../migrations/migration-20261231-membership-reminders';
import { MigrationMembershipShiftReminders } from '../migrations/migration-20261231-membership-shift-reminders';
import { MigrationMembershipReminderSessions } from '../migrations/migration-20270106-reminder-sessions';
import { MigrationMembershipReminderShifts } from '../migrations/migration-20270112-reminder-shifts';
import { MigrationMembershipTraces } from '../migrations/migration-20270110-membership-traces';
import { MailMessage } from '@hearth/mail';
import { Member } from './members/member.entity';
import { ConsentRecord } from './consents/consent-record.entity';
import { MemberAuditEntry } from './audit/audit-entry.entity';

export const MEMBERSHIP_SCHEMA: ServiceSchema = {
  schema: 'membership',
  entities: [Member, ConsentRecord, MemberAuditEntry, OutboxMessage, MailMessage],
  migrations: [
    MigrationMembershipInit,
    MigrationMembershipDelivery,
    MigrationMembershipNameOrder,
    MigrationMembershipReminders,
    MigrationMembershipShiftReminders,
    MigrationMembershipReminderSessions,
    MigrationMembershipTraces,
    MigrationMembershipReminderShifts,
  ],
};

/** The membership service's database, as its own injectable type. */
export class MembershipDatabase extends ServiceDatabase {}
