import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import {
  DirectoryEvents,
  EventsEvents,
  ReportingEvents,
  TenantsEvents,
  WebhooksClient,
  type Actor,
  type DomainEvent,
  type Role,
} from '@hearth/contracts';
import { MessageClient, createNatsClient, type DomainEventConsumer } from '@hearth/messaging';
import { migrateAll } from '@hearth/persistence';
import { createTestDatabase, startTestNats, testTrust } from '@hearth/testing';
import { createWebhooksApp, WEBHOOKS_SCHEMA, WebhooksDatabase, type WebhooksOptions } from '../src';
import { webhookConsumers } from '../src/deliveries/deliveries.consumer';

/** Names the tests' resolver knows: `localhost` (the one insecure host) and a name that points inside. */
const ADDRESSES: Record<string, string> = { localhost: '127.0.0.1', 'hooks.internal.example': '10.0.0.5' };
const resolve = async (host: string) => {
  const address = ADDRESSES[host];
  if (!address) throw new Error(`no such host ${host}`);
  return [{ address, family: 4 }];
};

/** What the tests' stand-in for the tenants service lists as each region's LEROs (as the resolver, ADR 0082). */
export const REGION_LEROS = new Map<string, string[]>();

/** The keys of signing secrets at rest: `current` encrypts, `old` (rotated out) still decrypts (ADR 0082). */
export const TEST_KEYS = { current: randomBytes(32), old: randomBytes(32) };

/** Retries in milliseconds, so that a delivery gives up within two seconds. */
export const TEST_OPTIONS: Omit<WebhooksOptions, 'databaseUrl'> = {
  dispatchIntervalMs: 100,
  retry: { baseMs: 50, maxDelayMs: 200, horizonMs: 1500 },
  rotationGraceMs: 60_000,
  deliveryTimeoutMs: 2000,
  insecureHosts: ['localhost'],
  resolve,
  secretKeys: [
    { id: 'test-2', key: TEST_KEYS.current },
    { id: 'test-1', key: TEST_KEYS.old },
  ],
  regionLeros: async (_ctx, regionId) => REGION_LEROS.get(regionId) ?? [],
};

/**
 * The webhooks service as it is deployed (its own database role and NATS user), a client that asks as the gateway
 * does, its consumers driven directly with events made to order, and the database owner's connection.
 */
export async function startWebhooksService() {
  const nats = await startTestNats();
  const db = await createTestDatabase();
  const applied = await migrateAll([WEBHOOKS_SCHEMA], db.ownerUrl, db.urlFor);
  const app = await createWebhooksApp(
    { databaseUrl: db.urlFor(WEBHOOKS_SCHEMA.schema), ...TEST_OPTIONS },
    { ...nats.as('webhooks'), trust: testTrust.trust },
    'warn',
  );
  await app.init();
  const bus = new MessageClient(createNatsClient(nats.as('gateway')), 10_000);
  const wdb = await WebhooksDatabase.connect(WEBHOOKS_SCHEMA, { url: db.urlFor(WEBHOOKS_SCHEMA.schema) });
  const consumers: DomainEventConsumer[] = webhookConsumers(wdb);
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  return {
    nats,
    db,
    app,
    applied,
    owner,
    client: new WebhooksClient(bus),
    /** Hands events to the consumer of their subject, as JetStream would (inbox and all). */
    async deliver(event: DomainEvent) {
      const consumer = consumers.find((c) =>
        c.subjects.some((s) => event.subject.startsWith(s.replace('*', ''))),
      );
      return consumer!.process(event, 1);
    },
    async close() {
      await bus.close();
      await owner.end();
      await wdb.close();
      await app.close();
      await db.drop();
      await nats.stop();
    },
  };
}

export const actorOf = (role: Role, tenantId: string): Actor => ({
  accountId: uuidv7(),
  email: `${role}-${tenantId.slice(-6)}@example.org`,
  grants: [{ role, tenantId, regionId: '01900000-0000-7000-8000-0000000000c1' }],
});

export const ctxOf = (actor?: Actor) => testTrust.ctx(actor);

/** An event as its service tells it, now, filed under `tenantId` (null: a region's). */
const eventOf = (subject: string, tenantId: string | null, data: object): DomainEvent => ({
  id: uuidv7(),
  subject,
  occurredAt: new Date().toISOString(),
  tenantId,
  data,
});

/** A session cancelled, as the events service tells it (with the reason someone typed, which must not travel). */
export const sessionCancelled = (
  tenantId: string,
  sessionId = uuidv7(),
  /** null: an event from before it carried the visibility. */
  visibility: 'public' | 'members' | null = 'public',
): DomainEvent =>
  eventOf(EventsEvents.sessionCancelled, tenantId, {
    tenantId,
    sessionId,
    activityId: uuidv7(),
    category: 'peer-support',
    sessionDate: '2027-01-05',
    startsAt: '2027-01-05T10:00:00.000Z',
    reason: 'Sam the facilitator is in hospital',
    ...(visibility ? { visibility } : {}),
  });

export const activityEvent = (tenantId: string, visibility: 'public' | 'members'): DomainEvent =>
  eventOf(EventsEvents.activityCreated, tenantId, {
    tenantId,
    activityId: uuidv7(),
    title: 'Tuesday walking group',
    category: 'walking',
    visibility,
    status: 'active',
  });

/** Two sessions of an activity laid out together, as the events service tells it. */
export const sessionsScheduled = (tenantId: string, visibility: 'public' | 'members'): DomainEvent =>
  eventOf(EventsEvents.sessionScheduled, tenantId, {
    tenantId,
    activityId: uuidv7(),
    category: 'walking',
    visibility,
    sessions: ['2027-01-05', '2027-01-12'].map((day) => ({
      sessionId: uuidv7(),
      sessionDate: day,
      startsAt: `${day}T10:00:00.000Z`,
    })),
  });

/** A region's directory listing changed, as the directory tells it (filed under no LERO). */
export const listingChanged = (
  regionId: string,
  subject: 'listingCreated' | 'listingRetired' | 'listingAssured' = 'listingCreated',
): DomainEvent =>
  eventOf(DirectoryEvents[subject], null, {
    regionId,
    serviceId: uuidv7(),
    organizationId: uuidv7(),
    status: subject === 'listingRetired' ? 'retired' : 'active',
  });

/** A region's month released, as reporting tells it. */
export const periodReleased = (regionId: string): DomainEvent =>
  eventOf(ReportingEvents.periodReleased, null, {
    regionId,
    period: 'month',
    label: '2026-10',
    from: '2026-10-01',
    until: '2026-11-01',
    releasedAt: '2026-11-08T00:00:00.000Z',
  });

/** A LERO onboarded in a region, as the tenants service tells it. */
export const leroOnboarded = (tenantId: string, regionId: string): DomainEvent =>
  eventOf(TenantsEvents.tenantOnboarded, tenantId, {
    tenantId,
    regionId,
    name: 'Northtown Recovery',
    slug: `northtown-${tenantId.slice(-8)}`,
    status: 'onboarding',
    reportingVisibility: 'per-lero',
  });

export const regionActorOf = (role: Role, regionId: string): Actor => ({
  accountId: uuidv7(),
  email: `${role}-${regionId.slice(-6)}@example.org`,
  grants: [{ role, regionId }],
});
