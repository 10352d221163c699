import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppError, EventsClient, MembershipClient, type Actor, type RequestContext } from '@hearth/contracts';
import { MessageClient, createNatsClient } from '@hearth/messaging';
import { migrateAll } from '@hearth/persistence';
import { formatLocal, instantToLocal } from '@hearth/recurrence';
import {
  createTestDatabase,
  startTestNats,
  testTrust,
  type TestDatabase,
  type TestNats,
} from '@hearth/testing';
import { EVENTS_SCHEMA } from '../src/events-database';
import { createEventsApp } from '../src/events.app';
import { createMembershipApp, MEMBERSHIP_SCHEMA } from '../../membership/src';

export const PARTICIPANT_SECRET = 'events-int-spec-participant-key-secret-0123456789';

/**
 * The events service over real NATS and Postgres, with a clock tests can move, beside the real membership
 * service it asks about member ids (and hears erasures from).
 */
export interface EventsHarness {
  app: NestFastifyApplication;
  membershipApp: NestFastifyApplication;
  client: EventsClient;
  membership: MembershipClient;
  bus: MessageClient;
  db: TestDatabase;
  /** This file's own NATS, with Hearth's accounts and permissions. */
  nats: TestNats;
  clock: { offsetMs: number };
  /** A real member record of the LERO, and a member account linked to it. */
  member(lero: Lero, displayName?: string): Promise<{ memberId: string; actor: Actor }>;
  /** SQL as the owner (bypasses RLS): for inspecting what was written. */
  sql<T>(query: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function startEventsService(): Promise<EventsHarness> {
  const nats = await startTestNats();
  const db = await createTestDatabase();
  await migrateAll([EVENTS_SCHEMA, MEMBERSHIP_SCHEMA], db.ownerUrl, db.urlFor);
  const clock = { offsetMs: 0 };
  const app = await createEventsApp(
    {
      databaseUrl: db.urlFor(EVENTS_SCHEMA.schema),
      participantKeySecret: PARTICIPANT_SECRET,
      heldSweepIntervalMs: 3_600_000,
      now: () => new Date(Date.now() + clock.offsetMs),
    },
    { ...nats.as('events'), trust: testTrust.trust },
    'warn',
  );
  await app.init();
  const membershipApp = await createMembershipApp(
    { databaseUrl: db.urlFor(MEMBERSHIP_SCHEMA.schema) },
    { ...nats.as('membership'), trust: testTrust.trust },
    'warn',
  );
  await membershipApp.init();
  const bus = new MessageClient(createNatsClient(nats.as('gateway')), 10_000);
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const membership = new MembershipClient(bus);
  let n = 0;
  return {
    app,
    membershipApp,
    client: new EventsClient(bus),
    membership,
    async member(lero: Lero, displayName = `Person ${++n}`) {
      const { id } = await membership.createMember(ctx(lero.admin), lero.tenantId, { displayName });
      return { memberId: id, actor: lero.memberAccount(id) };
    },
    bus,
    db,
    nats,
    clock,
    sql: async <T>(query: string, params: unknown[] = []) => (await owner.query(query, params)).rows as T[],
    async close() {
      await bus.close();
      await app.close();
      await membershipApp.close();
      await owner.end();
      await db.drop();
      await nats.stop();
    },
  };
}

/** A request as the gateway forwards it: the actor's signed access token (anonymous without one). */
export const ctx = (actor?: Actor): RequestContext => testTrust.ctx(actor);

/** A LERO and people in it, as the gateway would present them (actors in the envelope). */
export function givenLero() {
  const tenantId = uuidv7();
  const regionId = uuidv7();
  const actor = (role: Actor['grants'][number]['role'], memberId?: string): Actor => ({
    accountId: uuidv7(),
    email: `${role}-${tenantId.slice(-6)}@example.org`,
    grants: [{ role, tenantId, regionId, ...(memberId ? { memberId } : {}) }],
  });
  return {
    tenantId,
    regionId,
    admin: actor('tenant-admin'),
    coordinator: actor('coordinator'),
    volunteer: actor('volunteer'),
    /** The account of a member linked to the member record `memberId`. */
    memberAccount: (memberId: string) => actor('member', memberId),
  };
}

export type Lero = ReturnType<typeof givenLero>;

/** Local wall-clock of an instant in Europe/London, `YYYY-MM-DDTHH:mm:ss`, for schedules relative to now. */
export const londonLocal = (instant: Date) => formatLocal(instantToLocal(instant, 'Europe/London'));

/** The AppError code (and reason) a promise rejects with, or 'resolved'. */
export const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (err: unknown) =>
      err instanceof AppError
        ? `${err.code}${err.details?.reason ? `:${err.details.reason}` : ''}`
        : String(err),
  );

export const fieldsOf = async (promise: Promise<unknown>): Promise<string[]> => {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return (err.details?.errors ?? []).map((e) => e.field);
    throw err;
  }
  throw new Error('expected a VALIDATION error, but the request succeeded');
};
