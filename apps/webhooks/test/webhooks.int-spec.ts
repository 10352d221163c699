import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { Webhook } from 'standardwebhooks';
import { AppError, type WebhookDeliveryView, type WebhookEventType } from '@hearth/contracts';
import { eventually, waitingOnLocks, WebhookReceiver, type Received } from '@hearth/testing';
import { WEBHOOKS_SCHEMA } from '../src';
import { SecretsAtRest } from '../src/deliveries/secrets-at-rest.service';
import { WebhookSecretCipher } from '../src/deliveries/secret-cipher';
import {
  activityEvent,
  actorOf,
  ctxOf,
  leroOnboarded,
  listingChanged,
  periodReleased,
  REGION_LEROS,
  regionActorOf,
  sessionCancelled,
  sessionsScheduled,
  startWebhooksService,
  TEST_KEYS,
} from './webhooks.harness';

type Service = Awaited<ReturnType<typeof startWebhooksService>>;

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'allowed',
    (err: unknown) => (err instanceof AppError ? err.code : `other: ${String(err)}`),
  );

/** Verifies a request as a receiver does (throws on a bad signature), and answers its body. */
const verified = (secret: string, r: Received) =>
  new Webhook(secret).verify(r.body, {
    'webhook-id': String(r.headers['webhook-id']),
    'webhook-timestamp': String(r.headers['webhook-timestamp']),
    'webhook-signature': String(r.headers['webhook-signature']),
  });

/** The webhooks service: subscriptions, signed deliveries with retries, the log, replay and rotation (ADR 0079). */
describe('the webhooks service', () => {
  let svc: Service;
  let receiver: WebhookReceiver;
  const lero = uuidv7();
  const otherLero = uuidv7();
  const admin = ctxOf(actorOf('tenant-admin', lero));

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    svc = await startWebhooksService();
  });

  afterAll(async () => {
    await svc?.close();
    await receiver?.stop();
  });

  const subscribe = (path: string, eventTypes: WebhookEventType[]) =>
    svc.client.createSubscription(admin, lero, { url: receiver.url(path), eventTypes });

  /** The requests a path has had, once it has had `n`. */
  const receivedAt = (path: string, n: number) =>
    eventually(() => {
      const got = receiver.at(path);
      expect(got).toHaveLength(n);
      return got;
    });

  const deliveryOf = async (subscriptionId: string): Promise<WebhookDeliveryView[]> =>
    (await svc.client.listDeliveries(admin, lero, { subscriptionId })).items;

  it('migrates its schema once, and is ready', async () => {
    expect(svc.applied[WEBHOOKS_SCHEMA.schema]).toEqual([
      '20261205-webhooks-init',
      '20261206-webhooks-unplaced',
      '20270110-webhooks-traces',
    ]);
    const res = await svc.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
  });

  it('sends a cancelled session to its subscribers, signed, with no personal data, and logs it', async () => {
    const sub = await subscribe('/cancelled', ['session.cancelled']);
    expect(sub.secret).toMatch(/^whsec_/);
    const event = sessionCancelled(lero);
    expect(await svc.deliver(event)).toBe('handled');

    const [request] = await receivedAt('/cancelled', 1);
    const message = verified(sub.secret, request) as { type: string; data: Record<string, unknown> };
    expect(message).toMatchObject({
      type: 'session.cancelled',
      data: {
        sessionId: (event.data as { sessionId: string }).sessionId,
        startsAt: '2027-01-05T10:00:00.000Z',
      },
    });
    expect(request.body).not.toMatch(/Sam|hospital|reason/);
    expect(request.headers['content-type']).toBe('application/json');

    const [logged] = await eventually(async () => {
      const log = await deliveryOf(sub.id);
      expect(log[0]).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204 });
      return log;
    });
    expect(request.headers['webhook-id']).toBe(logged.id);
  });

  it('queues an event once however often it arrives', async () => {
    const sub = await subscribe('/once', ['session.cancelled']);
    const event = sessionCancelled(lero);
    expect(await svc.deliver(event)).toBe('handled');
    expect(await svc.deliver(event)).toBe('duplicate');
    await eventually(async () => expect(await deliveryOf(sub.id)).toHaveLength(1));
  });

  it('sends no cancelled session of a members-only activity, nor of one whose event does not say', async () => {
    const sub = await subscribe('/members-only', ['session.cancelled']);
    await svc.deliver(sessionCancelled(lero, uuidv7(), 'members'));
    await svc.deliver(sessionCancelled(lero, uuidv7(), null));
    const shown = sessionCancelled(lero);
    await svc.deliver(shown);
    await eventually(async () =>
      expect((await deliveryOf(sub.id)).map((d) => d.eventType)).toEqual(['session.cancelled']),
    );
    await eventually(() =>
      expect(receiver.at('/members-only').map((r) => String(r.body))).toEqual([
        expect.stringContaining((shown.data as { sessionId: string }).sessionId),
      ]),
    );
  });

  it('announces only public activities, and only to subscribers of that type', async () => {
    const activities = await subscribe('/activities', ['activity.published']);
    const sessions = await subscribe('/sessions-only', ['session.cancelled']);
    await svc.deliver(activityEvent(lero, 'members'));
    await svc.deliver(activityEvent(lero, 'public'));
    await eventually(async () =>
      expect(await deliveryOf(activities.id)).toEqual([
        expect.objectContaining({ eventType: 'activity.published', status: 'delivered' }),
      ]),
    );
    expect(await deliveryOf(sessions.id)).toEqual([]);
  });

  it('announces the sessions laid out for a public activity, never a members-only one’s (ADR 0082)', async () => {
    const sub = await subscribe('/scheduled', ['session.scheduled']);
    await svc.deliver(sessionsScheduled(lero, 'members'));
    const shown = sessionsScheduled(lero, 'public');
    await svc.deliver(shown);
    const [request] = await receivedAt('/scheduled', 1);
    const { sessions, activityId } = shown.data as { sessions: unknown[]; activityId: string };
    expect(verified(sub.secret, request)).toEqual({
      type: 'session.scheduled',
      timestamp: shown.occurredAt,
      data: { tenantId: lero, activityId, category: 'walking', sessions },
    });
    expect((await deliveryOf(sub.id)).map((d) => d.eventType)).toEqual(['session.scheduled']);
  });

  it('answers CONFLICT to a replay while an attempt is in flight, and replays once it is over', async () => {
    const sub = await subscribe('/leased', ['session.cancelled']);
    await svc.deliver(sessionCancelled(lero));
    const [delivered] = await eventually(async () => {
      const log = await deliveryOf(sub.id);
      expect(log[0]).toMatchObject({ status: 'delivered' });
      return log;
    });
    // A dispatcher's claim, as it holds one while it sends.
    await svc.owner.query(
      `update webhooks.deliveries set lease_until = now() + interval '1 minute' where id = $1`,
      [delivered.id],
    );
    expect(await codeOf(svc.client.replayDelivery(admin, lero, delivered.id))).toBe('CONFLICT');
    expect((await deliveryOf(sub.id))[0]).toMatchObject({ status: 'delivered' });
    await svc.owner.query(
      `update webhooks.deliveries set lease_until = now() - interval '1 second' where id = $1`,
      [delivered.id],
    );
    expect((await svc.client.replayDelivery(admin, lero, delivered.id)).status).toBe('pending');
    await eventually(() => expect(receiver.at('/leased')).toHaveLength(2));
  });

  it('retries a failing receiver with the same webhook-id until it answers', async () => {
    const sub = await subscribe('/flaky', ['session.cancelled']);
    receiver.failNext('/flaky', 2);
    await svc.deliver(sessionCancelled(lero));
    const log = await eventually(async () => {
      const [d] = await deliveryOf(sub.id);
      expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204 });
      return d;
    });
    const ids = receiver.at('/flaky').map((r) => r.headers['webhook-id']);
    expect(ids).toEqual([log.id, log.id, log.id]);
    for (const r of receiver.at('/flaky')) expect(() => verified(sub.secret, r)).not.toThrow();
  });

  it('gives up after the retry horizon, logs why, and sends it again on replay', async () => {
    const sub = await subscribe('/down', ['session.cancelled']);
    receiver.failNext('/down', 1000);
    await svc.deliver(sessionCancelled(lero));
    const failed = await eventually(
      async () => {
        const [d] = await deliveryOf(sub.id);
        expect(d).toMatchObject({ status: 'failed', lastStatusCode: 500, nextAttemptAt: null });
        return d;
      },
      { timeoutMs: 8000 },
    );
    expect(failed.attempts).toBeGreaterThan(2);
    expect(
      (await svc.client.listDeliveries(admin, lero, { status: 'failed' })).items.map((d) => d.id),
    ).toContain(failed.id);

    receiver.failNext('/down', 0);
    const replayed = await svc.client.replayDelivery(admin, lero, failed.id);
    expect(replayed.status).toBe('pending');
    await eventually(async () =>
      expect((await deliveryOf(sub.id))[0]).toMatchObject({
        status: 'delivered',
        attempts: failed.attempts + 1,
      }),
    );
    expect(receiver.at('/down').at(-1)!.headers['webhook-id']).toBe(failed.id);
  });

  it('signs with the old and the new secret during a rotation, so a receiver holding either verifies', async () => {
    const sub = await subscribe('/rotating', ['session.cancelled']);
    const rotated = await svc.client.rotateSecret(admin, lero, sub.id);
    expect(rotated.secret).not.toBe(sub.secret);
    expect(rotated.previousSecretUntil).not.toBeNull();
    await svc.deliver(sessionCancelled(lero));
    const [request] = await receivedAt('/rotating', 1);
    expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(() => verified(sub.secret, request)).not.toThrow();
    expect(() => verified(rotated.secret, request)).not.toThrow();
    expect(() => verified(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, request)).toThrow();
    const listed = await svc.client.listSubscriptions(admin, lero);
    expect(JSON.stringify(listed)).not.toContain(rotated.secret);
  });

  it('keeps signing secrets encrypted at rest, and encrypts older ones under the current key at start (ADR 0082)', async () => {
    const stored = async (id: string) =>
      (
        await svc.owner.query<{ secret: string }>(`select secret from webhooks.subscriptions where id = $1`, [
          id,
        ])
      ).rows[0].secret;
    const clear = await subscribe('/at-rest-clear', ['activity.published']);
    const older = await subscribe('/at-rest-older', ['activity.published']);
    expect(await stored(clear.id)).toMatch(/^v1:test-2:/);
    expect(await stored(clear.id)).not.toContain(clear.secret.slice(6));
    // As stored before encryption, and under a key since rotated out of first place.
    await svc.owner.query(`update webhooks.subscriptions set secret = $2 where id = $1`, [
      clear.id,
      clear.secret,
    ]);
    const oldKey = new WebhookSecretCipher([{ id: 'test-1', key: TEST_KEYS.old }]);
    await svc.owner.query(`update webhooks.subscriptions set secret = $2 where id = $1`, [
      older.id,
      oldKey.encrypt(older.secret, older.id),
    ]);
    await svc.deliver(activityEvent(lero, 'public'));
    const [fromClear] = await receivedAt('/at-rest-clear', 1);
    expect(() => verified(clear.secret, fromClear)).not.toThrow();
    const [first] = await receivedAt('/at-rest-older', 1);
    expect(() => verified(older.secret, first)).not.toThrow();

    expect(await svc.app.get(SecretsAtRest).reencrypt()).toBe(2);
    expect(await stored(clear.id)).toMatch(/^v1:test-2:/);
    expect(await stored(older.id)).toMatch(/^v1:test-2:/);
    expect(await svc.app.get(SecretsAtRest).reencrypt()).toBe(0);
    await svc.deliver(activityEvent(lero, 'public'));
    const [, again] = await receivedAt('/at-rest-older', 2);
    expect(() => verified(older.secret, again)).not.toThrow();
  });

  it('carries on past a secret no configured key reads: the others are encrypted again, and a rotation mends it', async () => {
    const lost = await subscribe('/lost-key', ['session.cancelled']);
    const fine = await subscribe('/lost-key-neighbour', ['session.cancelled']);
    const gone = new WebhookSecretCipher([{ id: 'test-0', key: Buffer.alloc(32, 9) }]);
    await svc.owner.query(`update webhooks.subscriptions set secret = $2 where id = $1`, [
      lost.id,
      gone.encrypt(lost.secret, lost.id),
    ]);
    await svc.owner.query(`update webhooks.subscriptions set secret = $2 where id = $1`, [
      fine.id,
      fine.secret,
    ]);
    // The unreadable one is left as it is (a warning); the one in clear is encrypted; nothing throws.
    expect(await svc.app.get(SecretsAtRest).reencrypt()).toBe(1);
    const rotated = await svc.client.rotateSecret(admin, lero, lost.id);
    await svc.deliver(sessionCancelled(lero));
    const [request] = await receivedAt('/lost-key', 1);
    // Signed with the new secret only: the old one, unreadable, adds no signature.
    expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => verified(rotated.secret, request)).not.toThrow();
    const [neighbour] = await receivedAt('/lost-key-neighbour', 1);
    expect(() => verified(fine.secret, neighbour)).not.toThrow();
  });

  it.each([
    ['the loopback address', 'http://127.0.0.1:9/hook'],
    ['the cloud metadata address', 'https://169.254.169.254/latest/meta-data'],
    ['a name that resolves to a private address', 'https://hooks.internal.example/hook'],
    ['a plain http:// address', 'http://hooks.example.org/hook'],
  ])('refuses to subscribe %s', async (_what, url) => {
    const err = await svc.client
      .createSubscription(admin, lero, { url, eventTypes: ['session.cancelled'] })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION', details: { errors: [{ field: 'url' }] } });
  });

  it('refuses a delivery when the receiver’s name has come to point inside', async () => {
    const sub = await subscribe('/moved', ['session.cancelled']);
    await svc.owner.query(
      `update webhooks.subscriptions set url = 'https://hooks.internal.example/x' where id = $1`,
      [sub.id],
    );
    await svc.deliver(sessionCancelled(lero));
    await eventually(async () =>
      expect((await deliveryOf(sub.id))[0]).toMatchObject({
        lastStatusCode: null,
        lastError: expect.stringMatching(/^address: /),
      }),
    );
  });

  it('lets only the LERO’s tenant-admins in, and answers another LERO’s ids as missing', async () => {
    const sub = await subscribe('/private', ['session.cancelled']);
    expect(await codeOf(svc.client.listSubscriptions(ctxOf(actorOf('coordinator', lero)), lero))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(svc.client.listSubscriptions(ctxOf(actorOf('member', lero)), lero))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(svc.client.listSubscriptions(ctxOf(), lero))).toBe('UNAUTHENTICATED');
    const stranger = ctxOf(actorOf('tenant-admin', otherLero));
    expect(await codeOf(svc.client.listSubscriptions(stranger, lero))).toBe('NOT_FOUND');
    expect(await codeOf(svc.client.rotateSecret(stranger, otherLero, sub.id))).toBe('NOT_FOUND');
    expect(await codeOf(svc.client.deleteSubscription(stranger, otherLero, sub.id))).toBe('NOT_FOUND');
    const [delivery] = (await svc.client.listDeliveries(admin, lero, {})).items;
    expect(await codeOf(svc.client.replayDelivery(stranger, otherLero, delivery.id))).toBe('NOT_FOUND');
    expect((await svc.client.listDeliveries(stranger, otherLero, {})).items).toEqual([]);
    expect(await svc.client.deleteSubscription(admin, lero, sub.id)).toEqual({ deleted: true });
    expect(await codeOf(svc.client.deleteSubscription(admin, lero, sub.id))).toBe('NOT_FOUND');
  });

  it('refuses bad input as VALIDATION', async () => {
    for (const dto of [
      { url: receiver.url('/x'), eventTypes: [] },
      { url: receiver.url('/x'), eventTypes: ['member.erased'] },
      { url: 42, eventTypes: ['session.cancelled'] },
    ])
      expect(await codeOf(svc.client.createSubscription(admin, lero, dto as never))).toBe('VALIDATION');
    // A region's directory and reports are the region's: a LERO's subscription to them is refused, naming the field.
    for (const type of ['directory.listing.changed', 'report.released'] as const)
      await expect(
        svc.client.createSubscription(admin, lero, {
          url: receiver.url('/x'),
          eventTypes: ['session.cancelled', type],
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION', details: { errors: [{ field: 'eventTypes' }] } });
    expect(await codeOf(svc.client.listDeliveries(admin, lero, { cursor: 'nope' }))).toBe('VALIDATION');
  });

  describe('a region’s subscriptions', () => {
    const region = uuidv7();
    const regionAdmin = ctxOf(regionActorOf('region-admin', region));

    it('get the events of the region’s LEROs, apart from the LEROs’ own', async () => {
      const sub = await svc.client.createRegionSubscription(regionAdmin, region, {
        url: receiver.url('/region'),
        eventTypes: ['session.cancelled'],
      });
      const leroOfRegion = uuidv7();
      await svc.deliver(leroOnboarded(leroOfRegion, region));
      await svc.deliver(sessionCancelled(leroOfRegion));
      await svc.deliver(sessionCancelled(lero));
      const [request] = await receivedAt('/region', 1);
      expect(verified(sub.secret, request)).toMatchObject({ data: { tenantId: leroOfRegion } });
      // The receiver has it; the log says so once the dispatcher has read the answer.
      const log = await eventually(async () => {
        const page = await svc.client.listRegionDeliveries(regionAdmin, region, {});
        expect(page.items).toEqual([
          expect.objectContaining({ subscriptionId: sub.id, status: 'delivered' }),
        ]);
        return page;
      });
      expect((await svc.client.listSubscriptions(admin, lero)).map((s) => s.id)).not.toContain(sub.id);
      const rotated = await svc.client.rotateRegionSecret(regionAdmin, region, sub.id);
      expect(rotated.secret).not.toBe(sub.secret);
      expect((await svc.client.replayRegionDelivery(regionAdmin, region, log.items[0].id)).status).toBe(
        'pending',
      );
    });

    it('get a LERO’s events that came before its region was known, once it is, in any order (ADR 0082)', async () => {
      const sub = await svc.client.createRegionSubscription(regionAdmin, region, {
        url: receiver.url('/region-late'),
        eventTypes: ['activity.published'],
      });
      const newLero = uuidv7();
      const early = activityEvent(newLero, 'public');
      await svc.deliver(early);
      expect(
        (await svc.client.listRegionDeliveries(regionAdmin, region, { subscriptionId: sub.id })).items,
      ).toEqual([]);
      await svc.deliver(leroOnboarded(newLero, region));
      const [request] = await receivedAt('/region-late', 1);
      expect(verified(sub.secret, request)).toMatchObject({
        data: { tenantId: newLero, activityId: (early.data as { activityId: string }).activityId },
      });
      // Nothing is kept for it any more.
      const { rows } = await svc.owner.query(
        `select count(*)::int as n from webhooks.unplaced_messages where tenant_id = $1`,
        [newLero],
      );
      expect(rows).toEqual([{ n: 0 }]);
    });

    it('wait for a LERO’s region being learnt, so a message is neither kept after it nor missed (ADR 0082)', async () => {
      const sub = await svc.client.createRegionSubscription(regionAdmin, region, {
        url: receiver.url('/region-race'),
        eventTypes: ['activity.published'],
      });
      const raceLero = uuidv7();
      // Another transaction learning the LERO's region, holding the LERO's lock as `learnRegion` does.
      const learner = new Client({ connectionString: svc.db.ownerUrl });
      await learner.connect();
      try {
        await learner.query('begin');
        await learner.query(`select pg_advisory_xact_lock(hashtext('webhooks-lero:' || $1::text))`, [
          raceLero,
        ]);
        await learner.query(`insert into webhooks.leros (tenant_id, region_id) values ($1, $2)`, [
          raceLero,
          region,
        ]);
        const handled = svc.deliver(activityEvent(raceLero, 'public'));
        await eventually(async () => expect(await waitingOnLocks(learner)).toBeGreaterThanOrEqual(1));
        await learner.query('commit');
        expect(await handled).toBe('handled');
      } finally {
        await learner.end();
      }
      const [request] = await receivedAt('/region-race', 1);
      expect(verified(sub.secret, request)).toMatchObject({ data: { tenantId: raceLero } });
    });

    it('learn the region’s LEROs from the tenants service when its admin subscribes (ADR 0082)', async () => {
      const elsewhere = uuidv7();
      const olderLero = uuidv7();
      REGION_LEROS.set(elsewhere, [olderLero]);
      const theirAdmin = ctxOf(regionActorOf('region-admin', elsewhere));
      const sub = await svc.client.createRegionSubscription(theirAdmin, elsewhere, {
        url: receiver.url('/region-older'),
        eventTypes: ['session.cancelled'],
      });
      // No tenants event of the LERO ever reached the service: it is known from the tenants service's list.
      await svc.deliver(sessionCancelled(olderLero));
      const [request] = await receivedAt('/region-older', 1);
      expect(verified(sub.secret, request)).toMatchObject({ data: { tenantId: olderLero } });
    });

    it('get their directory’s listing changes and released periods, never another region’s (ADR 0082)', async () => {
      const sub = await svc.client.createRegionSubscription(regionAdmin, region, {
        url: receiver.url('/region-own'),
        eventTypes: ['directory.listing.changed', 'report.released'],
      });
      const created = listingChanged(region);
      await svc.deliver(listingChanged(uuidv7()));
      await svc.deliver(listingChanged(region, 'listingAssured')); // reviewed, not changed
      await svc.deliver(periodReleased(uuidv7()));
      await svc.deliver(periodReleased(region));
      await svc.deliver(listingChanged(region, 'listingRetired'));
      await svc.deliver(created);
      const got = await eventually(() => {
        const all = receiver.at('/region-own');
        expect(all).toHaveLength(3);
        return all.map((r) => verified(sub.secret, r) as { type: string; data: Record<string, unknown> });
      });
      const byType = (t: string) => got.filter((m) => m.type === t).map((m) => m.data);
      expect(byType('directory.listing.changed')).toEqual(
        expect.arrayContaining([
          { ...(created.data as object), change: 'created' },
          expect.objectContaining({ regionId: region, change: 'retired', status: 'retired' }),
        ]),
      );
      // Which period and when, never a figure.
      expect(byType('report.released')).toEqual([
        {
          regionId: region,
          period: 'month',
          label: '2026-10',
          from: '2026-10-01',
          until: '2026-11-01',
          releasedAt: '2026-11-08T00:00:00.000Z',
        },
      ]);
    });

    it('are the region admins’ only: its other staff refused, anyone else told it is missing', async () => {
      const sub = await svc.client.createRegionSubscription(regionAdmin, region, {
        url: receiver.url('/region-2'),
        eventTypes: ['activity.published'],
      });
      const list = (ctx: ReturnType<typeof ctxOf>) => codeOf(svc.client.listRegionSubscriptions(ctx, region));
      expect(await list(ctxOf(regionActorOf('commissioner', region)))).toBe('FORBIDDEN');
      expect(await list(ctxOf(regionActorOf('directory-curator', region)))).toBe('FORBIDDEN');
      expect(await list(ctxOf(regionActorOf('region-admin', uuidv7())))).toBe('NOT_FOUND');
      expect(await list(admin)).toBe('NOT_FOUND');
      const elsewhere = uuidv7();
      const otherAdmin = ctxOf(regionActorOf('region-admin', elsewhere));
      expect(await codeOf(svc.client.deleteRegionSubscription(otherAdmin, elsewhere, sub.id))).toBe(
        'NOT_FOUND',
      );
      expect(await codeOf(svc.client.deleteSubscription(admin, lero, sub.id))).toBe('NOT_FOUND');
      expect(await svc.client.deleteRegionSubscription(regionAdmin, region, sub.id)).toEqual({
        deleted: true,
      });
    });
  });
});
