import { Client } from 'pg';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstreamManager } from '@nats-io/jetstream';
import { EVENTS_STREAM } from '@hearth/contracts';
import { eventually } from '@hearth/testing';
import { provisionNatsFromEnv } from '../../migrate/src';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Health = { status: string; details: Record<string, { status: string; [key: string]: unknown }> };

/**
 * The events stream is lost (deleted, or a NATS store gone): services may not re-create it (ADR 0013), so they
 * say so in readiness while their events wait in the outbox, and bind again by themselves once the migrate step
 * has run again; nothing committed meanwhile is lost.
 */
describe('services when the events stream goes missing', () => {
  let h: DistributedHearth;
  let owner: Client;
  let lero: { id: string; adminToken: string };

  const health = async (app: NestFastifyApplication) => {
    const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health/ready' });
    return { status: res.statusCode, body: JSON.parse(res.body) as Health };
  };

  beforeAll(async () => {
    h = await startDistributedHearth();
    owner = new Client({ connectionString: h.db.ownerUrl });
    await owner.connect();
    const admin = await h.given.platformAdmin();
    lero = await h.given.lero((await h.given.region(admin)).id, admin);
  });

  afterAll(async () => {
    await owner?.end();
    await h?.close();
  });

  it('is not ready while the stream is missing, keeps events in the outbox, and recovers after migrate', async () => {
    for (const app of [h.tenants, h.membership, h.events, h.reporting])
      expect(await health(app)).toMatchObject({ status: 200, body: { status: 'ok' } });
    const admin = await h.nats.connect('migrate');
    await (await jetstreamManager(admin)).streams.delete(EVENTS_STREAM);
    await admin.close();

    const down = await eventually(async () => {
      const events = await health(h.events);
      expect(events.status).toBe(503);
      expect(events.body.details['consumer:events-members']).toMatchObject({
        status: 'down',
        state: 'missing',
      });
      return events.body;
    });
    expect(down.details['events-stream']).toMatchObject({
      status: 'down',
      reason: expect.stringContaining('run the migrate step'),
    });

    // A member joins meanwhile: committed, and its event waits in membership's outbox.
    const created = await h.api
      .as(lero.adminToken)
      .post<{ id: string }>(`/api/v1/tenants/${lero.id}/members`, { displayName: 'Joined in the gap' });
    expect(created.status).toBe(201);
    await eventually(async () => {
      const membership = await health(h.membership);
      expect(membership.status).toBe(503);
      expect(membership.body.details['membership-db']).toMatchObject({ status: 'up', outboxBacklog: 1 });
    });

    // The deploy step again, as an operator runs it: the stream and every consumer come back.
    await provisionNatsFromEnv(
      { NATS_URL: h.nats.url, NATS_PASSWORD: h.nats.credentials('migrate').password },
      () => undefined,
    );
    for (const app of [h.tenants, h.membership, h.events, h.reporting])
      await eventually(async () => expect(await health(app)).toMatchObject({ status: 200 }), {
        timeoutMs: 30_000,
      });
    await eventually(
      async () =>
        expect(
          (
            await owner.query('select status from events.member_status where member_id = $1', [
              created.body.id,
            ])
          ).rows,
        ).toEqual([{ status: 'active' }]),
      { timeoutMs: 40_000, intervalMs: 200 },
    );
    await eventually(async () =>
      expect((await health(h.membership)).body.details['membership-db']).toMatchObject({ outboxBacklog: 0 }),
    );
  });
});
