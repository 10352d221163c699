import { Migration } from '@mikro-orm/migrations';
import { uuidv7Sql } from '@hearth/persistence';

const EVENT_ID = uuidv7Sql('a.id');

/**
 * A public activity is in its region's directory while its LERO publishes there, unless it opts out (ADR 0042);
 * `location_on_request` keeps its address out of every public listing. Every activity there is follows its LERO,
 * and is announced once more (`evt.events.activity.updated`, with what the directory may publish) so the
 * directory learns of activities made before their events carried it. The table forces row-level security even
 * on its owner: forcing is lifted for the read and put back.
 */
export class MigrationEventsActivityDirectory extends Migration {
  override name = '20261216-events-activity-directory';

  up(): void {
    this.addSql(
      `alter table events.activities
        add column publish_to_directory boolean not null default true,
        add column location_on_request boolean not null default false`,
    );
    this.addSql(`alter table events.activities no force row level security`);
    this.addSql(
      `insert into events.outbox (id, subject, tenant_id, payload)
       select ${EVENT_ID}, 'evt.events.activity.updated', a.tenant_id, jsonb_build_object(
         'tenantId', a.tenant_id, 'activityId', a.id, 'title', a.title, 'category', a.category,
         'visibility', a.visibility, 'status', a.status, 'publishToDirectory', true,
         'listing', case when a.visibility = 'public' then jsonb_build_object(
           'description', a.description, 'location', a.location::jsonb, 'area', null, 'locationOnRequest', false,
           'schedule', jsonb_build_object('startsAt', a.starts_at_local, 'durationMinutes', a.duration_minutes,
             'timezone', a.timezone, 'rrule', a.rrule)) end)
       from events.activities a where a.deleted_at is null order by a.id`,
    );
    this.addSql(`alter table events.activities force row level security`);
  }
}
