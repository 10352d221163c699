import { textOf, type PageClient } from '@hearth/testing';
import { apiCall, errorSummaryLinks, passphraseOf } from './lero-fixture';
import type { WebHarness } from './web.harness';

type Json = Record<string, unknown>;

/** What the directory settings spec shares with these cases: its Hearth, its people and its role matrix. */
export interface WebhookPagesCast {
  h: WebHarness;
  leroId: string;
  regionId: string;
  samToken: string;
  sam: PageClient;
  cody: PageClient;
  rhea: PageClient;
  statuses(
    request: () => Promise<{ path: string; form?: Record<string, string> }>,
  ): Promise<Record<string, number>>;
  adminsOnly(ok: number): Record<string, number>;
}

// A public address typed as such: subscribing checks it without looking a name up (no DNS in tests).
const RECEIVER = 'https://93.184.215.14/hearth-webhook';
const SECRET = /whsec_[A-Za-z0-9+/=]+/;

/** A LERO's webhook pages (ADR 0079), run inside the directory settings spec's Hearth. */
export function webhookPageCases(cast: () => WebhookPagesCast) {
  const base = () => `/leros/${cast().leroId}/settings/webhooks`;
  const subscriptions = () =>
    apiCall<Json[]>(cast().h, 'GET', `/api/v1/tenants/${cast().leroId}/webhooks`, cast().samToken);
  const ok = (page: { status: number; html: string }) => {
    if (page.status !== 200) throw new Error(`${page.status}: ${textOf(page.html).slice(0, 400)}`);
    return page;
  };

  describe('webhooks', () => {
    it('shows the webhook pages, and takes their forms, only from the LERO’s admins', async () => {
      const { statuses, adminsOnly } = cast();
      expect(await statuses(async () => ({ path: base() }))).toEqual(adminsOnly(200));
      expect(await statuses(async () => ({ path: `${base()}/deliveries` }))).toEqual(adminsOnly(200));
      // An empty form: the admins are told what is missing; everyone else is refused before that.
      expect(await statuses(async () => ({ path: base(), form: {} }))).toEqual(adminsOnly(400));
      expect(
        (await cast().cody.post(base(), { url: RECEIVER, eventTypes: 'session.cancelled' })).status,
      ).toBe(403);
      expect(await subscriptions()).toEqual([]);
      const settings = ok(await cast().sam.get(`/leros/${cast().leroId}/settings`));
      expect(settings.html).toContain(`href="${base()}"`);
    });

    it('gives a region’s admins the same screens for the region’s own webhooks', async () => {
      const { statuses, rhea, regionId } = cast();
      const region = `/regions/${regionId}/webhooks`;
      const regionAdminsOnly = {
        sam: 404,
        cody: 404,
        mo: 404,
        rhea: 200,
        cora: 403,
        cass: 403,
        admin: 403,
        lee: 404,
        otto: 404,
        anonymous: 303,
      };
      expect(await statuses(async () => ({ path: region }))).toEqual(regionAdminsOnly);
      expect(await statuses(async () => ({ path: `${region}/deliveries` }))).toEqual(regionAdminsOnly);
      expect(ok(await rhea.get(`/regions/${regionId}`)).html).toContain(`href="${region}"`);
      // The region's own types beside its LEROs' (ADR 0082).
      const offered = ok(await rhea.get(region)).html;
      for (const type of ['session.scheduled', 'directory.listing.changed', 'report.released'])
        expect(offered).toContain(`value="${type}"`);
      const made = await rhea.post(region, { url: RECEIVER, eventTypes: 'report.released' });
      expect([made.status, textOf(made.html).match(SECRET) !== null]).toEqual([200, true]);
      const listed = ok(await rhea.get(region));
      expect(textOf(listed.html)).toContain(RECEIVER);
      const [subscription] = await apiCall<Json[]>(
        cast().h,
        'GET',
        `/api/v1/regions/${regionId}/webhooks`,
        await cast().h.given.login('rhea@region.example.org', passphraseOf('Rhea')),
      );
      expect(await subscriptions()).toEqual([]);
      const gone = await rhea.post(`${region}/${String(subscription.id)}/delete`, {});
      expect([gone.status, gone.location]).toEqual([303, region]);
      expect(textOf(ok(await rhea.get(region)).html)).toContain('has no webhooks');
    });

    it('adds a receiver through the page, showing its secret once; rotates it; unsubscribes after a confirmation', async () => {
      const { sam } = cast();
      const page = ok(await sam.get(base()));
      expect(textOf(page.html)).toContain('has no webhooks');
      expect(page.html).toContain('value="session.cancelled"');
      expect(page.html).toContain('value="activity.published"');
      expect(page.html).toContain('value="session.scheduled"');
      // A region's own types are not a LERO's to choose; one sent anyway is refused on the field.
      expect(page.html).not.toContain('value="report.released"');
      const refused = await sam.post(base(), [
        ['url', RECEIVER],
        ['eventTypes', 'directory.listing.changed'],
      ]);
      expect(refused.status).toBe(400);
      expect(textOf(refused.html)).toContain('Choose events from the list');

      const made = await sam.post(base(), [
        ['url', RECEIVER],
        ['eventTypes', 'session.cancelled'],
        ['eventTypes', 'activity.published'],
        ['description', 'Our website'],
      ]);
      expect(made.status).toBe(200);
      const secret = textOf(made.html).match(SECRET)?.[0];
      expect(secret).toBeDefined();
      expect(textOf(made.html)).toContain('Hearth shows it only this once');
      const [subscription] = await subscriptions();
      expect(subscription).toMatchObject({
        url: RECEIVER,
        eventTypes: ['session.cancelled', 'activity.published'],
        description: 'Our website',
      });

      const listed = ok(await sam.get(base()));
      expect(textOf(listed.html)).toContain(RECEIVER);
      expect(textOf(listed.html)).toContain('A session is cancelled');
      expect(listed.html).not.toMatch(SECRET);

      const rotated = await sam.post(`${base()}/${String(subscription.id)}/rotate-secret`, {});
      expect(rotated.status).toBe(200);
      const fresh = textOf(rotated.html).match(SECRET)?.[0];
      expect(fresh).toBeDefined();
      expect(fresh).not.toBe(secret);
      expect(ok(await sam.get(base())).html).not.toMatch(SECRET);
      expect(ok(await sam.get(`${base()}/deliveries`)).html).not.toMatch(SECRET);

      const confirm = ok(await sam.get(`${base()}/${String(subscription.id)}/delete`));
      expect(textOf(confirm.html)).toContain(`Unsubscribe ${RECEIVER}?`);
      expect((await sam.post(`${base()}/${String(subscription.id)}/delete`, {}, null)).status).toBe(403);
      expect(await subscriptions()).toHaveLength(1);
      const gone = await sam.post(`${base()}/${String(subscription.id)}/delete`, {});
      expect([gone.status, gone.location]).toEqual([303, base()]);
      expect(textOf((await sam.follow(gone)).html)).toContain('Unsubscribed');
      expect(await subscriptions()).toEqual([]);
      expect((await sam.get(`${base()}/${String(subscription.id)}/delete`)).status).toBe(404);
    });

    it('shows the API’s refusal of an address on its field, and keeps what was typed', async () => {
      const { sam } = cast();
      for (const [url, words] of [
        ['http://example.org/hook', 'must be an https:// address'],
        ['https://10.1.2.3/hook', 'only public internet addresses'],
      ]) {
        const refused = await sam.post(base(), { url, eventTypes: 'session.cancelled' });
        expect([refused.status, errorSummaryLinks(refused.html)]).toEqual([400, ['#url']]);
        expect(refused.html).toMatch(/id="url-error"/);
        expect(textOf(refused.html)).toContain(words);
        expect(refused.html).toContain(`value="${url}"`);
        expect(refused.html).toMatch(/value="session.cancelled" checked/);
      }
      const none = await sam.post(base(), { url: RECEIVER });
      expect([none.status, errorSummaryLinks(none.html)]).toEqual([400, ['#eventTypes']]);
      const forged = await sam.post(base(), { url: RECEIVER, eventTypes: 'session.cancelled' }, null);
      expect(forged.status).toBe(403);
      expect(await subscriptions()).toEqual([]);
      const missing = await sam.post(`${base()}/deliveries/${cast().leroId}/replay`, {});
      expect(missing.status).toBe(404);
    });
  });
}
