import { createRequire } from 'node:module';
import { eventually, type ApiClient } from '@hearth/testing';
import type { DistributedHearth } from './hearth.harness';
import { LERO_CAST, statusesOf, type Matrix, type Who } from './lero-cast';

type Json = Record<string, unknown>;
interface RpdeItem {
  state: 'updated' | 'deleted';
  kind: string;
  id: string;
  modified: number;
  data?: Json;
}
interface RpdePage {
  next: string;
  items: RpdeItem[];
  license: string;
}
interface ValidationError {
  severity: string;
  message: string;
  path?: string;
}

// The OpenActive validators are JavaScript without types; both run offline here: the RPDE validator fetches only
// the feed's own pages (on 127.0.0.1), and the data model validator loads nothing remote unless told to.
const load = createRequire(__filename);
const { RpdeValidator } = load('@openactive/rpde-validator') as {
  RpdeValidator: (
    url: string,
    options: { pageLimit?: number; timeoutMs?: number },
  ) => Promise<{ pages: { url: string; errors: ValidationError[] }[] }>;
};
const { validate } = load('@openactive/data-model-validator') as {
  validate: (data: Json, options: { loadRemoteJson: boolean }) => Promise<ValidationError[]>;
};
/** Whether an activity is in the OpenActive list can only be checked against the list online. */
const NEEDS_THE_ACTIVITY_LIST = /activity list/i;

/** What the region's admins and another LERO need: the suite's Hearth and people. */
export interface OpenActiveSetting {
  h: DistributedHearth;
  region: { id: string; slug: string };
  platformAdmin: string;
  regionAdmin: string;
  otherLeroAdmin: string;
}

const WHO = LERO_CAST;

const tomorrow = () => `${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}T10:00`;
const activity = (title: string, extra: Json = {}): Json => ({
  title,
  category: 'walking',
  visibility: 'public',
  description: `${title}, then tea.`,
  location: {
    name: 'Park gates',
    address: 'Woodhouse Lane, Leeds',
    postcode: 'LS2 9JT',
    latitude: 53.8,
    longitude: -1.55,
  },
  schedule: { startsAt: tomorrow(), durationMinutes: 90, rrule: 'FREQ=DAILY' },
  ...extra,
});

/**
 * A region's OpenActive feed (ADR 0078), run inside another suite's Hearth: the LERO's choice (every role),
 * paging through all of its public sessions with `afterTimestamp`/`afterId`, a cancelled session deleted, what is
 * not public or not opted in absent, another region's LERO absent, bad paging refused, and the RPDE validator and
 * the OpenActive data models passing what it publishes.
 */
export function openActiveCases(setting: () => OpenActiveSetting) {
  describe('the region’s OpenActive feed', () => {
    let s: OpenActiveSetting;
    let lero: { id: string; adminToken: string };
    const tokens = {} as Record<Who, string | undefined>;
    const as = (who: Who): ApiClient => s.h.api.as(tokens[who]);
    const anyone = () => s.h.api.as(undefined);
    const feedPath = (slug: string, feed: string) => `/api/v1/public/regions/${slug}/openactive/${feed}`;
    const pathOf = (url: string) => {
      const u = new URL(url);
      return `${u.pathname}${u.search}`;
    };

    /** Every page from the start (or from `from`) until one comes back empty: the items and the last `next`. */
    async function harvest(slug: string, feed: string, from?: string) {
      const items: RpdeItem[] = [];
      let url = from ?? feedPath(slug, feed);
      for (let pages = 0; pages < 20; pages++) {
        const res = await anyone().get<RpdePage>(url);
        expect(res.status).toBe(200);
        expect(res.body.license).toBe('https://creativecommons.org/licenses/by/4.0/');
        items.push(...res.body.items);
        if (res.body.items.length === 0) {
          expect(pathOf(res.body.next)).toBe(url); // the last page points at itself
          return { items, next: url, pages };
        }
        url = pathOf(res.body.next);
      }
      throw new Error('the feed did not end in 20 pages');
    }
    const named = (items: RpdeItem[]) =>
      new Set(items.filter((i) => i.state === 'updated').map((i) => i.data!.name as string));

    beforeAll(async () => {
      s = setting();
      const created = await s.h.given.lero(s.region.id, s.regionAdmin);
      lero = created;
      tokens['tenant-admin'] = created.adminToken;
      for (const role of ['coordinator', 'volunteer', 'member'] as const)
        tokens[role] = (await s.h.given.tenantUser(lero.id, role, lero.adminToken)).token;
      tokens['region admin'] = s.regionAdmin;
      const invite = await s.h.api
        .as(s.regionAdmin)
        .post<{ token: string }>(`/api/v1/regions/${s.region.id}/invitations`, {
          email: 'openactive-commissioner@example.org',
          role: 'commissioner',
        });
      tokens.commissioner = await s.h.given.acceptInvitation(
        invite.body.token,
        'openactive-commissioner@example.org',
      );
      tokens['platform admin'] = s.platformAdmin;
      tokens['another LERO’s admin'] = s.otherLeroAdmin;
    }, 60_000);

    it('lets only the LERO’s own admins choose OpenActive, validated, off by default', async () => {
      const path = `/api/v1/tenants/${lero.id}`;
      expect((await as('tenant-admin').get<Json>(path)).body).toMatchObject({ publishToOpenActive: false });
      const expected: Matrix = {
        'platform admin': 403,
        'region admin': 403,
        commissioner: 404,
        'tenant-admin': 200,
        coordinator: 403,
        volunteer: 403,
        member: 403,
        'another LERO’s admin': 404,
        anonymous: 401,
      };
      expect(await statusesOf(as, (api) => api.patch(path, { publishToOpenActive: false }))).toEqual(
        expected,
      );
      for (const staff of ['region admin', 'platform admin'] as const)
        expect((await as(staff).patch<Json>(path, { publishToOpenActive: true })).body).toMatchObject({
          reason: 'LeroAdminsOnly',
        });
      for (const bad of ['yes', null, 1]) {
        const res = await as('tenant-admin').patch<{ errors: { field: string }[] }>(path, {
          publishToOpenActive: bad,
        });
        expect([res.status, res.body.errors?.map((e) => e.field)]).toEqual([400, ['publishToOpenActive']]);
      }
      expect((await as('tenant-admin').get<Json>(path)).body).toMatchObject({ publishToOpenActive: false });
    });

    it('pages through every public session of the LEROs that opted in, and marks a cancelled one deleted', async () => {
      const acts = `/api/v1/tenants/${lero.id}/activities`;
      for (const body of [
        activity('Heron walk'),
        activity('Heron circuits', { category: 'sport-fitness' }),
        activity('Heron quiet walk', {
          locationOnRequest: true,
          schedule: { startsAt: tomorrow(), durationMinutes: 60, rrule: 'FREQ=WEEKLY' },
        }),
        activity('Heron meeting', { category: 'mutual-aid' }),
        activity('Heron members walk', { visibility: 'members' }),
        activity('Heron unlisted walk', { publishToDirectory: false }),
      ])
        expect((await as('coordinator').post(acts, body)).status).toBe(201);
      // A LERO of the region that did not opt in, and one of another region that did.
      const quiet = await s.h.given.lero(s.region.id, s.regionAdmin);
      expect(
        (
          await s.h.api
            .as(quiet.adminToken)
            .post(`/api/v1/tenants/${quiet.id}/activities`, activity('Sedge walk'))
        ).status,
      ).toBe(201);
      const otherRegion = await s.h.given.region(s.platformAdmin);
      const far = await s.h.given.lero(otherRegion.id, s.platformAdmin);
      const farAdmin = s.h.api.as(far.adminToken);
      expect(
        (await farAdmin.post(`/api/v1/tenants/${far.id}/activities`, activity('Tansy walk'))).status,
      ).toBe(201);
      expect((await farAdmin.patch(`/api/v1/tenants/${far.id}`, { publishToOpenActive: true })).status).toBe(
        200,
      );
      const on = await as('tenant-admin').patch<Json>(`/api/v1/tenants/${lero.id}`, {
        publishToOpenActive: true,
        contactEmail: 'hello@heron.example.org',
      });
      expect(on.body).toMatchObject({ publishToOpenActive: true });

      const want = new Set(['Heron walk', 'Heron circuits', 'Heron quiet walk']);
      const series = await eventually(
        async () => {
          const { items } = await harvest(s.region.slug, 'session-series');
          expect(named(items)).toEqual(want);
          return items;
        },
        { timeoutMs: 30_000 },
      );
      expect(named((await harvest(otherRegion.slug, 'session-series')).items)).toEqual(
        new Set(['Tansy walk']),
      );
      const walk = series.find((i) => i.data?.name === 'Heron walk')!.data!;
      expect(walk).toMatchObject({
        '@type': 'SessionSeries',
        organizer: { '@type': 'Organization', email: 'hello@heron.example.org' },
        location: { '@type': 'Place', address: { postalCode: 'LS2 9JT' }, geo: { latitude: 53.8 } },
        activity: [{ prefLabel: 'Walking' }],
      });
      const onRequest = series.find((i) => i.data?.name === 'Heron quiet walk')!.data!;
      expect(JSON.stringify(onRequest)).not.toMatch(/Woodhouse|9JT|53\.8/);
      expect(onRequest.location).toMatchObject({ address: 'LS2' });

      const seriesIds = new Set(series.map((i) => i.data!['@id']));
      const sessions = await eventually(
        async () => {
          const got = await harvest(s.region.slug, 'scheduled-sessions');
          expect(got.pages).toBeGreaterThan(1); // two daily activities: more than one page of 500
          return got;
        },
        { timeoutMs: 30_000 },
      );
      const ids = sessions.items.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      const order = sessions.items.map((i) => [i.modified, i.id] as const);
      expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])));
      expect(sessions.items.every((i) => i.state === 'updated' && seriesIds.has(i.data!.superEvent))).toBe(
        true,
      );
      // As many as the activities have (the LERO's own programme, a year ahead), no more.
      const own = await as('coordinator').get<{ items: { id: string; title: string; status: string }[] }>(
        `/api/v1/tenants/${lero.id}/sessions?from=${new Date().toISOString().slice(0, 10)}&limit=500&to=${new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10)}`,
      );
      const listed = own.body.items.filter((i) => want.has(i.title)).map((i) => i.id);
      expect(listed.length).toBeGreaterThan(20);
      expect(listed.filter((id) => !ids.includes(id))).toEqual([]);

      const cancelled = listed[0];
      expect(
        (
          await as('coordinator').post(`/api/v1/tenants/${lero.id}/sessions/${cancelled}/cancel`, {
            reason: 'Rain',
          })
        ).status,
      ).toBe(200);
      const changes = await eventually(async () => {
        const got = await harvest(s.region.slug, 'scheduled-sessions', sessions.next);
        expect(got.items.map((i) => i.id)).toContain(cancelled);
        return got.items;
      });
      expect(changes.find((i) => i.id === cancelled)).toEqual({
        state: 'deleted',
        kind: 'ScheduledSession',
        id: cancelled,
        modified: expect.any(Number) as number,
      });
    }, 120_000);

    it('refuses bad paging naming the parameter, and an unknown region', async () => {
      const path = feedPath(s.region.slug, 'scheduled-sessions');
      for (const [query, field] of [
        ['afterTimestamp=abc&afterId=0192a3b4-0000-7000-8000-000000000000', 'afterTimestamp'],
        ['afterTimestamp=12', 'afterId'],
        ['afterId=0192a3b4-0000-7000-8000-000000000000', 'afterTimestamp'],
        ['afterTimestamp=12&afterId=x', 'afterId'],
      ]) {
        const res = await anyone().get<{ errors: { field: string }[] }>(`${path}?${query}`);
        expect([res.status, res.headers.get('content-type'), res.body.errors?.map((e) => e.field)]).toEqual([
          400,
          expect.stringContaining('application/problem+json'),
          [field],
        ]);
      }
      expect((await anyone().get(feedPath('no-such-region', 'session-series'))).status).toBe(404);
      // Public: whoever asks, signed in or not, gets the same feed.
      for (const feed of ['session-series', 'scheduled-sessions'])
        for (const who of WHO)
          expect([who, (await as(who).get(feedPath(s.region.slug, feed))).status]).toEqual([who, 200]);
    });

    it('passes the RPDE validator, and each item passes the OpenActive data models', async () => {
      const origin = await s.h.gateway.getUrl();
      for (const feed of ['session-series', 'scheduled-sessions']) {
        const log = await RpdeValidator(
          `${origin.replace('[::1]', '127.0.0.1')}${feedPath(s.region.slug, feed)}`,
          {
            pageLimit: 10,
            timeoutMs: 20_000,
          },
        );
        const failures = log.pages.flatMap((p) =>
          p.errors.filter((e) => e.severity === 'failure').map((e) => `${p.url}: ${e.message}`),
        );
        expect(failures).toEqual([]);
      }
      const { items: series } = await harvest(s.region.slug, 'session-series');
      const { items: sessions } = await harvest(s.region.slug, 'scheduled-sessions');
      const some = [...series, ...sessions.filter((i) => i.state === 'updated').slice(0, 20)];
      for (const item of some.filter((i) => i.state === 'updated')) {
        const errors = await validate(item.data!, { loadRemoteJson: false });
        const failures = errors.filter(
          (e) => e.severity === 'failure' && !NEEDS_THE_ACTIVITY_LIST.test(e.message),
        );
        expect([
          item.data!.name ?? item.id,
          failures.map((e) => `${e.path}: ${e.message.split('\n')[0]}`),
        ]).toEqual([item.data!.name ?? item.id, []]);
      }
    }, 60_000);

    it('takes everything away when the LERO opts out', async () => {
      const before = await harvest(s.region.slug, 'session-series');
      expect(
        (await as('tenant-admin').patch(`/api/v1/tenants/${lero.id}`, { publishToOpenActive: false })).status,
      ).toBe(200);
      await eventually(async () => {
        const { items } = await harvest(s.region.slug, 'session-series', before.next);
        expect(new Set(items.map((i) => i.state))).toEqual(new Set(['deleted']));
        expect(items).toHaveLength(3);
      });
      expect(named((await harvest(s.region.slug, 'session-series')).items)).toEqual(new Set());
    });
  });
}
