import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  EVENT_CONSUMERS,
  EVENTS_STREAM,
  ReportingClient,
  TenantsEvents,
  type Actor,
  type DomainEvent,
  type RequestContext,
  type TenantChangedEvent,
} from '@hearth/contracts';
import { MessageClient, createNatsClient } from '@hearth/messaging';
import { migrateAll } from '@hearth/persistence';
import { createTestDatabase, startTestNats, testTrust, type TestDatabase } from '@hearth/testing';
import { REPORTING_SCHEMA } from '../src/reporting-database';
import { createReportingApp } from '../src/reporting.app';

/**
 * The reporting service alone over real NATS and Postgres, with a clock tests can move, fed with domain
 * events published to its stream exactly as the other services' outbox relays publish them.
 */
export interface ReportingHarness {
  app: NestFastifyApplication;
  client: ReportingClient;
  db: TestDatabase;
  clock: { now: Date | null };
  /**
   * Publishes a domain event (a fresh id unless given) and returns it. The JetStream message id is the event
   * id, as the outbox relay sends it, unless `msgId` says otherwise (a re-send after the dedup window).
   */
  publish<T>(
    subject: string,
    tenantId: string | null,
    data: T,
    opts?: { id?: string; msgId?: string },
  ): Promise<DomainEvent<T>>;
  /** Waits until every reporting consumer has handled everything published so far. */
  settled(): Promise<void>;
  sql<T>(query: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The member-key secret of the harness's reporting service (tests derive a member's key with it). */
export const MEMBER_KEY_SECRET = 'reporting-int-spec-member-key-secret-0123456789';

export async function startReportingService(): Promise<ReportingHarness> {
  const nats = await startTestNats();
  const db = await createTestDatabase();
  await migrateAll([REPORTING_SCHEMA], db.ownerUrl, db.urlFor);
  const clock: { now: Date | null } = { now: null };
  const app = await createReportingApp(
    {
      databaseUrl: db.urlFor(REPORTING_SCHEMA.schema),
      memberKeySecret: MEMBER_KEY_SECRET,
      releaseSweepIntervalMs: 3_600_000,
      now: () => clock.now ?? new Date(),
    },
    { ...nats.as('reporting'), trust: testTrust.trust },
    'warn',
  );
  // The release sweep that runs at start sees a clock at which nothing is due: started with the real one, it could
  // release a month while a test's LEROs are still arriving, freezing it without some of them (seen in CI). Tests
  // release periods themselves (ReleaseService.sweep).
  clock.now = new Date('2000-01-01T00:00:00Z');
  await app.init();
  clock.now = null;
  const bus = new MessageClient(createNatsClient(nats.as('gateway')), 10_000);
  // Standalone's user may publish every service's events (and read the stream), as the relays together do.
  const nc: NatsConnection = await nats.connect('standalone');
  const js = jetstream(nc);
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  return {
    app,
    client: new ReportingClient(bus),
    db,
    clock,
    async publish(subject, tenantId, data, { id = uuidv7(), msgId }: { id?: string; msgId?: string } = {}) {
      const event = { id, subject, occurredAt: new Date().toISOString(), tenantId, data };
      await js.publish(subject, JSON.stringify(event), { msgID: msgId ?? id });
      return event;
    },
    async settled() {
      const jsm = await jetstreamManager(nc);
      const deadline = Date.now() + 15_000;
      for (;;) {
        const infos = await Promise.all(
          [
            EVENT_CONSUMERS.reportingTenants,
            EVENT_CONSUMERS.reportingMembership,
            EVENT_CONSUMERS.reportingEvents,
            EVENT_CONSUMERS.reportingSignposts,
            EVENT_CONSUMERS.reportingVolunteering,
            EVENT_CONSUMERS.reportingAdvocacy,
          ].map((c) => jsm.consumers.info(EVENTS_STREAM, c.durable)),
        );
        if (infos.every((i) => i.num_pending === 0 && i.num_ack_pending === 0)) return;
        if (Date.now() > deadline) throw new Error('reporting consumers did not catch up');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    sql: async <T>(query: string, params: unknown[] = []) => (await owner.query(query, params)).rows as T[],
    async close() {
      await bus.close();
      await app.close();
      await owner.end();
      await db.drop();
      await nc.close();
      await nats.stop();
    },
  };
}

/** A request as the gateway forwards it: the actor's signed access token (anonymous without one). */
export const ctx = (actor?: Actor): RequestContext => testTrust.ctx(actor);

export const actorOf = (grant: Actor['grants'][number]): Actor => ({
  accountId: uuidv7(),
  email: `${grant.role}@example.org`,
  grants: [grant],
});

/** An active LERO of a region shown per LERO, as the tenants service's events carry it. */
export const leroOf = (regionId: string, tenantId: string, name: string): TenantChangedEvent => ({
  tenantId,
  regionId,
  name,
  slug: name.toLowerCase(),
  status: 'active',
  reportingVisibility: 'per-lero',
});

/** A region and its LEROs, by id and name, announced as the tenants service does. */
export async function regionWithLeros(h: ReportingHarness, regionId: string, leros: [string, string][]) {
  await h.publish(TenantsEvents.regionCreated, null, { regionId, name: 'North', slug: 'north' });
  for (const [id, name] of leros)
    await h.publish(TenantsEvents.tenantOnboarded, id, leroOf(regionId, id, name));
}

/** The reporting tables any row of which holds `text` (a member id must be in none). */
export async function tablesHolding(h: ReportingHarness, text: string): Promise<string[]> {
  const tables = await h.sql<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'reporting'`,
  );
  const holding: string[] = [];
  for (const { table_name } of tables) {
    const rows = await h.sql<{ t: string }>(`select t::text as t from reporting.${table_name} t`);
    if (rows.some((r) => r.t.includes(text))) holding.push(table_name);
  }
  return holding;
}
