import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';
import { messagingTablesSql } from '@hearth/messaging';

const COMMUNITY_ROLES = `'member','volunteer','peer-mentor','staff','trustee'`;
const CONSENTS = `'contact','photos','shareStoriesAnonymously'`;

export class MigrationMembershipInit extends Migration {
  override name = '20261128-membership-init';

  up(): void {
    const sql = [
      // Trigram search on name and email, inside one LERO (btree_gin puts tenant_id in the same GIN index).
      `create extension if not exists pg_trgm with schema public`,
      `create extension if not exists btree_gin with schema public`,
      `create table membership.members (
        id uuid primary key, tenant_id uuid not null,
        display_name text, email text, phone text,
        community_roles text[] not null default '{}' check (community_roles <@ array[${COMMUNITY_ROLES}]::text[]),
        pathway text, preferred_contact text check (preferred_contact in ('email','phone','none')),
        consent_contact boolean not null default false, consent_photos boolean not null default false,
        consent_share_stories_anonymously boolean not null default false,
        notes text,
        status text not null check (status in ('active','left','erased')),
        joined_at timestamptz not null, left_at timestamptz, erased_at timestamptz,
        created_at timestamptz not null default now(), updated_at timestamptz not null default now(),
        -- An erased record is a tombstone: the database itself refuses personal values on it.
        constraint members_erased_is_empty check (status <> 'erased' or (display_name is null and email is null
          and phone is null and pathway is null and preferred_contact is null and notes is null
          and not consent_contact and not consent_photos and not consent_share_stories_anonymously)),
        constraint members_named_unless_erased check (status = 'erased' or display_name is not null))`,
      `create index members_tenant_idx on membership.members (tenant_id, id)`,
      // pg_trgm indexes are case-insensitive themselves and serve ILIKE on the plain column.
      `create index members_display_name_trgm on membership.members
        using gin (tenant_id, display_name public.gin_trgm_ops)`,
      `create index members_email_trgm on membership.members
        using gin (tenant_id, email public.gin_trgm_ops)`,
      // Under row-level security Postgres only lets leakproof operators use an index, and ILIKE is not marked
      // so (it raises no error that depends on the row's value). Marked here, in this database only, when the
      // migration runs as a superuser; otherwise search still works, by scanning the LERO's rows (ADR 0006).
      `do $$ begin
        if (select rolsuper from pg_roles where rolname = current_user) then
          alter function pg_catalog.texticlike(text, text) leakproof;
        end if;
      end $$`,
      `create table membership.consent_records (
        id uuid primary key, tenant_id uuid not null,
        member_id uuid not null references membership.members(id) on delete cascade deferrable initially deferred,
        consent text not null check (consent in (${CONSENTS})), given boolean not null,
        recorded_at timestamptz not null default now(), recorded_by uuid, by_self boolean not null default false)`,
      `create index consent_records_member_idx on membership.consent_records (tenant_id, member_id, id)`,
      `create table membership.audit_entries (
        id uuid primary key, tenant_id uuid not null,
        at timestamptz not null default now(), actor_account_id uuid, action text not null,
        member_id uuid, details jsonb not null default '{}')`,
      `create index audit_entries_tenant_idx on membership.audit_entries (tenant_id, id)`,
      `create index audit_entries_member_idx on membership.audit_entries (tenant_id, member_id, id)`,
      ...tenantRlsSql('membership.members'),
      ...tenantRlsSql('membership.consent_records'),
      ...tenantRlsSql('membership.audit_entries'),
      ...messagingTablesSql('membership'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
