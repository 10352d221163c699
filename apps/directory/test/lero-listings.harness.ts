import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { EventsEvents, TenantsEvents, VolunteeringEvents, type DomainEvent } from '@hearth/contracts';
import type { DomainEventConsumer, ProcessOutcome } from '@hearth/messaging';
import { migrateAll } from '@hearth/persistence';
import { createTestDatabase, type TestDatabase } from '@hearth/testing';
import { DIRECTORY_SCHEMA, DirectoryDatabase } from '../src/directory-database';
import { leroListingConsumers } from '../src/lero-listings/lero-listings.consumer';

type Row = Record<string, unknown>;

/** A weekly walking group's facts, as the events service sends them for a public activity. */
export const WALK = {
  title: 'Tuesday walking group',
  category: 'walking',
  visibility: 'public',
  status: 'active',
  publishToDirectory: true,
  listing: {
    description: 'A gentle walk round the park, then tea.',
    schedule: {
      startsAt: '2027-01-05T10:00:00',
      durationMinutes: 90,
      timezone: 'Europe/London',
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
    },
    location: {
      name: 'Park gates',
      address: 'Woodhouse Lane, Leeds',
      postcode: 'LS2 9JT',
      latitude: 53.806,
      longitude: -1.555,
      onlineUrl: null,
    },
    area: null,
    locationOnRequest: false,
  },
};

/** A public volunteering role's facts, as the volunteering service sends them (ADR 0058). */
export const ROLE = {
  title: 'Peer walk leader',
  visibility: 'public',
  status: 'open',
  requirementIds: [] as string[],
  listing: {
    description: 'Lead our Tuesday walks.',
    whatYoullDo: 'Welcome walkers and keep the group together',
    skills: ['Leading a group', 'First aid'],
    where: 'Hyde Park, Leeds',
    requirements: ['Safeguarding'],
  },
};

/** A LERO as the tenants service's events carry it. */
export const LERO = {
  name: 'Leeds Recovery Hub',
  slug: 'leeds-hub',
  status: 'active',
  reportingVisibility: 'per-lero',
  publishToDirectory: true,
  publicContactEmail: 'hello@leedshub.example.org',
};

/**
 * The directory's consumers of LERO and activity events on a database of their own, driven directly (inbox and
 * all) with events made to order: each one a second after the one before unless told otherwise.
 */
export class LeroListingsHarness {
  db!: TestDatabase;
  ddb!: DirectoryDatabase;
  owner!: Client;
  consumers!: DomainEventConsumer[];
  private clock = Date.parse('2027-01-01T09:00:00Z');

  async start(): Promise<this> {
    this.db = await createTestDatabase();
    await migrateAll([DIRECTORY_SCHEMA], this.db.ownerUrl, this.db.urlFor);
    this.ddb = await DirectoryDatabase.connect(DIRECTORY_SCHEMA, {
      url: this.db.urlFor(DIRECTORY_SCHEMA.schema),
    });
    this.consumers = leroListingConsumers(this.ddb);
    this.owner = new Client({ connectionString: this.db.ownerUrl });
    await this.owner.connect();
    return this;
  }

  async close(): Promise<void> {
    await this.owner?.end();
    await this.ddb?.close();
    await this.db?.drop();
  }

  consumerOf(subject: string): DomainEventConsumer {
    return this.consumers.find((c) => c.subjects.some((s) => subject.startsWith(s.replace('*', ''))))!;
  }

  /** An event one second after the last one made (or at `at`). */
  event(subject: string, tenantId: string, data: Row, at?: string): DomainEvent {
    const occurredAt = at ?? new Date((this.clock += 1000)).toISOString();
    return { id: uuidv7(), subject, occurredAt, tenantId, data: { tenantId, ...data } };
  }

  lero(subject: string, tenantId: string, regionId: string, over: Row = {}): DomainEvent {
    return this.event(subject, tenantId, { regionId, ...LERO, ...over });
  }

  activity(subject: string, tenantId: string, activityId: string, over: Row = {}): DomainEvent {
    return this.event(subject, tenantId, { activityId, ...WALK, ...over });
  }

  role(subject: string, tenantId: string, roleId: string, over: Row = {}): DomainEvent {
    return this.event(subject, tenantId, { roleId, ...ROLE, ...over });
  }

  async deliver(...events: DomainEvent[]): Promise<ProcessOutcome[]> {
    const outcomes: ProcessOutcome[] = [];
    for (const e of events) outcomes.push(await this.consumerOf(e.subject).process(e, 1));
    return outcomes;
  }

  sql = async <T = Row>(query: string, params: unknown[] = []): Promise<T[]> =>
    (await this.owner.query(query, params)).rows as T[];

  /** The organisation listed for a LERO, if any. */
  async organization(tenantId: string): Promise<Row | undefined> {
    const [row] = await this.sql(
      `select id, name, email, status from directory.organizations where source = 'lero' and source_id = $1`,
      [tenantId],
    );
    return row;
  }

  /** The service listed for an activity with what it nests (ids left out), if any. */
  async service(activityId: string): Promise<Row | undefined> {
    const [s] = await this.sql<Row & { id: string }>(
      `select id, name, description, url, email, status, organization_id from directory.services
        where source = 'lero' and source_id = $1`,
      [activityId],
    );
    if (!s) return undefined;
    const of = (q: string) => this.sql(q, [s.id]);
    const { id: _id, organization_id: _o, ...service } = s;
    return {
      ...service,
      schedules: await of(
        `select freq, interval, byday, bymonthday, dtstart::text, valid_from::text, valid_to::text,
           to_char(opens_at, 'HH24:MI') as opens_at, to_char(closes_at, 'HH24:MI') as closes_at, timezone,
           attending_type, description from directory.schedules where service_id = $1`,
      ),
      locations: await of(
        `select l.name, l.location_type, l.latitude, l.longitude, a.address_1, a.city, a.postal_code
          from directory.service_at_locations sal join directory.locations l on l.id = sal.location_id
          left join directory.addresses a on a.location_id = l.id where sal.service_id = $1`,
      ),
      areas: await of(`select name, description from directory.service_areas where service_id = $1`),
      contacts: await of(`select name, email from directory.contacts where service_id = $1`),
      terms: (
        await of(
          `select taxonomy_term_id from directory.attributes where link_type = 'service' and link_id = $1
            order by taxonomy_term_id`,
        )
      ).map((r) => r.taxonomy_term_id),
    };
  }
}

export { EventsEvents, TenantsEvents, VolunteeringEvents };
