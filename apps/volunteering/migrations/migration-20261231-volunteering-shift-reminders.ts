import { Migration } from '@mikro-orm/migrations';

/**
 * Shift reminders (ADR 0081): `pending_reminders` lists every occurrence of a shift that someone signed up to (it has
 * a row from the first sign-up, ADR 0051) and that was not yet reminded of (ids and times only, no RLS, like events'
 * list), so one query across LEROs finds those within the lead. Triggers keep it in line whatever path changes them:
 * a new occurrence row is listed; a cancelled shift takes its occurrences off.
 */
export class MigrationVolunteeringShiftReminders extends Migration {
  override name = '20261231-volunteering-shift-reminders';

  up(): void {
    const sql = [
      `create table volunteering.pending_reminders (
        occurrence_id uuid primary key references volunteering.shift_occurrences(id) on delete cascade,
        tenant_id uuid not null, starts_at timestamptz not null)`,
      `create index pending_reminders_start_idx on volunteering.pending_reminders (starts_at)`,
      `create function volunteering.list_shift_reminder() returns trigger language plpgsql as $$
       begin
         insert into volunteering.pending_reminders (occurrence_id, tenant_id, starts_at)
           values (new.id, new.tenant_id, new.starts_at) on conflict (occurrence_id) do nothing;
         return null;
       end $$`,
      `create trigger shift_occurrences_list_reminder after insert on volunteering.shift_occurrences
        for each row execute function volunteering.list_shift_reminder()`,
      `create function volunteering.unlist_cancelled_shift() returns trigger language plpgsql as $$
       begin
         if new.status = 'cancelled' and old.status <> 'cancelled' then
           delete from volunteering.pending_reminders
             where occurrence_id in (select id from volunteering.shift_occurrences where shift_id = new.id);
         end if;
         return null;
       end $$`,
      `create trigger shifts_unlist_reminders after update of status on volunteering.shifts
        for each row execute function volunteering.unlist_cancelled_shift()`,
      // Occurrences to come when this ships; those already within the lead are reminded at the first sweep.
      `insert into volunteering.pending_reminders (occurrence_id, tenant_id, starts_at)
        select o.id, o.tenant_id, o.starts_at from volunteering.shift_occurrences o
          join volunteering.shifts s on s.id = o.shift_id
        where s.status = 'scheduled' and o.starts_at > now()`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
