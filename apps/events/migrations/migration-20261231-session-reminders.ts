import { Migration } from '@mikro-orm/migrations';

/**
 * Session reminders (ADR 0081): `pending_reminders` lists every scheduled session not yet reminded of at its
 * present start (ids and times only, no RLS, like `pending_held`), so one query across LEROs finds those within
 * the lead. A trigger keeps it in line with `sessions` whatever path changes them: a new scheduled session is
 * listed, a new start lists it again (a second reminder, with the new time), a cancelled one is taken off.
 */
export class MigrationEventsSessionReminders extends Migration {
  override name = '20261231-events-session-reminders';

  up(): void {
    const sql = [
      `create table events.pending_reminders (
        session_id uuid primary key references events.sessions(id) on delete cascade,
        tenant_id uuid not null, starts_at timestamptz not null)`,
      `create index pending_reminders_start_idx on events.pending_reminders (starts_at)`,
      `create function events.list_session_reminder() returns trigger language plpgsql as $$
       begin
         if tg_op = 'UPDATE' and new.starts_at = old.starts_at and new.status = old.status then
           return null;
         end if;
         if new.status = 'scheduled' then
           insert into events.pending_reminders (session_id, tenant_id, starts_at)
             values (new.id, new.tenant_id, new.starts_at)
             on conflict (session_id) do update set starts_at = excluded.starts_at;
         else
           delete from events.pending_reminders where session_id = new.id;
         end if;
         return null;
       end $$`,
      `create trigger sessions_list_reminder after insert or update of starts_at, status on events.sessions
        for each row execute function events.list_session_reminder()`,
      // Sessions to come when this ships; those already within the lead are reminded at the first sweep.
      `insert into events.pending_reminders (session_id, tenant_id, starts_at)
        select id, tenant_id, starts_at from events.sessions where status = 'scheduled' and starts_at > now()`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
