import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';
import { messagingTablesSql } from '@hearth/messaging';

// Written out: a migration must not change when the contract's list grows later (that is a new migration).
const CATEGORIES = `'peer-support','mutual-aid','walking','sport-fitness','arts-crafts','music','book-club',
  'learning-skills','sober-social','community-action','volunteering','family','wellbeing','other'`;

export class MigrationEventsInit extends Migration {
  override name = '20261127-events-init';

  up(): void {
    const sql = [
      `create table events.activities (
        id uuid primary key, tenant_id uuid not null,
        title text not null, category text not null check (category in (${CATEGORIES})),
        description text, location jsonb,
        visibility text not null check (visibility in ('public','members')),
        capacity int check (capacity >= 1),
        starts_at_local text not null check (starts_at_local ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$'),
        duration_minutes int not null check (duration_minutes between 1 and 1440),
        timezone text not null, rrule text,
        materialized_until timestamptz,
        created_at timestamptz not null default now(), updated_at timestamptz not null default now(),
        deleted_at timestamptz)`,
      `create index activities_tenant_idx on events.activities (tenant_id, id)`,
      // Sessions are real rows (stable ids); one per activity and start.
      `create table events.sessions (
        id uuid primary key, tenant_id uuid not null,
        activity_id uuid not null references events.activities(id) on delete cascade,
        starts_at timestamptz not null, ends_at timestamptz not null, timezone text not null,
        capacity int check (capacity >= 1),
        status text not null default 'scheduled' check (status in ('scheduled','cancelled')),
        cancel_reason text, cancelled_at timestamptz,
        walk_ins int not null default 0 check (walk_ins >= 0),
        held_at timestamptz,
        created_at timestamptz not null default now(),
        check (ends_at > starts_at),
        unique (activity_id, starts_at))`,
      `create index sessions_tenant_start_idx on events.sessions (tenant_id, starts_at, id)`,
      // member_id becomes null when the member is erased: the row still counts. Nulls are distinct, so any
      // number of erased rows sit beside the one row per (session, member).
      `create table events.rsvps (
        id uuid primary key, tenant_id uuid not null,
        session_id uuid not null references events.sessions(id) on delete cascade,
        member_id uuid, status text not null check (status in ('going','waitlisted')),
        created_at timestamptz not null default now())`,
      `create unique index rsvps_session_member_key on events.rsvps (session_id, member_id)`,
      `create index rsvps_session_status_idx on events.rsvps (session_id, status, id)`,
      `create index rsvps_member_idx on events.rsvps (tenant_id, member_id)`,
      `create table events.attendance (
        id uuid primary key, tenant_id uuid not null,
        session_id uuid not null references events.sessions(id) on delete cascade,
        member_id uuid, recorded_by uuid, recorded_at timestamptz not null default now())`,
      `create unique index attendance_session_member_key on events.attendance (session_id, member_id)`,
      `create index attendance_member_idx on events.attendance (tenant_id, member_id)`,
      ...tenantRlsSql('events.activities'),
      ...tenantRlsSql('events.sessions'),
      ...tenantRlsSql('events.rsvps'),
      ...tenantRlsSql('events.attendance'),
      // Plumbing like the outbox (ids and a time, nothing of a LERO's): sessions with attendance that have not
      // ended yet, so a sweeper across LEROs can announce them as held once they end.
      `create table events.pending_held (
        session_id uuid primary key, tenant_id uuid not null, due_at timestamptz not null)`,
      `create index pending_held_due_idx on events.pending_held (due_at)`,
      ...messagingTablesSql('events'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
