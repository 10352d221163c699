import { ApiClient, withClient, type ApiResponse } from '@hearth/testing';
import { createGatewayApp } from '../src/gateway.app';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
type Page = Json & { contents: Json[] };

const schedule = (byday: string, opensAt?: string, closesAt?: string, freq = 'WEEKLY') => ({
  freq,
  byday,
  ...(opensAt ? { opensAt, closesAt } : {}),
});

/** A listing with an organisation of its own, found by one word (`quokka`) unless `extra` says otherwise. */
const listing = (name: string, extra: Json = {}): Json => ({
  name,
  description: `${name}: a quokka of a service.`,
  organization: { name: `${name} Trust`, description: 'A local charity.' },
  location: { name: 'Civic Hall', address1: '1 Calverley St', city: 'Leeds', postcode: 'LS1 4AP' },
  ...extra,
});

/**
 * The public feed's filters by eligibility, opening times and change (ADR 0037), the parameters each list takes,
 * and its HTTP rules: CORS on every answer (errors too), preflights, and a rate limit per client address.
 */
describe('the directory’s public feed: filters, CORS and its rate limit (gateway → NATS → directory)', () => {
  let h: DistributedHearth;
  let region: { id: string; slug: string };
  let admin: ApiClient;
  const anyone = () => h.api.as(undefined);
  const base = () => `/api/v1/regions/${region.id}/directory/services`;
  const feed = (path = '') => `/api/v1/public/regions/${region.slug}/oruk${path}`;
  const ids: Record<string, string> = {};

  /** The names a list answers, for `query` among the quokkas. */
  async function names(list: string, query: string): Promise<string[]> {
    // Organisations are found by their own names: the region's are all this file's.
    const only = list === 'organizations' || query.startsWith('search=') ? '' : 'search=quokka&';
    const res = await anyone().get<Page>(feed(`/${list}?${only}per_page=100&${query}`));
    expect([res.status, res.body.detail]).toEqual([200, undefined]);
    const named = res.body.contents.map((x) => String(x.name ?? (x.service as Json | undefined)?.name));
    return named.sort();
  }

  /** How long the directory remembers a slug's region here (ADR 0046; 30 s unless configured). */
  const REGION_CACHE_TTL_MS = 4000;

  beforeAll(async () => {
    h = await startDistributedHearth({ directory: { regionCacheTtlMs: REGION_CACHE_TTL_MS } });
    const platform = await h.given.platformAdmin();
    region = await h.given.region(platform);
    const invite = await h.api.as(platform).post<Json>(`/api/v1/regions/${region.id}/invitations`, {
      email: 'feed-admin@example.org',
      role: 'region-admin',
    });
    admin = h.api.as(await h.given.acceptInvitation(invite.body.token as string, 'feed-admin@example.org'));
    const made: [string, Json][] = [
      ['Adult', { minimumAge: 18, maximumAge: 25, schedules: [schedule('MO', '10:00', '12:00')] }],
      ['Teen', { minimumAge: 16, schedules: [schedule('SU', '18:00', '21:00')] }],
      [
        'Monthly',
        { schedules: [schedule('2MO', '09:00', '17:00', 'MONTHLY'), schedule('TU', '13:00', '14:00')] },
      ],
      ['Night', { schedules: [schedule('SA', '22:00', '02:00')] }],
      ['Whenever', { schedules: [schedule('WE')] }],
    ];
    for (const [name, extra] of made) {
      const res = await admin.post<Json>(base(), listing(name, extra));
      expect(res.status).toBe(201);
      ids[name] = res.body.id as string;
    }
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('keeps services whose band of ages lies within the one asked', async () => {
    const all = ['Adult', 'Monthly', 'Night', 'Teen', 'Whenever'];
    expect(await names('services', 'minimum_age=0')).toEqual(all);
    expect(await names('services', 'minimum_age=16')).toEqual(['Adult', 'Teen']);
    expect(await names('services', 'minimum_age=18')).toEqual(['Adult']);
    expect(await names('services', 'maximum_age=30')).toEqual(['Adult']);
    expect(await names('services', 'minimum_age=18&maximum_age=25')).toEqual(['Adult']);
    expect(await names('services', 'minimum_age=19&maximum_age=25')).toEqual([]);
    expect(await names('organizations', 'minimum_age=16')).toEqual(['Adult Trust', 'Teen Trust']);
  });

  it('keeps services with a schedule open on the day, overlapping the window', async () => {
    expect(await names('services', 'day=MO')).toEqual(['Adult', 'Monthly']);
    expect(await names('services', 'day=sa,su')).toEqual(['Night', 'Teen']);
    expect(await names('services', 'day=WE')).toEqual(['Whenever']);
    // Adult closes at 12:00: open before, not in, the window 12:00–13:00; Monthly's Tuesday is another day.
    expect(await names('services', 'day=MO&start_time=12:00&end_time=13:00')).toEqual(['Monthly']);
    expect(await names('services', 'day=TU&start_time=12:00&end_time=13:30')).toEqual(['Monthly']);
    expect(await names('services', 'day=MO&start_time=11:30&end_time=12:00')).toEqual(['Adult', 'Monthly']);
    // Night opens at 22:00 and closes after midnight: open until the end of its day.
    expect(await names('services', 'start_time=23:00')).toEqual(['Night']);
    expect(await names('services', 'end_time=09:30')).toEqual(['Monthly']);
    expect(await names('services', 'start_time=20:00&end_time=24:00')).toEqual(['Night', 'Teen']);
    // A schedule without times is open on its days, at no time anyone can ask for.
    expect(await names('services', 'day=WE&start_time=00:00')).toEqual([]);
    expect(await names('service_at_locations', 'day=SA,SU')).toEqual(['Night', 'Teen']);
    expect(await names('organizations', 'day=MO&end_time=10:00')).toEqual(['Monthly Trust']);
  });

  it('keeps services changed at or after modified_after, and finds a listing by its new name', async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const since = new Date().toISOString();
    expect(await names('services', `modified_after=${since}`)).toEqual([]);
    const later = await admin.post<Json>(base(), listing('Later'));
    expect(later.status).toBe(201);
    const renamed = await admin.patch<Json>(`${base()}/${ids.Whenever}`, {
      name: 'Wombat club',
      description: 'A quokka of a club.',
    });
    expect(renamed.status).toBe(200);
    expect(await names('services', `modified_after=${encodeURIComponent(since)}`)).toEqual([
      'Later',
      'Wombat club',
    ]);
    expect(await names('organizations', `modified_after=${encodeURIComponent(since)}`)).toEqual([
      'Later Trust',
      'Whenever Trust',
    ]);
    expect(await names('services', `modified_after=${since.slice(0, 10)}`)).toHaveLength(6);
    expect(await names('services', 'modified_after=2999-01-01T00:00:00%2B01:00')).toEqual([]);
    // The search follows the change of name.
    expect(await names('services', 'search=wombat')).toEqual(['Wombat club']);
    expect(await names('services', 'search=whenever')).toEqual([]);
  });

  it('gives a kept answer again only while nothing it shows has changed: every change shows at once (ADR 0047)', async () => {
    const list = async () => {
      const res = await anyone().get<Page>(feed('/services?search=numbat'));
      expect(res.status).toBe(200);
      return res.body.contents.map((s) => s.name);
    };
    const item = async (id: string) => anyone().get<Json>(feed(`/services/${id}`));
    // The same question twice: the second answer is the kept one, and the same.
    expect(await list()).toEqual([]);
    expect(await list()).toEqual([]);
    const made = await admin.post<Json>(base(), listing('Numbat', { description: 'A numbat of a service.' }));
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    expect(await list()).toEqual(['Numbat']);
    expect((await item(id)).body.name).toBe('Numbat');
    // A change to a part of the listing (its phone) and to its name: the next answers show them.
    const changed = await admin.patch<Json>(`${base()}/${id}`, {
      name: 'Numbat hub',
      contact: { name: 'Advice team', phone: '+44 113 496 0999' },
    });
    expect(changed.status).toBe(200);
    expect(await list()).toEqual(['Numbat hub']);
    const shown = await item(id);
    expect(shown.body.name).toBe('Numbat hub');
    expect(JSON.stringify(shown.body)).toContain('+44 113 496 0999');
    // Retired: gone from the list and its own address at once.
    expect((await admin.post(`${base()}/${id}/retire`, {})).status).toBe(200);
    expect(await list()).toEqual([]);
    expect((await item(id)).status).toBe(404);
  });

  it('answers a new region’s feed at once, and a changed slug within DIRECTORY_REGION_CACHE_TTL', async () => {
    const platform = await h.given.platformAdmin();
    const slug = `fresh-${Date.now()}`;
    const status = async (s: string) =>
      (await anyone().get(`/api/v1/public/regions/${s}/oruk/services`)).status;
    // A slug that is no region's is not remembered: the region made next answers at once.
    expect(await status(slug)).toBe(404);
    const made = await h.api.as(platform).post<Json>('/api/v1/regions', { name: 'Fresh', slug });
    expect(made.status).toBe(201);
    expect(await status(slug)).toBe(200);
    // The slug changes where the tenants service keeps it: the new one answers at once; the old one, remembered,
    // answers until its time is up, and no longer.
    await withClient(h.db.ownerUrl, (owner) =>
      owner.query(`update tenants.regions set slug = $1 where id = $2`, [`${slug}-new`, made.body.id]),
    );
    const changed = Date.now();
    expect(await status(`${slug}-new`)).toBe(200);
    expect(await status(slug)).toBe(200);
    while ((await status(slug)) === 200) {
      expect(Date.now() - changed).toBeLessThan(REGION_CACHE_TTL_MS + 2000);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await status(slug)).toBe(404);
  });

  it('refuses a bad value with 400 problem+json naming the parameter and why', async () => {
    const bad: [string, string][] = [
      ['minimum_age=abc', 'minimum_age'],
      ['minimum_age=', 'minimum_age'],
      ['minimum_age=-1', 'minimum_age'],
      ['minimum_age=121', 'minimum_age'],
      ['minimum_age=18.5', 'minimum_age'],
      ['minimum_age=18&maximum_age=10', 'maximum_age'],
      ['start_time=25:00', 'start_time'],
      ['start_time=10am', 'start_time'],
      ['start_time=10:00Z', 'start_time'],
      ['start_time=10:00&end_time=09:00', 'end_time'],
      ['start_time=10:00&end_time=10:00', 'end_time'],
      ['day=MON', 'day'],
      ['day=MO;TU', 'day'],
      ['day=MO&day=TU', 'day'],
      ['modified_after=yesterday', 'modified_after'],
      ['modified_after=2026-02-30', 'modified_after'],
      ['modified_after=0000-01-01', 'modified_after'],
      ['modified_after=2026-01-01T10:00:00', 'modified_after'],
    ];
    for (const [query, field] of bad) {
      const res = await anyone().get<Json>(feed(`/services?${query}`));
      expect({ query, status: res.status, type: res.headers.get('content-type') }).toEqual({
        query,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
      });
      const errors = res.body.errors as { field: string; message: string }[];
      expect({ query, fields: [...new Set(errors.map((e) => e.field))] }).toEqual({ query, fields: [field] });
      expect(errors[0].message).toMatch(/^(must|is) /);
    }
  });

  it('refuses a parameter the list does not take, rather than ignoring it', async () => {
    const refused: [string, string][] = [
      ['taxonomies', 'minimum_age=18'],
      ['taxonomies', `taxonomy_id=${ids.Adult}`],
      ['taxonomy_terms', 'day=MO'],
      ['taxonomy_terms', 'modified_after=2026-01-01'],
      ['taxonomy_terms', `taxonomy_term_id=${ids.Adult}`],
    ];
    for (const [list, query] of refused) {
      const res = await anyone().get<Json>(feed(`/${list}?${query}`));
      const field = query.split('=')[0];
      expect([list, res.status, res.body.errors]).toEqual([
        list,
        400,
        [{ field, message: expect.stringContaining(`is not a parameter of /${list}`) }],
      ]);
    }
    expect((await anyone().get(feed(`/taxonomy_terms?taxonomy_id=${ids.Adult}`))).status).toBe(200);
  });

  it('lets any web page read every answer of the feed, errors too, and answers its preflights', async () => {
    const cors = (res: ApiResponse) => res.headers.get('access-control-allow-origin');
    const answers = [
      await anyone().get(feed()),
      await anyone().get(feed('/services?page=0')),
      // Another id: its last digit changed (to 'f' it was the same id one time in sixteen).
      await anyone().get(feed(`/services/${ids.Adult.replace(/.$/, (d) => (d === '0' ? '1' : '0'))}`)),
      await anyone().get(feed('/nothing-here')),
      await anyone().get('/api/v1/public/regions/no-such-region/oruk/services'),
    ];
    expect(answers.map((res) => [res.status, cors(res)])).toEqual([
      [200, '*'],
      [400, '*'],
      [404, '*'],
      [404, '*'],
      [404, '*'],
    ]);
    const preflight = await anyone().request('OPTIONS', feed('/services?search=x'), undefined, {
      origin: 'https://council.example.gov.uk',
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'x-request-id',
    });
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries(preflight.headers)).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, HEAD, OPTIONS',
      'access-control-allow-headers': 'x-request-id',
      'access-control-max-age': '86400',
    });
    // Only the feed: the rest of the API is no other site's to read.
    expect(cors(await anyone().get('/api/v1/regions'))).toBeNull();
    expect((await anyone().request('OPTIONS', '/api/v1/regions')).status).toBe(404);
  });

  it('limits each client address to PUBLIC_RATE_LIMIT requests a minute across the feed: 429 with Retry-After', async () => {
    // A gateway of its own with a budget of 3, behind a proxy it trusts (the web app’s server).
    const app = await createGatewayApp(
      {
        publicKeyPem: h.publicKeyPem,
        gatewayKey: h.trust.gatewayKeys.privateKey,
        publicRateLimit: 3,
        trustProxy: ['127.0.0.1'],
      },
      { ...h.nats.as('gateway'), requestTimeoutMs: 2000, trust: h.trust.trust },
      'warn',
    );
    await app.listen(0, '127.0.0.1');
    try {
      const address = app.getHttpServer().address();
      const api = new ApiClient(
        `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
      );
      const from = (ip: string, path: string) =>
        api.request<Json>('GET', feed(path), undefined, { 'x-forwarded-for': ip });
      const one = [];
      for (const path of ['', '/services', '/taxonomies', '/services/not-a-uuid', '/services'])
        one.push((await from('203.0.113.7', path)).status);
      expect(one).toEqual([200, 200, 200, 429, 429]);
      const limited = await from('203.0.113.7', '/organizations');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toContain('application/problem+json');
      expect(limited.headers.get('access-control-allow-origin')).toBe('*');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.body).toMatchObject({
        code: 'RATE_LIMITED',
        detail: expect.stringContaining('3 a minute'),
      });
      // Another address has its own budget; the rest of the API is not the feed's budget's.
      expect((await from('203.0.113.8', '/services')).status).toBe(200);
      expect(
        (await api.request('GET', '/health/live', undefined, { 'x-forwarded-for': '203.0.113.7' })).status,
      ).toBe(200);
    } finally {
      await app.close();
    }
  });
});
