import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * Volunteer passports (ADR 0056). `status_lists`: a LERO's W3C Bitstring Status Lists (131,072 entries each) and the
 * next free index. `issued_credentials`: each passport or training credential issued — whose (the member id, null
 * once erased), what of (the catalogue item and the record of a training credential), its place on a status list, its validity and
 * its revocation; never its content (the holder has it). `training_records` notes the issuer of a record accepted
 * from a passport. All the LERO's, under forced row-level security.
 */
export class MigrationVolunteeringPassports extends Migration {
  override name = '20261222-volunteering-passports';

  up(): void {
    const sql = [
      `create table volunteering.status_lists (
        id uuid primary key, tenant_id uuid not null,
        size integer not null check (size >= 131072), next_index integer not null default 0,
        created_at timestamptz not null default now(),
        check (next_index between 0 and size),
        unique (tenant_id, id))`,
      `create index status_lists_open_idx on volunteering.status_lists (tenant_id, created_at)`,
      ...tenantRlsSql('volunteering.status_lists'),
      `create table volunteering.issued_credentials (
        id uuid primary key, tenant_id uuid not null, member_id uuid,
        kind text not null check (kind in ('passport', 'training')),
        training_id uuid references volunteering.training (id), record_id uuid,
        list_id uuid not null, status_index integer not null,
        issued_at timestamptz not null, expires_at timestamptz not null, revoked_at timestamptz,
        foreign key (tenant_id, list_id) references volunteering.status_lists (tenant_id, id),
        unique (tenant_id, list_id, status_index),
        check ((kind = 'training') = (training_id is not null and record_id is not null)))`,
      `create index issued_credentials_member_idx on volunteering.issued_credentials (tenant_id, member_id, issued_at)`,
      `create index issued_credentials_record_idx on volunteering.issued_credentials (tenant_id, record_id)
        where record_id is not null and revoked_at is null`,
      `create index issued_credentials_revoked_idx on volunteering.issued_credentials (tenant_id, list_id)
        where revoked_at is not null`,
      ...tenantRlsSql('volunteering.issued_credentials'),
      `alter table volunteering.training_records
        add column accepted_from_issuer text, add column accepted_from_name text,
        add check ((accepted_from_issuer is null and accepted_from_name is null) or how = 'accepted-from-passport')`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
