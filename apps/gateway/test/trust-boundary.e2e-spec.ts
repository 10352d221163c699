import type { NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { uuidv7 } from 'uuidv7';
import {
  EVENTS_STREAM,
  MembershipEvents,
  NATS_SERVICES,
  NATS_USERS,
  type Actor,
  type NatsUser,
} from '@hearth/contracts';
import { craftToken, eventually } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
const now = () => Math.floor(Date.now() / 1000);

/**
 * NATS is a trust boundary: what a process on the network can do straight onto NATS, bypassing the gateway —
 * as an outsider with no credentials, and as the neighbour of each service (a process holding a Hearth app's
 * NATS credentials) with forged identities.
 */
describe('the trust boundary on NATS', () => {
  let h: DistributedHearth;
  const open: NatsConnection[] = [];
  let lero: { id: string; adminToken: string; adminEmail: string };
  let otherLero: { id: string; adminToken: string };
  let admin: Actor;

  /** A connection as a Hearth app's user, recording every error the server reports to it. */
  async function as(user: NatsUser): Promise<{ nc: NatsConnection; errors: string[] }> {
    const nc = await h.nats.connect(user);
    open.push(nc);
    const errors: string[] = [];
    void (async () => {
      for await (const s of nc.status()) if (s.type === 'error') errors.push(String(s.error));
    })();
    return { nc, errors };
  }

  /** A request in Nest's NATS framing with an envelope written by hand: whatever a neighbour could send. */
  async function ask(nc: NatsConnection, subject: string, ctx: Json, data: Json) {
    const reply = await nc.request(
      subject,
      JSON.stringify({ pattern: subject, id: uuidv7(), data: { ctx, data } }),
      {
        timeout: 5000,
      },
    );
    return reply.json<{ err?: { code: string; details?: { reason?: string } }; response?: unknown }>();
  }

  const claimsOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Json;

  beforeAll(async () => {
    h = await startDistributedHearth();
    const platform = await h.given.platformAdmin();
    const region = await h.given.region(platform);
    lero = await h.given.lero(region.id, platform);
    otherLero = await h.given.lero(region.id, platform);
    const claims = claimsOf(lero.adminToken);
    admin = {
      accountId: claims.sub as string,
      email: claims.email as string,
      grants: claims.grants as Actor['grants'],
    };
  });

  afterAll(async () => {
    for (const nc of open) await nc.close().catch(() => undefined);
    await h?.close();
  });

  it('refuses a connection without credentials, and one with another app’s password', async () => {
    await expect(h.nats.connect()).rejects.toThrow(/Authorization/i);
    const { connect } = await import('@nats-io/transport-node');
    await expect(
      connect({ servers: h.nats.url, user: 'membership', pass: h.nats.credentials('gateway').password }),
    ).rejects.toThrow(/Authorization/i);
  });

  describe('a neighbour with forged identities, the gateway bypassed', () => {
    const header = { alg: 'ES256', typ: 'at+jwt' };
    const claims = () => ({
      iss: 'hearth',
      aud: 'hearth-api',
      sub: admin.accountId,
      email: admin.email,
      grants: admin.grants,
      iat: now(),
      exp: now() + 60,
    });
    const forgeries: [string, () => Json][] = [
      ['no token, an actor claiming tenant-admin', () => ({ actor: admin })],
      [
        'a token signed with another key',
        () => ({ token: craftToken(header, claims(), h.trust.gatewayKeys.privateKey) }),
      ],
      [
        'an expired token',
        () => ({
          token: craftToken(
            header,
            { ...claims(), iat: now() - 600, exp: now() - 300 },
            h.trust.accessKeys.privateKey,
          ),
        }),
      ],
      ['alg: none', () => ({ token: craftToken({ alg: 'none', typ: 'at+jwt' }, claims(), null) })],
      [
        'a token without exp',
        () => ({ token: craftToken(header, { ...claims(), exp: undefined }, h.trust.accessKeys.privateKey) }),
      ],
      [
        'an unknown crit header',
        () => ({
          token: craftToken(
            { ...header, crit: ['x-hearth'], 'x-hearth': true },
            claims(),
            h.trust.accessKeys.privateKey,
          ),
        }),
      ],
      [
        'the gateway’s anonymous token with an actor beside it',
        () => ({ token: h.trust.token(), actor: admin }),
      ],
    ];
    // One request needing a LERO grant per service, and the user allowed to send it.
    const targets: [NatsUser, string, () => Json][] = [
      ['gateway', 'tenants.tenant.get', () => ({ tenantId: lero.id })],
      ['gateway', 'membership.member.list', () => ({ tenantId: lero.id })],
      ['gateway', 'events.session.list', () => ({ tenantId: lero.id })],
      [
        'gateway',
        'reporting.impact.lero',
        () => ({ tenantId: lero.id, period: 'month', from: '2026-01', to: '2026-03' }),
      ],
      ['events', 'membership.member.names', () => ({ tenantId: lero.id, memberIds: [uuidv7()] })],
    ];

    it.each(forgeries)('refuses %s at every service with UNAUTHENTICATED', async (_what, forge) => {
      for (const [user, subject, data] of targets) {
        const { nc } = await as(user);
        const reply = await ask(nc, subject, { requestId: uuidv7(), ...forge() }, data());
        expect({ subject, code: reply.err?.code }).toEqual({ subject, code: 'UNAUTHENTICATED' });
      }
    });

    it('refuses a valid token without the LERO’s grant at every service', async () => {
      for (const [user, subject, data] of targets) {
        const { nc } = await as(user);
        const reply = await ask(nc, subject, { requestId: uuidv7(), token: otherLero.adminToken }, data());
        expect({ subject, code: reply.err?.code }).toEqual({ subject, code: 'NOT_FOUND' });
      }
    });

    it('is answered for the real admin’s own token, so the refusals above are about identity', async () => {
      const { nc } = await as('gateway');
      const reply = await ask(
        nc,
        'membership.member.list',
        { requestId: uuidv7(), token: lero.adminToken },
        { tenantId: lero.id },
      );
      expect(reply.err).toBeUndefined();
      expect(reply.response).toMatchObject({ items: expect.any(Array) });
    });
  });

  describe('what the server itself refuses', () => {
    it.each(NATS_USERS.filter((u) => u !== 'standalone'))(
      'refuses %s a subscription to sign-in requests, to every reply inbox, and to another service’s queue group',
      async (user) => {
        const { nc } = await as(user);
        const other = NATS_SERVICES.find((s) => s !== user)!;
        const attempts = [
          nc.subscribe('tenants.auth.login'),
          nc.subscribe('tenants.auth.login', { queue: user === 'tenants' ? 'intruders' : 'tenants' }),
          nc.subscribe('_INBOX.>'),
          nc.subscribe(`_INBOX_${other}.>`),
          nc.subscribe(`${other}.>`, { queue: other }),
        ];
        // The server answers each with a permissions violation, which ends the subscription.
        const endings = await Promise.all(attempts.map((sub) => sub.closed));
        expect(endings.map((e) => (e instanceof Error ? e.message : String(e)))).toEqual(
          attempts.map(() => expect.stringMatching(/permissions violation/i)),
        );
      },
    );

    it('refuses membership’s events from every account but membership’s, and nothing lands on the stream', async () => {
      const admin = await as('migrate');
      const jsm = await jetstreamManager(admin.nc);
      const before = (await jsm.streams.info(EVENTS_STREAM)).state.last_seq;
      const forged = {
        id: uuidv7(),
        subject: MembershipEvents.memberErased,
        occurredAt: new Date().toISOString(),
        tenantId: lero.id,
        data: { tenantId: lero.id, memberId: uuidv7() },
      };
      for (const user of NATS_USERS.filter((u) => u !== 'membership' && u !== 'standalone')) {
        const { nc, errors } = await as(user);
        await expect(
          jetstream(nc).publish(MembershipEvents.memberErased, JSON.stringify(forged), { timeout: 2000 }),
        ).rejects.toThrow(/permissions violation/i);
        nc.publish('evt.membership.member.erased', JSON.stringify(forged));
        await nc.flush();
        await eventually(() => expect(errors.some((e) => /permissions violation/i.test(e))).toBe(true));
      }
      expect((await jsm.streams.info(EVENTS_STREAM)).state.last_seq).toBe(before);
    });

    it('lets no service purge the stream, make a consumer of its own, or read through another’s', async () => {
      for (const service of NATS_SERVICES) {
        const { nc } = await as(service);
        const jsm = await jetstreamManager(nc, { checkAPI: false });
        await expect(jsm.streams.purge(EVENTS_STREAM)).rejects.toThrow(/permissions violation/i);
        await expect(
          jsm.consumers.add(EVENTS_STREAM, {
            durable_name: `${service}-sneaky`,
            filter_subject: 'evt.>',
            ack_policy: AckPolicy.Explicit,
          }),
        ).rejects.toThrow(/permissions violation/i);
        if (service !== 'reporting') {
          await expect(jetstream(nc).consumers.get(EVENTS_STREAM, 'reporting-membership')).rejects.toThrow(
            /permissions violation/i,
          );
        }
      }
    });
  });

  it('refuses a suspended LERO’s own admin at the service, the gateway bypassed, once their token says so', async () => {
    const platform = await h.given.platformAdmin();
    expect((await h.api.as(platform).post(`/api/v1/tenants/${lero.id}/suspend`)).status).toBe(200);
    const fresh = await h.given.login(lero.adminEmail, 'correct horse battery staple');
    const { nc } = await as('gateway');
    const reply = await ask(
      nc,
      'membership.member.list',
      { requestId: uuidv7(), token: fresh },
      { tenantId: lero.id },
    );
    expect(reply.err).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'TenantClosed' } });
    expect((await h.api.as(platform).post(`/api/v1/tenants/${lero.id}/activate`)).status).toBe(200);
  });
});
