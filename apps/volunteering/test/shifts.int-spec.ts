import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { AppError, type Actor, type Role, type VolunteeringClient } from '@hearth/contracts';
import { testTrust, withClient } from '@hearth/testing';
import { VOLUNTEERING_SCHEMA } from '../src';
import { startVolunteeringService, type VolunteeringService } from './volunteering.harness';

const actorIn = (tenantId: string, role: Role): Actor => ({
  accountId: uuidv7(),
  email: `${role}-${tenantId.slice(-6)}@example.org`,
  grants: [{ role, tenantId, regionId: uuidv7() }],
});
const ctx = (actor: Actor) => testTrust.ctx(actor);
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'allowed',
    (err: unknown) => (err instanceof AppError ? err.code : String(err)),
  );

/** Shifts and the rota (ADR 0051) over NATS as the gateway asks, and the shifts table under row-level security. */
describe('volunteering shifts', () => {
  let service: VolunteeringService;
  let client: VolunteeringClient;
  let owner: Client;
  const leroA = uuidv7();
  const leroB = uuidv7();
  const coordinator = actorIn(leroA, 'coordinator');
  const volunteer = actorIn(leroA, 'volunteer');

  beforeAll(async () => {
    service = await startVolunteeringService();
    ({ client, owner } = service);
  });

  afterAll(async () => {
    await service?.close();
  });

  const roleIn = (tenantId: string, status: 'open' | 'closed' = 'open') =>
    client.createRole(ctx(actorIn(tenantId, 'tenant-admin')), tenantId, {
      title: 'Peer walk leader',
      visibility: 'members',
      status,
    });

  it('schedules, changes and cancels a shift with its events in the outbox, naming no one and no place', async () => {
    const role = await roleIn(leroA);
    const shift = await client.createShift(ctx(coordinator), leroA, role.id, {
      startsAt: '2027-10-12T10:00',
      endsAt: '2027-10-12T12:30',
      rrule: 'freq=weekly;count=6',
      place: 'Hyde Park gates, ask for Sam',
      capacity: 4,
    });
    expect(shift).toMatchObject({
      startsAt: '2027-10-12T10:00:00',
      endsAt: '2027-10-12T12:30:00',
      durationMinutes: 150,
      timezone: 'Europe/London',
      rrule: 'FREQ=WEEKLY;COUNT=6',
      status: 'scheduled',
    });
    await client.updateShift(ctx(coordinator), leroA, shift.id, { capacity: 6 });
    await client.cancelShift(ctx(coordinator), leroA, shift.id, { reason: 'Sam is away' });
    const { rows } = await owner.query<{ subject: string; payload: Record<string, unknown> }>(
      `select subject, payload from volunteering.outbox where payload->>'shiftId' = $1 order by id`,
      [shift.id],
    );
    expect(rows.map((r) => r.subject)).toEqual([
      'evt.volunteering.shift.scheduled',
      'evt.volunteering.shift.changed',
      'evt.volunteering.shift.cancelled',
    ]);
    expect(rows[2].payload).toEqual({
      tenantId: leroA,
      shiftId: shift.id,
      roleId: role.id,
      startsAt: '2027-10-12T10:00:00',
      durationMinutes: 150,
      timezone: 'Europe/London',
      rrule: 'FREQ=WEEKLY;COUNT=6',
      capacity: 6,
      sessionId: null,
      status: 'cancelled',
    });
    expect(JSON.stringify(rows)).not.toMatch(/Sam|Hyde/);
  });

  it('writes nothing to the outbox when a change is refused', async () => {
    const role = await roleIn(leroA);
    const before = await owner.query('select count(*)::int as n from volunteering.outbox');
    expect(
      await codeOf(
        client.createShift(ctx(coordinator), leroA, role.id, {
          startsAt: '2027-03-28T01:30',
          durationMinutes: 60,
          capacity: 2,
        }),
      ),
    ).toBe('VALIDATION');
    const after = await owner.query('select count(*)::int as n from volunteering.outbox');
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('answers another LERO’s role and shift as missing ones, and hides a closed role’s shifts from volunteers', async () => {
    const theirs = await roleIn(leroB);
    const theirShift = await client.createShift(ctx(actorIn(leroB, 'coordinator')), leroB, theirs.id, {
      startsAt: '2027-01-05T10:00',
      durationMinutes: 60,
      capacity: 2,
    });
    const input = { startsAt: '2027-01-05T10:00', durationMinutes: 60, capacity: 2 };
    expect(await codeOf(client.createShift(ctx(coordinator), leroA, theirs.id, input))).toBe('NOT_FOUND');
    expect(await codeOf(client.getShift(ctx(coordinator), leroA, theirShift.id))).toBe('NOT_FOUND');
    expect(await codeOf(client.cancelShift(ctx(coordinator), leroA, theirShift.id, {}))).toBe('NOT_FOUND');
    const shut = await roleIn(leroA, 'closed');
    const hidden = await client.createShift(ctx(coordinator), leroA, shut.id, input);
    expect(await codeOf(client.getShift(ctx(volunteer), leroA, hidden.id))).toBe('NOT_FOUND');
    expect(await codeOf(client.listShifts(ctx(volunteer), leroA, shut.id, {}))).toBe('NOT_FOUND');
    const rota = await client.rota(ctx(volunteer), leroA, { week: '2027-W01' });
    expect(rota.days.flatMap((d) => d.shifts).map((s) => s.shiftId)).not.toContain(hidden.id);
    const staffRota = await client.rota(ctx(coordinator), leroA, { week: '2027-W01' });
    expect(staffRota.days[1].shifts.map((s) => s.shiftId)).toContain(hidden.id);
  });

  describe('row-level security on volunteering.shifts', () => {
    const asServiceRole = <T>(fn: (c: Client) => Promise<T>) =>
      withClient(service.db.urlFor(VOLUNTEERING_SCHEMA.schema), fn);

    it('returns only the set LERO’s rows to a query without any filter, and none with no LERO set', async () => {
      const tenants = await asServiceRole(async (c) => {
        await c.query('begin');
        await c.query(`select set_config('app.tenant_id', $1, true)`, [leroB]);
        const { rows } = await c.query<{ tenant_id: string }>('select tenant_id from volunteering.shifts');
        await c.query('commit');
        return rows.map((r) => r.tenant_id);
      });
      expect(tenants.length).toBeGreaterThan(0);
      expect(new Set(tenants)).toEqual(new Set([leroB]));
      const { rows } = await asServiceRole((c) => c.query('select * from volunteering.shifts'));
      expect(rows).toHaveLength(0);
    });

    it('refuses to move a row to another LERO', async () => {
      await asServiceRole(async (c) => {
        await c.query('begin');
        await c.query(`select set_config('app.tenant_id', $1, true)`, [leroA]);
        await expect(c.query('update volunteering.shifts set tenant_id = $1', [leroB])).rejects.toThrow(
          /row-level security/,
        );
        await c.query('rollback');
      });
    });
  });
});
