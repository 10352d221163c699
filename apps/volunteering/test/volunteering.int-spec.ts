import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppError, type Actor, type Role, type VolunteeringClient } from '@hearth/contracts';
import { migrateAll } from '@hearth/persistence';
import { testTrust, type TestDatabase } from '@hearth/testing';
import { VOLUNTEERING_SCHEMA } from '../src';
import { startVolunteeringService, type VolunteeringService } from './volunteering.harness';

const lero = () => {
  const tenantId = uuidv7();
  const as = (role: Role): Actor => ({
    accountId: uuidv7(),
    email: `${role}-${tenantId.slice(-6)}@example.org`,
    grants: [{ role, tenantId, regionId: uuidv7() }],
  });
  return {
    tenantId,
    admin: as('tenant-admin'),
    coordinator: as('coordinator'),
    volunteer: as('volunteer'),
    member: as('member'),
  };
};
const ctx = (actor?: Actor) => testTrust.ctx(actor);
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err instanceof AppError ? { code: err.code, details: err.details } : { code: String(err) };
  }
  return { code: 'allowed' };
};

/** The volunteering service as it is deployed: its own database role, its own NATS user, over NATS as the gateway asks. */
describe('the volunteering service', () => {
  let service: VolunteeringService;
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let applied: Record<string, string[]>;
  let client: VolunteeringClient;
  let owner: Client;
  const a = lero();
  const b = lero();

  beforeAll(async () => {
    service = await startVolunteeringService();
    ({ db, app, applied, client, owner } = service);
  });

  afterAll(async () => {
    await service?.close();
  });

  it('migrates its schema once', async () => {
    expect(applied[VOLUNTEERING_SCHEMA.schema]).toEqual([
      '20261204-volunteering-init',
      '20261205-volunteering-members',
      '20261206-volunteering-shifts',
      '20261207-volunteering-signups',
      '20261208-volunteering-training-records',
      '20261220-volunteering-public-roles-announced',
      '20261221-volunteering-hours',
      '20261221-volunteering-occurrence-fill',
      '20261222-volunteering-passports',
      '20261223-volunteering-role-interests',
      '20261231-volunteering-shift-reminders',
      '20270110-volunteering-traces',
    ]);
    const again = await migrateAll([VOLUNTEERING_SCHEMA], db.ownerUrl, db.urlFor);
    expect(again[VOLUNTEERING_SCHEMA.schema]).toEqual([]);
  });

  it('is ready: its database as its own role, and NATS as its own user', async () => {
    const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      status: 'ok',
      details: { 'volunteering-db': { status: 'up' } },
    });
  });

  it('keeps a catalogue and a role that requires from it, with their events in the outbox and no one named', async () => {
    const safeguarding = await client.createTraining(ctx(a.coordinator), a.tenantId, {
      name: ' Safeguarding adults ',
      kind: 'training',
      validityMonths: 36,
    });
    const dbs = await client.createTraining(ctx(a.admin), a.tenantId, { name: 'DBS basic', kind: 'check' });
    expect(safeguarding).toMatchObject({ name: 'Safeguarding adults', kind: 'training', validityMonths: 36 });
    expect(dbs.validityMonths).toBeNull();
    const role = await client.createRole(ctx(a.coordinator), a.tenantId, {
      title: 'Peer walk leader',
      whatYoullDo: 'Lead the Tuesday walk.',
      skills: ['leading a group'],
      requirementIds: [safeguarding.id, dbs.id],
      visibility: 'public',
    });
    expect(role).toMatchObject({
      status: 'open',
      requirements: [
        { id: safeguarding.id, name: 'Safeguarding adults', kind: 'training' },
        { id: dbs.id, name: 'DBS basic', kind: 'check' },
      ],
    });
    const { rows } = await owner.query<{ subject: string; payload: Record<string, unknown> }>(
      `select subject, payload from volunteering.outbox where payload->>'roleId' = $1`,
      [role.id],
    );
    expect(rows).toEqual([
      {
        subject: 'evt.volunteering.role.published',
        payload: {
          tenantId: a.tenantId,
          roleId: role.id,
          title: 'Peer walk leader',
          visibility: 'public',
          status: 'open',
          requirementIds: [safeguarding.id, dbs.id],
          // A public role's public facts, for the directory (ADR 0058): requirements by name, no one named.
          listing: {
            description: null,
            whatYoullDo: 'Lead the Tuesday walk.',
            skills: ['leading a group'],
            where: null,
            requirements: ['Safeguarding adults', 'DBS basic'],
          },
        },
      },
    ]);
    // A renamed requirement announces the public roles that need it again, with the new name.
    await client.updateTraining(ctx(a.admin), a.tenantId, dbs.id, { name: 'DBS basic check' });
    await client.updateTraining(ctx(a.admin), a.tenantId, dbs.id, { validityMonths: 12 });
    const members = await client.updateRole(ctx(a.admin), a.tenantId, role.id, { visibility: 'members' });
    expect(members.visibility).toBe('members');
    const closed = await client.updateRole(ctx(a.admin), a.tenantId, role.id, { status: 'closed' });
    expect(closed.status).toBe('closed');
    const events = await owner.query<{ subject: string; listing: { requirements: string[] } | null }>(
      `select subject, payload->'listing' as listing from volunteering.outbox where payload->>'roleId' = $1
        order by id`,
      [role.id],
    );
    expect(events.rows.map((r) => [r.subject, r.listing?.requirements ?? null])).toEqual([
      ['evt.volunteering.role.published', ['Safeguarding adults', 'DBS basic']],
      ['evt.volunteering.role.updated', ['Safeguarding adults', 'DBS basic check']],
      // Members-only: nothing of it for the public.
      ['evt.volunteering.role.updated', null],
      ['evt.volunteering.role.closed', null],
    ]);
  });

  it('refuses another LERO’s catalogue item as a requirement, as it refuses a missing one', async () => {
    const theirs = await client.createTraining(ctx(b.admin), b.tenantId, {
      name: 'First aid',
      kind: 'training',
    });
    for (const id of [theirs.id, uuidv7()]) {
      const refused = await failure(
        client.createRole(ctx(a.coordinator), a.tenantId, {
          title: 'Cook',
          visibility: 'members',
          requirementIds: [id],
        }),
      );
      expect(refused).toMatchObject({
        code: 'VALIDATION',
        details: { errors: [{ field: 'requirementIds' }] },
      });
    }
    expect(
      await failure(client.updateTraining(ctx(a.admin), a.tenantId, theirs.id, { name: 'Mine now' })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('shows volunteers and members the open roles only, and lets them change nothing', async () => {
    const c = lero();
    const open = await client.createRole(ctx(c.admin), c.tenantId, {
      title: 'Greeter',
      visibility: 'members',
    });
    const shut = await client.createRole(ctx(c.admin), c.tenantId, {
      title: 'Old role',
      visibility: 'public',
      status: 'closed',
    });
    for (const who of [c.volunteer, c.member]) {
      const page = await client.listRoles(ctx(who), c.tenantId, {});
      expect(page.items.map((r) => r.id)).toEqual([open.id]);
      expect(await failure(client.getRole(ctx(who), c.tenantId, shut.id))).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await failure(client.updateRole(ctx(who), c.tenantId, open.id, { title: 'x' }))).toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    const all = await client.listRoles(ctx(c.coordinator), c.tenantId, {});
    expect(all.items.map((r) => r.id)).toEqual([open.id, shut.id]);
  });

  it('answers someone of another LERO as if the LERO did not exist', async () => {
    expect(await failure(client.listRoles(ctx(b.admin), a.tenantId, {}))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await failure(client.listTraining(ctx(b.admin), a.tenantId, {}))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
