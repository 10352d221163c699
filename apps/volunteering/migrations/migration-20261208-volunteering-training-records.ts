import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * Training and check records per volunteer (ADR 0053): which catalogue item, completed on, expires on (from the
 * item's validity when recorded; null: never), how it was verified and by which account. No free text, no
 * certificate number, no outcome: a DBS check is criminal-offence data (UK GDPR Art. 10), kept as its type and date
 * only. The LERO's, under forced row-level security.
 */
export class MigrationVolunteeringTrainingRecords extends Migration {
  override name = '20261208-volunteering-training-records';

  up(): void {
    const sql = [
      `create table volunteering.training_records (
        id uuid primary key, tenant_id uuid not null, member_id uuid not null,
        training_id uuid not null references volunteering.training (id),
        completed_on date not null, expires_on date,
        how text not null check (how in ('certificate-seen', 'delivered-by-us', 'accepted-from-passport')),
        verified_by uuid not null,
        recorded_at timestamptz not null default now(), updated_at timestamptz not null default now(),
        check (expires_on is null or expires_on > completed_on))`,
      `create index training_records_member_idx on volunteering.training_records (tenant_id, member_id, id)`,
      `create index training_records_expiry_idx on volunteering.training_records (tenant_id, expires_on, id)
        where expires_on is not null`,
      ...tenantRlsSql('volunteering.training_records'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
