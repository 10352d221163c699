import { DateTime } from 'luxon';
import { PageClient, expectForbidden, expectNotFound, navigationOf, textOf } from '@hearth/testing';
import {
  apiCall,
  errorSummaryLinks,
  invitedThroughWeb,
  passphraseOf,
  setUpLero,
  type LeroFixture,
} from './lero-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

const today = DateTime.now().setZone('Europe/London');
const dateBoxes = (name: string, d: DateTime | null) => ({
  [`${name}-day`]: d ? String(d.day) : '',
  [`${name}-month`]: d ? String(d.month) : '',
  [`${name}-year`]: d ? String(d.year) : '',
});
const aSeat = (more: Record<string, string> = {}) => ({
  bodyName: 'Gateshead Recovery Partnership Board',
  bodyKind: 'council',
  role: 'member',
  ...dateBoxes('since', today.minus({ months: 6 })),
  ...dateBoxes('until', null),
  ...more,
});
const idIn = (html: string, path: string) => new RegExp(`${path}/([0-9a-f-]{36})`).exec(html)![1];
/** The values of the radios or checkboxes called `name` on a page. */
const choices = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`name="${name}" type="(?:radio|checkbox)" value="([^"]+)"`, 'g'))].map(
    (m) => m[1],
  );

/**
 * The representation log's screens (ADR 0069, ADR 0073) against a real Hearth over HTTP with no JavaScript: Sam (the
 * LERO's admin) adds a seat and logs meetings at it and at another body with the asks raised; Cleo (a coordinator)
 * changes and removes one through the confirm step; Val (a volunteer), Mo (a member) are refused; another LERO's
 * admin finds nothing; anyone signed out is sent to sign in.
 */
describe('meetings and seats in the web app', () => {
  let h: WebHarness;
  let f: LeroFixture & { sam: PageClient };
  let cleo: PageClient;
  let mo: PageClient;
  let val: PageClient;
  let hope: PageClient;
  let meetings: string;
  let seats: string;
  let askId: string;

  beforeAll(async () => {
    h = await startWebHarness({ authRateLimit: 100 });
    f = await setUpLero(h);
    meetings = `/leros/${f.leroId}/meetings`;
    seats = `/leros/${f.leroId}/seats`;
    const join = await invitedThroughWeb(h, f, [
      ['Cleo', 'coordinator'],
      ['Mo', 'member'],
      ['Val', 'volunteer'],
    ]);
    let other: LeroFixture & { sam: PageClient };
    [cleo, mo, val, other] = await Promise.all([join('Cleo'), join('Mo'), join('Val'), setUpLero(h, 'hope')]);
    hope = other.sam;
    const samToken = await h.given.login('sam@phoenix.example.org', passphraseOf('Sam'));
    askId = (
      await apiCall<{ id: string }>(h, 'POST', `/api/v1/tenants/${f.leroId}/advocacy/asks`, samToken, {
        what: 'A needle exchange in the town centre',
        body: { name: 'Gateshead Council', kind: 'council' },
        source: { kind: 'members' },
        raisedOn: today.minus({ days: 20 }).toISODate(),
        public: false,
      })
    ).id;
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('lets an admin add a seat, with the form’s and the API’s errors next to the fields, and end it', async () => {
    const { sam } = f;
    const empty = await sam.get(seats);
    expect(textOf(empty.html)).toContain('No current seats');
    const blank = await sam.post(seats, { ...dateBoxes('since', null), ...dateBoxes('until', null) });
    expect(blank.status).toBe(400);
    expect(errorSummaryLinks(blank.html)).toEqual(['#bodyName', '#bodyKind', '#role', '#since-day']);
    const backwards = await sam.post(seats, aSeat(dateBoxes('until', today.minus({ years: 1 }))));
    expect(backwards.status).toBe(400);
    expect(errorSummaryLinks(backwards.html)).toEqual(['#until-day']);
    const added = await sam.post(seats, aSeat());
    expect(added.location).toBe(seats);
    const list = await sam.follow(added);
    expect(textOf(list.html)).toContain('The seat is added');
    expect(textOf(list.html)).toMatch(/Current seats\s+Gateshead Recovery Partnership Board/);
    const seatId = idIn(list.html, seats);
    // Another seat, ended: listed as ended, and not offered on the meeting form.
    await sam.post(seats, aSeat({ bodyName: 'Old Forum', bodyKind: 'other', role: 'observer' }));
    const oldId = idIn((await sam.get(seats)).html.split('Old Forum')[1] ?? '', seats);
    const edit = await sam.get(`${seats}/${oldId}/edit`);
    expect(edit.html).toContain('value="Old Forum"');
    const ended = await sam.post(
      `${seats}/${oldId}/edit`,
      aSeat({
        bodyName: 'Old Forum',
        bodyKind: 'other',
        role: 'observer',
        ...dateBoxes('until', today.minus({ days: 1 })),
      }),
    );
    expect(ended.location).toBe(seats);
    expect(textOf((await sam.get(seats)).html)).toMatch(/Ended seats\s+Old Forum/);
    const form = await sam.get(`${meetings}/new`);
    expect(choices(form.html, 'where')).toEqual([seatId, 'other']);
  });

  it('logs a meeting in one short form, defaulting to today and “a volunteer”, then lists it', async () => {
    const { sam } = f;
    expect(navigationOf((await sam.get(meetings)).html)).toContain('Meetings');
    expect(textOf((await sam.get(meetings)).html)).toContain('No meetings logged yet');
    const form = await sam.get(`${meetings}/new`);
    expect(form.html).toContain(`name="date-day" type="text" value="${today.day}"`);
    expect(form.html).toContain('value="a volunteer"');
    expect(choices(form.html, 'askIds')).toEqual([askId]);
    const seatId = choices(form.html, 'where')[0];
    const blank = await sam.post(meetings, { representedBy: '', ...dateBoxes('date', null) });
    expect(blank.status).toBe(400);
    expect(errorSummaryLinks(blank.html)).toEqual(['#where', '#date-day', '#representedBy']);
    const other = await sam.post(meetings, {
      where: 'other',
      ...dateBoxes('date', today),
      representedBy: 'a volunteer',
    });
    expect(errorSummaryLinks(other.html)).toEqual(['#bodyName', '#bodyKind']);
    const future = await sam.post(meetings, {
      where: seatId,
      ...dateBoxes('date', today.plus({ days: 3 })),
      representedBy: 'a volunteer',
    });
    expect(future.status).toBe(400);
    expect(errorSummaryLinks(future.html)).toEqual(['#date-day']);
    const logged = await sam.post(meetings, {
      where: seatId,
      ...dateBoxes('date', today.minus({ days: 2 })),
      representedBy: 'a volunteer',
      askIds: askId,
      outcome: 'The board will fund a pilot.',
    });
    expect(logged.location).toBe(meetings);
    const list = await sam.follow(logged);
    expect(textOf(list.html)).toContain('The meeting is logged');
    const elsewhere = await sam.post(meetings, {
      where: 'other',
      bodyName: 'Riverside Housing',
      bodyKind: 'housing-association',
      ...dateBoxes('date', today),
      representedBy: 'Jo',
    });
    expect(elsewhere.location).toBe(meetings);
    const text = textOf((await sam.get(meetings)).html);
    expect(text.indexOf('Riverside Housing')).toBeLessThan(
      text.indexOf('Gateshead Recovery Partnership Board'),
    );
    // The from/to filter, and a bad date next to its box.
    const yesterday = today.minus({ days: 1 }).toISODate();
    const before = textOf((await sam.get(`${meetings}?to=${yesterday}`)).html);
    expect(before).toContain('Gateshead Recovery Partnership Board');
    expect(before).not.toContain('Riverside Housing');
    const bad = await sam.get(`${meetings}?from=soon`);
    expect(bad.status).toBe(400);
    expect(errorSummaryLinks(bad.html)).toEqual(['#from']);
    const upsideDown = await sam.get(`${meetings}?from=${today.toISODate()}&to=${yesterday}`);
    expect(upsideDown.status).toBe(400);
  });

  it('lets a coordinator read, change and remove a meeting, with a confirm step', async () => {
    const list = await cleo.get(meetings);
    const id = idIn(
      list.html.split('Gateshead Recovery')[0].split('Riverside Housing')[1] ?? list.html,
      meetings,
    );
    const page = textOf((await cleo.get(`${meetings}/${id}`)).html);
    expect(page).toContain('The board will fund a pilot.');
    expect(page).toContain('A needle exchange in the town centre');
    const edit = await cleo.get(`${meetings}/${id}/edit`);
    expect(edit.html).toMatch(new RegExp(`value="${askId}" checked`));
    const changed = await cleo.post(`${meetings}/${id}/edit`, {
      where: choices(edit.html, 'where')[0],
      ...dateBoxes('date', today.minus({ days: 2 })),
      representedBy: 'Cleo',
      outcome: '',
    });
    expect(changed.location).toBe(`${meetings}/${id}`);
    const after = textOf((await cleo.follow(changed)).html);
    expect(after).toContain('The meeting is changed');
    expect(after).toContain('Not recorded');
    expect(after).not.toContain('A needle exchange');
    // The seat ends: changing the meeting held there still offers it, ticked.
    const seatId = choices(edit.html, 'where')[0];
    await cleo.post(`${seats}/${seatId}/edit`, aSeat(dateBoxes('until', today.minus({ days: 1 }))));
    expect(choices((await cleo.get(`${meetings}/new`)).html, 'where')).toEqual(['other']);
    const again = await cleo.get(`${meetings}/${id}/edit`);
    expect(again.html).toMatch(new RegExp(`value="${seatId}" checked`));
    const confirm = await cleo.get(`${meetings}/${id}/remove`);
    expect(textOf(confirm.html)).toContain('Remove the meeting with Gateshead Recovery Partnership Board');
    const removed = await cleo.post(`${meetings}/${id}/remove`, {});
    expect(removed.location).toBe(meetings);
    expectNotFound(await cleo.get(`${meetings}/${id}`));
  });

  it('refuses volunteers and members, hides the LERO from another, and sends anyone signed out to sign in', async () => {
    const paths = [meetings, `${meetings}/new`, seats, `${seats}/new`];
    for (const path of paths) {
      expectForbidden(await val.get(path));
      expectForbidden(await mo.get(path));
      expectNotFound(await hope.get(path));
      expect((await new PageClient(h.webUrl).get(path)).location).toBe(
        `/sign-in?next=${encodeURIComponent(path)}`,
      );
    }
    expectForbidden(await val.post(meetings, { where: 'other' }));
    expectForbidden(await mo.post(seats, aSeat()));
    expect(navigationOf((await val.get(`/leros/${f.leroId}`)).html)).not.toContain('Meetings');
    expectNotFound(await f.sam.get(`${meetings}/not-an-id`));
    expectNotFound(await f.sam.get(`${meetings}/${askId}`));
    expectNotFound(await f.sam.get(`${seats}/${askId}/edit`));
  });
});
