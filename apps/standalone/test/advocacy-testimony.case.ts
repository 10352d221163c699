import { Client } from 'pg';
import type { ApiClient, Given } from '@hearth/testing';
import type { TestStandalone } from './standalone.harness';

type Json = Record<string, unknown>;

/** What a standalone suite's Hearth gives this case (set in its `beforeAll`). */
export interface StandaloneStage {
  standalone: TestStandalone;
  api: ApiClient;
  given: Given;
  platformAdmin: string;
  regionId: string;
}

/**
 * Collective testimony over standalone's in-process transport, as over NATS (ADR 0066): run in another standalone
 * suite's Hearth, so that it costs no start of its own.
 */
export function testimonyInStandalone(stage: () => StandaloneStage) {
  it('publishes a testimony theme on the public page at its fifth contributor and unpublishes it when one withdraws', async () => {
    const { standalone, api, given, platformAdmin, regionId } = stage();
    const lero = await given.lero(regionId, platformAdmin);
    const base = `/api/v1/tenants/${lero.id}/advocacy/themes`;
    const staff = api.as(lero.adminToken);
    const members: ApiClient[] = [];
    for (let i = 0; i < 5; i += 1) {
      const memberId = (
        await staff.post<Json>(`/api/v1/tenants/${lero.id}/members`, { displayName: `M ${i}` })
      ).body.id as string;
      members.push(api.as((await given.tenantUser(lero.id, 'member', lero.adminToken, memberId)).token));
    }
    const theme = (
      await staff.post<Json>(base, {
        title: 'Housing',
        prompt: 'What should housing know?',
        publishThreshold: 5,
      })
    ).body.id as string;
    expect((await staff.post(`${base}/${theme}/open`)).status).toBe(200);
    const pieces: string[] = [];
    for (const [i, m] of members.entries()) {
      const p = await m.post<Json>(`${base}/${theme}/pieces`, { text: `Housing ${i}`, consent: true });
      expect(p.status).toBe(201);
      pieces.push(p.body.id as string);
      expect((await staff.post(`${base}/${theme}/pieces/${pieces[i]}/approve`)).status).toBe(200);
    }
    const page = async () =>
      (
        await api.get<{ themes: { title: string; pieces: string[] }[] }>(
          `/api/v1/public/leros/${lero.slug}/testimony`,
        )
      ).body.themes;
    expect((await page()).map((t) => [t.title, t.pieces.length])).toEqual([['Housing', 5]]);
    expect((await members[0].post(`${base}/${theme}/pieces/${pieces[0]}/withdraw`)).status).toBe(200);
    expect(await page()).toEqual([]);

    const owner = new Client({ connectionString: standalone.db.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ subject: string }>(
        `select subject from advocacy.outbox where payload->>'themeId' = $1 order by id`,
        [theme],
      );
      expect(rows.map((r) => r.subject)).toEqual([
        'evt.advocacy.theme.published',
        'evt.advocacy.theme.unpublished',
      ]);
    } finally {
      await owner.end();
    }
  });
}
