import { isDeepStrictEqual } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ActivityCategory, LocationView, TenantChangedEvent } from '@hearth/contracts';
import {
  OPENACTIVE_ACTIVITIES,
  place,
  scheduledSession,
  sessionSeries,
  type ActivityFacts,
  type LeroFacts,
} from './openactive-model.util';

type Kind = 'SessionSeries' | 'ScheduledSession';

interface LeroRow {
  region_id: string;
  name: string;
  slug: string;
  status: string;
  publish: boolean;
  public_email: string | null;
}

interface ActivityRow {
  id: string;
  title: string;
  category: ActivityCategory;
  description: string | null;
  location: LocationView | string | null;
  location_on_request: boolean;
  duration_minutes: number;
  capacity: number | null;
  starts_at_local: string;
  timezone: string;
  rrule: string | null;
  visibility: string;
  status: string;
  publish_to_directory: boolean;
  deleted_at: Date | null;
}

interface SessionRow {
  id: string;
  activity_id: string;
  starts_at: Date | string;
  ends_at: Date | string;
  capacity: number | null;
}

interface StoredRow {
  kind: Kind;
  id: string;
  activity_id: string;
  state: 'updated' | 'deleted';
  data: Record<string, unknown> | null;
}

interface Wanted {
  kind: Kind;
  id: string;
  activityId: string;
  data: Record<string, unknown>;
}

/**
 * One LERO's feed work at a time: what it reads (its facts, activities, sessions, items) is what it writes from,
 * even when its tenant and activity events are handled at once by different consumers.
 */
const lockLero = (em: EntityManager, tenantId: string) =>
  em.execute(
    `select pg_advisory_xact_lock(hashtextextended(?, 0))`,
    [`events/openactive/${tenantId}`],
    'all',
  );

/**
 * Every change to the feed takes this lock before it takes its `modified`, and holds it until it commits, so
 * `modified` values become visible in the order they were taken: a harvester that has read up to n never misses a
 * later commit with a smaller value (RPDE's "transaction commit order" pitfall; ADR 0078).
 */
const lockFeed = (em: EntityManager) =>
  em.execute(`select pg_advisory_xact_lock(hashtextextended('events/openactive/feed', 0))`, [], 'all');

/** Keeps the newest facts of a LERO (by when they happened, then the event's UUIDv7 id). */
export async function recordLero(
  em: EntityManager,
  data: TenantChangedEvent,
  occurredAt: string,
  eventId: string,
): Promise<void> {
  await lockLero(em, data.tenantId);
  await em.execute(
    `insert into events.openactive_leros
       (tenant_id, region_id, name, slug, status, publish, public_email, occurred_at, event_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (tenant_id) do update set region_id = excluded.region_id, name = excluded.name, slug = excluded.slug,
       status = excluded.status, publish = excluded.publish, public_email = excluded.public_email,
       occurred_at = excluded.occurred_at, event_id = excluded.event_id
     where (openactive_leros.occurred_at, openactive_leros.event_id) < (excluded.occurred_at, excluded.event_id)`,
    [
      data.tenantId,
      data.regionId,
      data.name,
      data.slug,
      data.status,
      data.publishToOpenActive === true,
      data.publicContactEmail ?? null,
      occurredAt,
      eventId,
    ],
    'run',
  );
}

const publishes = (lero: LeroRow | undefined): lero is LeroRow =>
  !!lero && lero.publish && lero.status === 'active';

/** In the feed: public, not opted out of the directory, running, and a physical activity OpenActive names. */
const listed = (a: ActivityRow) =>
  a.deleted_at === null &&
  a.visibility === 'public' &&
  a.publish_to_directory &&
  a.status === 'active' &&
  OPENACTIVE_ACTIVITIES[a.category] !== undefined;

const facts = (a: ActivityRow): ActivityFacts => ({
  id: a.id,
  title: a.title,
  category: a.category,
  description: a.description,
  location: typeof a.location === 'string' ? (JSON.parse(a.location) as LocationView) : a.location,
  locationOnRequest: a.location_on_request,
  durationMinutes: a.duration_minutes,
  capacity: a.capacity,
  startsAtLocal: a.starts_at_local,
  timezone: a.timezone,
  rrule: a.rrule,
});

/**
 * Brings a LERO's feed items (all of them, or one activity's) in line with what it has now: new and changed items
 * are written `updated` with a new `modified`; items that left (the LERO stopped publishing or is not active, the
 * activity ended, paused, was removed, made members-only or opted out; a session cancelled) become `deleted`. Nothing
 * changes for what did not change, so handling an event twice, or events in another order, writes the same feed.
 */
export async function syncOpenActive(
  em: EntityManager,
  tenantId: string,
  activityId?: string,
): Promise<number> {
  await lockLero(em, tenantId);
  const [lero] = await em.execute<LeroRow[]>(
    `select region_id, name, slug, status, publish, public_email from events.openactive_leros where tenant_id = ?`,
    [tenantId],
    'all',
  );
  if (!lero) return 0; // nothing is published before the LERO's facts are known
  const only = activityId ? ` and id = ?` : '';
  const onlyItems = activityId ? ` and activity_id = ?` : '';
  const scope = activityId ? [tenantId, activityId] : [tenantId];
  const activities = publishes(lero)
    ? await em.execute<ActivityRow[]>(
        `select id, title, category, description, location, location_on_request, duration_minutes, capacity,
                starts_at_local, timezone, rrule,
                visibility, status, publish_to_directory, deleted_at
           from events.activities where tenant_id = ?${only}`,
        scope,
        'all',
      )
    : [];
  // An activity finder needs a place to go to: an activity online only, or with no place given, is left out.
  const shown = activities.filter((a) => listed(a) && place(facts(a).location, false) !== null);
  const sessions = shown.length
    ? await em.execute<SessionRow[]>(
        `select id, activity_id, starts_at, ends_at, capacity from events.sessions
          where tenant_id = ? and status = 'scheduled' and activity_id in (${shown.map(() => '?').join(', ')})`,
        [tenantId, ...shown.map((a) => a.id)],
        'all',
      )
    : [];
  const leroFacts: LeroFacts = { name: lero.name, slug: lero.slug, publicEmail: lero.public_email };
  const wanted: Wanted[] = [
    ...shown.map((a) => ({
      kind: 'SessionSeries' as const,
      id: a.id,
      activityId: a.id,
      data: sessionSeries(facts(a), leroFacts),
    })),
    ...sessions.map((s) => ({
      kind: 'ScheduledSession' as const,
      id: s.id,
      activityId: s.activity_id,
      data: scheduledSession({
        id: s.id,
        activityId: s.activity_id,
        startsAt: new Date(s.starts_at),
        endsAt: new Date(s.ends_at),
        capacity: s.capacity,
      }),
    })),
  ];
  const stored = await em.execute<StoredRow[]>(
    `select kind, id, activity_id, state, data from events.openactive_items where tenant_id = ?${onlyItems}`,
    scope,
    'all',
  );
  const key = (kind: string, id: string) => `${kind}/${id}`;
  const before = new Map(stored.map((r) => [key(r.kind, r.id), r]));
  const writes: { kind: Kind; id: string; activityId: string; data: Record<string, unknown> | null }[] = [];
  for (const w of wanted) {
    const was = before.get(key(w.kind, w.id));
    before.delete(key(w.kind, w.id));
    if (!was || was.state !== 'updated' || !isDeepStrictEqual(was.data, w.data)) writes.push(w);
  }
  for (const gone of before.values())
    if (gone.state === 'updated')
      writes.push({ kind: gone.kind, id: gone.id, activityId: gone.activity_id, data: null });
  if (writes.length === 0) return 0;
  await lockFeed(em);
  // One statement for all of them (a LERO's first publication is every session it has laid out).
  await em.execute(
    `insert into events.openactive_items (kind, id, tenant_id, activity_id, region_id, modified, state, data)
     select w.kind, w.id, ?::uuid, w.activity_id, ?::uuid, nextval('events.openactive_modified'),
            case when w.data is null then 'deleted' else 'updated' end, w.data
       from jsonb_to_recordset(?::jsonb) as w(kind text, id uuid, activity_id uuid, data jsonb)
     on conflict (kind, id) do update set modified = excluded.modified, state = excluded.state,
       data = excluded.data, region_id = excluded.region_id`,
    [
      tenantId,
      lero.region_id,
      JSON.stringify(
        writes.map((w) => ({ kind: w.kind, id: w.id, activity_id: w.activityId, data: w.data })),
      ),
    ],
    'run',
  );
  return writes.length;
}
