import { Webhook } from 'standardwebhooks';
import {
  eventually,
  withClient,
  type ApiClient,
  type ApiResponse,
  type WebhookReceiver,
} from '@hearth/testing';
import {
  LERO_CAST,
  bodyOf as ok,
  inLero,
  problemFieldsOf as fieldsOf,
  statusesOf,
  type Matrix,
  type Who,
} from './lero-cast';
import { londonWallClock, type DistributedHearth } from './hearth.harness';

const MISSING = '0190a3c4-0000-7000-8000-000000000000';
const ADMIN_ONLY: Matrix = inLero({ 'tenant-admin': 200 });
/** A region's routes: its admins only, its commissioners refused, everyone else told it is missing. */
const REGION_ADMIN_ONLY = {
  ...(Object.fromEntries(LERO_CAST.map((who) => [who, 404])) as Matrix),
  'region admin': 200,
  commissioner: 403,
  anonymous: 401,
};

/** What a test file's Hearth gives these cases: the cast of `castInRegion`, and a receiver on `localhost`. */
export interface WebhooksCast {
  h: DistributedHearth;
  tokens: Record<Who, string | undefined>;
  region: { id: string };
  lero: { id: string; adminToken: string };
  other: { id: string; adminToken: string };
  receiver: WebhookReceiver;
}

interface Subscription {
  id: string;
  secret: string;
}
interface Delivery {
  id: string;
  status: string;
  eventType: string;
  attempts: number;
}

/** The webhooks routes through the gateway (ADR 0079): a cancelled session reaches a receiver, signed. */
export function webhookCases(cast: () => WebhooksCast) {
  const base = (tenantId = cast().lero.id) => `/api/v1/tenants/${tenantId}/webhooks`;
  const as = (who: Who): ApiClient => cast().h.api.as(cast().tokens[who]);
  const admin = () => cast().h.api.as(cast().lero.adminToken);
  const subscribe = async (path: string) =>
    ok(
      await admin().post<Subscription>(base(), {
        url: cast().receiver.url(path),
        eventTypes: ['session.cancelled'],
      }),
      201,
    );

  describe('webhooks', () => {
    it('sends a signed session.cancelled to the LERO’s and its region’s receivers when a coordinator cancels a session, and the region the session.scheduled', async () => {
      const sub = await subscribe('/e2e-cancelled');
      // As for a LERO from before the webhooks service ran: its region is not known to it until the region's admin
      // subscribes, when the service asks the tenants service for the region's LEROs (ADR 0082).
      await withClient(cast().h.db.ownerUrl, async (c) => {
        const known = () => c.query(`select 1 from webhooks.leros where tenant_id = $1`, [cast().lero.id]);
        await eventually(async () => expect((await known()).rows).toHaveLength(1));
        await c.query(`delete from webhooks.leros where tenant_id = $1`, [cast().lero.id]);
      });
      const regionSub = ok(
        await as('region admin').post<Subscription>(`/api/v1/regions/${cast().region.id}/webhooks`, {
          url: cast().receiver.url('/e2e-region'),
          eventTypes: ['session.cancelled', 'session.scheduled'],
        }),
        201,
      );
      const start = new Date(Date.now() + 3 * 86_400_000);
      const activity = ok(
        await as('coordinator').post<{ id: string }>(`/api/v1/tenants/${cast().lero.id}/activities`, {
          title: 'Thursday peer support',
          category: 'peer-support',
          visibility: 'public',
          schedule: { startsAt: londonWallClock(start), durationMinutes: 60 },
        }),
        201,
      );
      const sessions = ok(
        await as('coordinator').get<{ items: { id: string }[] }>(
          `/api/v1/tenants/${cast().lero.id}/sessions?activityId=${activity.id}`,
        ),
        200,
      );
      const sessionId = sessions.items[0].id;
      ok(
        await as('coordinator').post(`/api/v1/tenants/${cast().lero.id}/sessions/${sessionId}/cancel`, {
          reason: 'Alex is unwell',
        }),
        200,
      );
      const [request] = await eventually(
        () => {
          const got = cast().receiver.at('/e2e-cancelled');
          expect(got).toHaveLength(1);
          return got;
        },
        { timeoutMs: 20_000 },
      );
      const message = new Webhook(sub.secret).verify(request.body, {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      });
      expect(message).toMatchObject({
        type: 'session.cancelled',
        data: { sessionId, activityId: activity.id },
      });
      expect(request.body).not.toMatch(/Alex|unwell/);
      const toRegion = await eventually(() => {
        const got = cast().receiver.at('/e2e-region');
        expect(got).toHaveLength(2);
        return got.map((r) =>
          new Webhook(regionSub.secret).verify(r.body, {
            'webhook-id': String(r.headers['webhook-id']),
            'webhook-timestamp': String(r.headers['webhook-timestamp']),
            'webhook-signature': String(r.headers['webhook-signature']),
          }),
        );
      });
      expect(toRegion).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            type: 'session.cancelled',
            data: expect.objectContaining({ tenantId: cast().lero.id, sessionId }),
          }),
          // Laid out when the activity was made (ADR 0082): its one session, no more.
          expect.objectContaining({
            type: 'session.scheduled',
            data: expect.objectContaining({
              tenantId: cast().lero.id,
              activityId: activity.id,
              sessions: [expect.objectContaining({ sessionId })],
            }),
          }),
        ]),
      );
      const log = await eventually(async () => {
        const page = ok(await admin().get<{ items: Delivery[] }>(`${base()}/deliveries`), 200);
        expect(page.items[0]).toMatchObject({ status: 'delivered', eventType: 'session.cancelled' });
        return page.items[0];
      });
      expect(request.headers['webhook-id']).toBe(log.id);
      ok(await admin().post(`${base()}/deliveries/${log.id}/replay`, {}), 201);
      // Sent again and logged, so that no attempt is in flight when the matrix below replays it (that is a 409).
      await eventually(async () => {
        const page = ok(await admin().get<{ items: Delivery[] }>(`${base()}/deliveries`), 200);
        expect(page.items.find((d) => d.id === log.id)).toMatchObject({ status: 'delivered', attempts: 2 });
      });
    });

    it('answers every route to the LERO’s tenant-admins only', async () => {
      const sub = await subscribe('/e2e-matrix');
      const [delivery] = ok(await admin().get<{ items: Delivery[] }>(`${base()}/deliveries`), 200).items;
      const routes: [string, (api: ApiClient, who: Who) => Promise<ApiResponse>, Matrix][] = [
        ['GET /webhooks', (api) => api.get(base()), ADMIN_ONLY],
        ['GET /webhooks/deliveries', (api) => api.get(`${base()}/deliveries`), ADMIN_ONLY],
        [
          'POST /webhooks',
          (api) =>
            api.post(base(), { url: cast().receiver.url('/e2e-x'), eventTypes: ['session.cancelled'] }),
          { ...ADMIN_ONLY, 'tenant-admin': 201 },
        ],
        [
          'POST /webhooks/{id}/rotate-secret',
          (api) => api.post(`${base()}/${sub.id}/rotate-secret`, {}),
          { ...ADMIN_ONLY, 'tenant-admin': 201 },
        ],
        [
          'POST /webhooks/deliveries/{id}/replay',
          (api) => api.post(`${base()}/deliveries/${delivery.id}/replay`, {}),
          { ...ADMIN_ONLY, 'tenant-admin': 201 },
        ],
        [
          'DELETE /webhooks/{id}',
          async (api, who) => {
            const target = who === 'tenant-admin' ? (await subscribe('/e2e-gone')).id : sub.id;
            return api.request('DELETE', `${base()}/${target}`);
          },
          { ...ADMIN_ONLY, 'tenant-admin': 204 },
        ],
      ];
      for (const [route, call, expected] of routes)
        expect({ route, ...(await statusesOf(as, call)) }).toEqual({ route, ...expected });
    });

    it('answers every route of a region’s webhooks to its region admins only', async () => {
      const regionBase = `/api/v1/regions/${cast().region.id}/webhooks`;
      const regionAdmin = as('region admin');
      const make = async () =>
        ok(
          await regionAdmin.post<Subscription>(regionBase, {
            url: cast().receiver.url('/e2e-region-matrix'),
            eventTypes: ['activity.published'],
          }),
          201,
        ).id;
      const sub = await make();
      const routes: [string, (api: ApiClient, who: Who) => Promise<ApiResponse>, Matrix][] = [
        ['GET /regions/{id}/webhooks', (api) => api.get(regionBase), REGION_ADMIN_ONLY],
        [
          'GET /regions/{id}/webhooks/deliveries',
          (api) => api.get(`${regionBase}/deliveries`),
          REGION_ADMIN_ONLY,
        ],
        [
          'POST /regions/{id}/webhooks',
          (api) =>
            api.post(regionBase, { url: cast().receiver.url('/e2e-y'), eventTypes: ['session.cancelled'] }),
          { ...REGION_ADMIN_ONLY, 'region admin': 201 },
        ],
        [
          'POST /regions/{id}/webhooks/{id}/rotate-secret',
          (api) => api.post(`${regionBase}/${sub}/rotate-secret`, {}),
          { ...REGION_ADMIN_ONLY, 'region admin': 201 },
        ],
        [
          'POST /regions/{id}/webhooks/deliveries/{id}/replay',
          (api) => api.post(`${regionBase}/deliveries/${MISSING}/replay`, {}),
          { ...REGION_ADMIN_ONLY, 'region admin': 404 },
        ],
        [
          'DELETE /regions/{id}/webhooks/{id}',
          async (api, who) =>
            api.request('DELETE', `${regionBase}/${who === 'region admin' ? await make() : sub}`),
          { ...REGION_ADMIN_ONLY, 'region admin': 204 },
        ],
      ];
      for (const [route, call, expected] of routes)
        expect({ route, ...(await statusesOf(as, call)) }).toEqual({ route, ...expected });
    });

    it('answers another LERO’s ids as missing, and bad input as 400 naming the field', async () => {
      const sub = await subscribe('/e2e-theirs');
      const theirs = cast().h.api.as(cast().other.adminToken);
      const otherBase = base(cast().other.id);
      expect((await theirs.request('DELETE', `${otherBase}/${sub.id}`)).status).toBe(404);
      expect((await theirs.post(`${otherBase}/${sub.id}/rotate-secret`, {})).status).toBe(404);
      expect((await admin().post(`${base()}/deliveries/${MISSING}/replay`, {})).status).toBe(404);
      expect((await admin().request('DELETE', `${base()}/${MISSING}`)).status).toBe(404);
      for (const url of ['http://127.0.0.1:9/x', 'https://169.254.169.254/latest', 'ftp://example.org/'])
        expect(fieldsOf(await admin().post(base(), { url, eventTypes: ['session.cancelled'] }))).toEqual([
          'url',
        ]);
      expect(
        fieldsOf(await admin().post(base(), { url: 'https://x.example/', eventTypes: ['rsvp.created'] })),
      ).toEqual(['eventTypes']);
      // A region's directory and reports are the region's own types (ADR 0082).
      for (const type of ['directory.listing.changed', 'report.released'])
        expect(
          fieldsOf(await admin().post(base(), { url: 'https://x.example/', eventTypes: [type] })),
        ).toEqual(['eventTypes']);
      expect(fieldsOf(await admin().get(`${base()}/deliveries?status=lost`))).toEqual(['status']);
      expect(fieldsOf(await admin().request('DELETE', `${base()}/nope`))).toEqual(['subscriptionId']);
    });
  });
}
