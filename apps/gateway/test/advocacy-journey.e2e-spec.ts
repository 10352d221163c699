import { Client } from 'pg';
import { eventually } from '@hearth/testing';
import { ReleaseService } from '../../reporting/src';
import {
  answersOf,
  capturedLogs,
  consultationBody,
  expectNoOneNamed,
  expectStoredAnonymously,
  linkedMember,
} from './advocacy-fixture';
import { askBody } from './advocacy-asks.cases';
import { seatBody } from './advocacy-representation.cases';
import { bodyOf as ok, castInRegion, type Who } from './lero-cast';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

type Json = Record<string, unknown>;
type Cell = { value: number } | { suppressed: true };
type Lero = { id: string; slug: string; adminToken: string };
interface Figures {
  disclosureControl?: { suppressBelow: number; roundTo: number };
  rows?: { lero?: { id: string }; values: Record<string, Cell> }[];
  totals: Record<string, { suppressBelow?: number; values: Record<string, Cell> }>;
}
interface PublicAsks {
  items: { id: string; status: string; source: string; updates: { status: string; text: string }[] }[];
}

const MINUTE = 60_000;
const ADVOCACY_METRICS = ['meetingsAttended', 'asksRaised', 'asksResolved'] as const;
const londonDate = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Europe/London' });
/** The moment a month's figures are due to commissioners: 7 days after it ends. */
const dueOf = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 8));
};
const S: Cell = { suppressed: true };
/**
 * What disclosure control (ADR 0009, 0011) publishes of one LERO's row figure: 0 as it is, 1 to `suppressBelow − 1`
 * suppressed, anything larger rounded to the nearest `roundTo`.
 */
const published = (exact: number, dc: { suppressBelow: number; roundTo: number }): Cell =>
  exact === 0
    ? { value: 0 }
    : exact < dc.suppressBelow
      ? S
      : { value: Math.round(exact / dc.roundTo) * dc.roundTo };
/** A regional total (ADR 0011's p% rule): published only with at least three LEROs behind it; nobody's is 0. */
const publishedTotal = (parts: number[], dc: { suppressBelow: number; roundTo: number }): Cell =>
  parts.every((p) => p === 0)
    ? { value: 0 }
    : parts.filter((p) => p > 0).length < 3
      ? S
      : published(
          parts.reduce((a, b) => a + b, 0),
          dc,
        );

/**
 * Issue 19's "Done when", end to end through the gateway, every service real: a region's consultation across two LEROs
 * answered by twelve members, anonymously by construction, with results only from five; two asks out of it done, with
 * their outcomes on the LERO's public page; a partnership meeting following them up; a testimony theme published at
 * its tenth contributor and unpublished when one withdraws; the commissioner's report of meetings and asks under
 * disclosure control.
 */
describe('advocacy, from a region’s consultation to the commissioner’s report', () => {
  let h: DistributedHearth;
  let owner: Client;
  let tokens: Record<Who, string | undefined>;
  let region: { id: string; slug: string };
  let lero: Lero;
  let other: Lero;
  const { lines, destination } = capturedLogs();

  beforeAll(async () => {
    h = await startDistributedHearth({ logLevel: 'trace', logDestination: destination });
    owner = new Client({ connectionString: h.db.ownerUrl });
    await owner.connect();
    ({ tokens, region, lero, other } = await castInRegion(h));
  });

  afterAll(async () => {
    await owner?.end();
    await h?.close();
  });

  it('runs from twelve anonymous responses to meetings and asks resolved in the commissioner’s report', async () => {
    const today = londonDate(new Date());
    const month = today.slice(0, 7);
    const leroBase = `/api/v1/tenants/${lero.id}/advocacy`;
    const coordinator = h.api.as(tokens.coordinator);
    const regionAdmin = h.api.as(tokens['region admin']);

    // Ten members of the LERO and two of the other, each with an account linked to them, all made before anything
    // opens (accounts made later count towards no threshold).
    const members = await Promise.all([
      ...Array.from({ length: 10 }, () => linkedMember(h, lero).then((m) => ({ ...m, lero }))),
      ...Array.from({ length: 2 }, () => linkedMember(h, other).then((m) => ({ ...m, lero: other }))),
    ]);

    // 1. The region's consultation across both LEROs; each member responds through their own LERO's route.
    const base = `/api/v1/regions/${region.id}/advocacy/consultations`;
    const consultation = ok(
      await regionAdmin.post<{ id: string }>(base, consultationBody({ audience: 'region' })),
      201,
    ).id;
    ok(await regionAdmin.post(`${base}/${consultation}/open`), 200);
    const results = async () =>
      ok(
        await regionAdmin.get<{ shown: boolean; responses: number | null }>(
          `${base}/${consultation}/results`,
        ),
        200,
      );
    const outbox = async () =>
      (await owner.query<{ n: number }>('select count(*)::int as n from advocacy.outbox')).rows[0].n;
    const eventsBefore = await outbox();
    for (const [i, m] of members.entries()) {
      const from = lines.length;
      const tenant = `/api/v1/tenants/${m.lero.id}/advocacy/consultations`;
      const res = await h.api.as(m.token).post<Json>(`${tenant}/${consultation}/responses`, answersOf(i % 2));
      expect([res.status, res.body]).toEqual([201, { received: true }]);
      // A request after it, whose line shows the gateway's lines of the response have been written.
      ok(await h.api.as(m.token).get(`${tenant}?limit=1`), 200);
      await expectNoOneNamed(lines, from, m);
      // Results only from five responses: below, no figure at all.
      if (i === 3)
        expect(await results()).toEqual(expect.objectContaining({ shown: false, responses: null }));
      if (i === 4) expect(await results()).toMatchObject({ shown: true, responses: 5 });
    }
    // No event for any response: the outbox did not grow.
    expect(await outbox()).toBe(eventsBefore);
    ok(await regionAdmin.post(`${base}/${consultation}/close`), 200);
    expect(await results()).toMatchObject({ shown: true, responses: 12 });

    // What the database keeps: v4 ids, no time, no respondent; answers and hashes in different transactions.
    const columns = await owner.query<{ table_name: string; column_name: string; data_type: string }>(
      `select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'advocacy' and table_name in ('answers', 'respondents')`,
    );
    expect(
      columns.rows
        .filter((c) => c.table_name === 'answers')
        .map((c) => c.column_name)
        .sort(),
    ).toEqual(['answers', 'consultation_id', 'id', 'region_id', 'tenant_id']);
    expect(columns.rows.filter((c) => /time|date|interval/.test(c.data_type))).toEqual([]);
    await expectStoredAnonymously(owner, consultation, members);

    // 2. Two asks come out of it (naming the region's consultation, ADR 0075); the council acknowledges them and
    // does them; the LERO's public page shows it.
    const source = { kind: 'consultation', consultationId: consultation };
    const asks = [
      ok(
        await coordinator.post<{ id: string }>(
          `${leroBase}/asks`,
          askBody({ public: true, source, raisedOn: today }),
        ),
        201,
      ),
      ok(
        await coordinator.post<{ id: string }>(
          `${leroBase}/asks`,
          askBody({ what: 'Evening hours at the drop-in', public: true, source, raisedOn: today }),
        ),
        201,
      ),
    ].map((a) => a.id);
    for (const id of asks)
      expect(ok(await coordinator.get<{ source: unknown }>(`${leroBase}/asks/${id}`), 200).source).toEqual(
        source,
      );
    const outcomes = ['The drop-in opens on Saturdays from March.', 'The drop-in stays open until 8pm.'];
    for (const [i, id] of asks.entries()) {
      const update = (status: string, text: string) =>
        coordinator.post(`${leroBase}/asks/${id}/updates`, { status, date: today, text });
      ok(await update('acknowledged', 'The council has the ask.'), 201);
      ok(await update('done', outcomes[i]), 201);
    }
    const page = ok(await h.api.get<PublicAsks>(`/api/v1/public/leros/${lero.slug}/you-said-we-did`), 200);
    expect(
      asks.map((id) => {
        const ask = page.items.find((a) => a.id === id);
        return [ask?.status, ask?.source, ask?.updates.at(-1)?.text];
      }),
    ).toEqual(asks.map((_, i) => ['done', 'consultation', outcomes[i]]));

    // 3. A coordinator logs the partnership meeting where both were followed up.
    const seat = ok(await coordinator.post<{ id: string }>(`${leroBase}/seats`, seatBody()), 201);
    const meeting = ok(
      await coordinator.post<{ askIds: string[] }>(`${leroBase}/meetings`, {
        seatId: seat.id,
        date: today,
        representedBy: 'a volunteer',
        askIds: asks,
        outcome: 'The partnership agreed both changes.',
      }),
      201,
    );
    expect([...meeting.askIds].sort()).toEqual([...asks].sort());

    // 4. Testimony: published at its tenth contributor, unpublished when one withdraws.
    const themes = `${leroBase}/themes`;
    const theme = ok(
      await coordinator.post<{ id: string }>(themes, { title: 'Into recovery', prompt: 'What helped you?' }),
      201,
    ).id;
    ok(await coordinator.post(`${themes}/${theme}/open`), 200);
    const state = async () => ok(await coordinator.get<Json>(`${themes}/${theme}`), 200);
    const onPublicPage = async () =>
      ok(
        await h.api.get<{ themes: { title: string }[] }>(`/api/v1/public/leros/${lero.slug}/testimony`),
        200,
      ).themes.some((t) => t.title === 'Into recovery');
    const contributors = members.filter((m) => m.lero === lero);
    const pieces: string[] = [];
    for (const [i, m] of contributors.entries()) {
      if (i === 9) {
        expect(await state()).toMatchObject({ published: false, contributors: 9 });
        expect(await onPublicPage()).toBe(false);
      }
      const piece = ok(
        await h.api.as(m.token).post<{ id: string }>(`${themes}/${theme}/pieces`, {
          text: `Statement ${i}`,
          consent: true,
        }),
        201,
      ).id;
      ok(await coordinator.post(`${themes}/${theme}/pieces/${piece}/approve`), 200);
      pieces.push(piece);
    }
    expect(await state()).toMatchObject({ publishThreshold: 10, published: true, contributors: 10 });
    expect(await onPublicPage()).toBe(true);
    ok(await h.api.as(contributors[4].token).post(`${themes}/${theme}/pieces/${pieces[4]}/withdraw`), 200);
    expect(await state()).toMatchObject({ published: false, contributors: 9 });
    expect(await onPublicPage()).toBe(false);

    // 5. Reporting: each LERO's own exact figures, once projected; then, the month released, the commissioner's.
    const range = new URLSearchParams({ period: 'month', from: month, to: month });
    const exact = async (l: Lero) =>
      ok(await h.api.as(l.adminToken).get<Figures>(`/api/v1/tenants/${l.id}/reports/impact?${range}`), 200)
        .totals[month].values;
    await eventually(
      async () =>
        expect(await exact(lero)).toMatchObject({
          meetingsAttended: { value: 1 },
          asksRaised: { value: 2 },
          asksResolved: { value: 2 },
        }),
      { timeoutMs: 20_000 },
    );
    const own = { [lero.id]: await exact(lero), [other.id]: await exact(other) };
    const count = (id: string, metric: string) => (own[id][metric] as { value: number }).value;
    h.reportingClock.offsetMs = dueOf(month).getTime() + MINUTE - Date.now();
    try {
      await h.reporting.get(ReleaseService).sweep();
    } finally {
      h.reportingClock.offsetMs = 0;
    }
    const report = ok(
      await h.api
        .as(tokens.commissioner)
        .get<Figures>(
          `/api/v1/reports/impact?${new URLSearchParams({ regionId: region.id, by: 'lero', ...Object.fromEntries(range) })}`,
        ),
      200,
    );
    // The rules the period was released under: its threshold, and rounding.
    const dc = { ...report.disclosureControl!, suppressBelow: report.totals[month].suppressBelow! };
    // Nobody in it: no member's or account's id.
    const text = JSON.stringify(report);
    expect(members.filter((m) => text.includes(m.memberId) || text.includes(m.accountId))).toEqual([]);
    for (const l of [lero, other]) {
      const row = report.rows!.find((r) => r.lero?.id === l.id)!;
      for (const metric of ADVOCACY_METRICS)
        expect([l.id, metric, row.values[metric]]).toEqual([
          l.id,
          metric,
          published(count(l.id, metric), dc),
        ]);
    }
    for (const metric of ADVOCACY_METRICS)
      expect([metric, report.totals[month].values[metric]]).toEqual([
        metric,
        publishedTotal([count(lero.id, metric), count(other.id, metric)], dc),
      ]);
  });
});
