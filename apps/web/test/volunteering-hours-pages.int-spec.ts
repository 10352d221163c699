import { DateTime } from 'luxon';
import { PageClient, eventually, expectForbidden, expectNotFound, textOf } from '@hearth/testing';
import { errorSummaryLinks } from './lero-fixture';
import {
  anotherLero,
  firstShift,
  setUpVolunteering,
  signedInCast,
  type VolunteeringFixture,
} from './volunteering-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

const DAY_MS = 24 * 60 * 60 * 1000;
const idsOf = (html: string) => [...html.matchAll(/\/hours\/([0-9a-f-]{36})/g)].map((m) => m[1]);

/**
 * The hours screens (ADR 0061) against a real Hearth: standalone on embedded PostgreSQL, the web app as its own
 * container, HTTP only, no JavaScript. Val's shift ends (the volunteering clock moves) and its hours wait in the
 * queue of Cleo, a coordinator, beside hours Val logs; Cleo approves, adjusts and declines; Val sees each one's
 * status, the reason of the decline and the approved totals. Mo, a member who is not a volunteer, sees no hours
 * action and is refused every hours page; another LERO's entries and members are not found.
 */
describe('the hours pages against a real Hearth', () => {
  let h: WebHarness;
  let f: VolunteeringFixture;
  let sam: PageClient;
  let cleo: PageClient;
  let val: PageClient;
  let mo: PageClient;
  let base: string;
  let roleId: string;
  let other: { entryId: string; memberId: string; status: () => Promise<string | undefined> };
  const shift = firstShift();
  const yesterday = DateTime.now().setZone('Europe/London').minus({ days: 1 });
  const logged = (more: Record<string, string>) => ({
    'date-day': String(yesterday.day),
    'date-month': String(yesterday.month),
    'date-year': String(yesterday.year),
    hours: '1',
    minutes: '30',
    roleId,
    description: 'Set up the room and made tea',
    ...more,
  });

  beforeAll(async () => {
    h = await startWebHarness({ authRateLimit: 100 });
    f = await setUpVolunteering(h);
    sam = f.sam;
    base = `/leros/${f.leroId}/volunteering`;
    ({ cleo, val, mo } = await signedInCast(h, f));
    roleId = (
      await f.api<{ id: string }>('POST', '/volunteering/roles', {
        title: 'Café host',
        visibility: 'members',
      })
    ).id;
    const made = await f.api<{ id: string }>('POST', `/volunteering/roles/${roleId}/shifts`, {
      startsAt: `${shift.date}T10:00`,
      durationMinutes: 150,
      capacity: 2,
    });
    await f.api('POST', `/volunteering/shifts/${made.id}/signups`, { memberId: f.valId });
    other = await anotherLerosEntry(h);
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('puts a shift’s hours in the coordinator’s queue once it has ended: who, role, date, length, from a shift', async () => {
    expect(textOf((await cleo.get(`${base}/hours`)).html)).toContain(
      'There are no hours waiting for approval',
    );
    h.volunteeringClock.offsetMs = 6 * DAY_MS;
    const queue = await cleo.get(`${base}/hours`);
    expect(queue.status).toBe(200);
    expect(textOf(queue.html)).toMatch(
      new RegExp(
        `Val, Café host\\s+Waiting for approval\\s+${shift.day.setLocale('en-GB').toFormat('cccc d LLLL yyyy')} · 2 hours 30 minutes · From a shift on the rota`,
      ),
    );
    expect(textOf((await cleo.get(base)).html)).toContain('Hours to approve');
  });

  it('lets a volunteer log hours: the warning not to name anyone, errors in the summary, then waiting', async () => {
    const home = textOf((await val.get(base)).html);
    expect(home).toContain('My hours');
    expect(home).not.toContain('Hours to approve');
    const form = await val.get(`${base}/my-hours/log`);
    expect(form.status).toBe(200);
    expect(textOf(form.html)).toContain('Do not name anyone');
    expect(textOf(form.html)).toContain('You can enter up to 200 characters');
    const bad = await val.post(`${base}/my-hours`, {
      hours: 'two',
      minutes: '75',
      roleId: '',
      description: 'x'.repeat(201),
    });
    expect(bad.status).toBe(400);
    expect(errorSummaryLinks(bad.html)).toEqual([
      '#date-day',
      '#hours',
      '#minutes',
      '#roleId',
      '#description',
    ]);
    expect(bad.html).toContain('value="two"');
    const future = await val.post(`${base}/my-hours`, logged({ 'date-year': String(yesterday.year + 1) }));
    expect(errorSummaryLinks(future.html)).toEqual(['#date-day']);
    expect(textOf(future.html)).toContain('Date must be today or in the past');
    const tooLong = await val.post(`${base}/my-hours`, logged({ hours: '24', minutes: '1' }));
    expect(textOf(tooLong.html)).toContain('One entry can be at most 24 hours');
    // A role that is not the LERO's: the API's 400 lands on the form, never a 500.
    const noRole = await val.post(
      `${base}/my-hours`,
      logged({ roleId: '0190a5e4-0000-7000-8000-000000000000' }),
    );
    expect(noRole.status).toBe(400);
    expect(errorSummaryLinks(noRole.html)).toEqual(['#roleId']);

    const done = await val.post(`${base}/my-hours`, logged({}));
    expect(done.location).toBe(`${base}/my-hours`);
    const mine = textOf((await val.follow(done)).html);
    expect(mine).toContain('Your hours are logged');
    expect(mine).toMatch(
      /Café host\s+Waiting for approval\s+.*1 hour 30 minutes · Logged by hand\s+“Set up the room and made tea”/s,
    );
    expect(mine).toMatch(/All time\s+0 hours/);
    await val.post(`${base}/my-hours`, logged({ hours: '3', minutes: '', description: '' }));
  });

  it('lets a coordinator approve as asked, adjust and decline with a reason the volunteer sees', async () => {
    const queue = await cleo.get(`${base}/hours`);
    const [fromShift, first, second] = [...new Set(idsOf(queue.html))];
    const approved = await cleo.post(`${base}/volunteers/${f.valId}/hours/${fromShift}/approve`, {
      back: 'queue',
    });
    expect(approved.location).toBe(`${base}/hours`);
    expect(textOf((await cleo.follow(approved)).html)).toContain('2 hours 30 minutes of Café host count');

    const decide = await cleo.get(`${base}/volunteers/${f.valId}/hours/${first}`);
    expect(textOf(decide.html)).toContain('Val’s hours');
    expect(decide.html).toMatch(/id="hours" name="hours" type="text" value="1"/);
    for (const [hours, minutes, anchors] of [
      ['', '', ['#hours']],
      ['1', '60', ['#minutes']],
      ['25', '0', ['#hours']],
    ] as const) {
      const bad = await cleo.post(`${base}/volunteers/${f.valId}/hours/${first}/approve`, {
        adjust: 'yes',
        hours,
        minutes,
      });
      expect(bad.status).toBe(400);
      expect(errorSummaryLinks(bad.html)).toEqual(anchors);
    }
    const adjusted = await cleo.post(`${base}/volunteers/${f.valId}/hours/${first}/approve`, {
      adjust: 'yes',
      hours: '1',
      minutes: '0',
    });
    expect(adjusted.location).toBe(`${base}/volunteers/${f.valId}/hours`);
    expect(textOf((await cleo.follow(adjusted)).html)).toMatch(/1 hour 30 minutes asked, 1 hour approved/);

    const blank = await cleo.post(`${base}/volunteers/${f.valId}/hours/${second}/decline`, { reason: ' ' });
    expect(blank.status).toBe(400);
    expect(errorSummaryLinks(blank.html)).toEqual(['#reason']);
    await cleo.post(`${base}/volunteers/${f.valId}/hours/${second}/decline`, {
      reason: 'That day was a training day, so it is not volunteering',
    });
    expect(textOf((await cleo.get(`${base}/hours`)).html)).toContain(
      'There are no hours waiting for approval',
    );

    const mine = textOf((await val.get(`${base}/my-hours`)).html);
    expect(mine).toMatch(
      /Declined.*Why it was declined: That day was a training day, so it is not volunteering/s,
    );
    expect(mine).toMatch(/All time\s+3 hours 30 minutes/);
    expect(mine).toMatch(/Café host\s+3 hours 30 minutes \(/);
    // The same totals on the volunteer's page, reached from their training records.
    expect((await sam.get(`${base}/volunteers/${f.valId}`)).html).toContain(
      `${base}/volunteers/${f.valId}/hours`,
    );
    const theirs = textOf((await sam.get(`${base}/volunteers/${f.valId}/hours`)).html);
    expect(theirs).toMatch(/Val’s hours.*All time\s+3 hours 30 minutes/s);
    expect(theirs).toContain('Change the decision');
  });

  it('shows a member no hours action and refuses them, and a volunteer, the coordinators’ pages', async () => {
    const home = textOf((await mo.get(base)).html);
    for (const words of ['My hours', 'Log hours', 'Hours to approve']) expect(home).not.toContain(words);
    const mine = await mo.get(`${base}/my-hours`);
    expect(mine.status).toBe(200);
    expect(textOf(mine.html)).toContain('No hours yet');
    expect(mine.html).not.toContain('my-hours/log');
    expectForbidden(await mo.get(`${base}/my-hours/log`));
    expectForbidden(await mo.post(`${base}/my-hours`, logged({})));
    // An account linked to no member record has no hours of its own.
    expectForbidden(await sam.get(`${base}/my-hours`));
    const entryId = idsOf((await sam.get(`${base}/volunteers/${f.valId}/hours`)).html)[0];
    for (const who of [mo, val]) {
      for (const path of [
        `${base}/hours`,
        `${base}/volunteers/${f.valId}/hours`,
        `${base}/volunteers/${f.valId}/hours/${entryId}`,
      ])
        expectForbidden(await who.get(path));
      expectForbidden(await who.post(`${base}/volunteers/${f.valId}/hours/${entryId}/approve`, {}));
      expectForbidden(
        await who.post(`${base}/volunteers/${f.valId}/hours/${entryId}/decline`, { reason: 'No' }),
      );
    }
  });

  it('answers another LERO’s entries and members exactly like missing ones', async () => {
    const missing = '0190a5e4-0000-7000-8000-000000000000';
    for (const entryId of [other.entryId, missing]) {
      expectNotFound(await cleo.get(`${base}/volunteers/${f.valId}/hours/${entryId}`));
      expectNotFound(await cleo.get(`${base}/volunteers/${other.memberId}/hours/${entryId}`));
      expectNotFound(await cleo.post(`${base}/volunteers/${f.valId}/hours/${entryId}/approve`, {}));
      expectNotFound(
        await cleo.post(`${base}/volunteers/${f.valId}/hours/${entryId}/decline`, { reason: 'No' }),
      );
    }
    expectNotFound(await cleo.get(`${base}/volunteers/${other.memberId}/hours`));
    expectNotFound(await cleo.get(`${base}/volunteers/not-an-id/hours`));
    // Still waiting in its own LERO's queue: nothing was approved or declined.
    expect(await other.status()).toBe('pending');
  });
});

/** Another LERO with a volunteer and a pending entry of theirs, made through its own admin's API. */
async function anotherLerosEntry(h: WebHarness) {
  const { call } = await anotherLero(h);
  const hal = await call<{ id: string }>('POST', '/members', {
    displayName: 'Hal',
    communityRoles: ['volunteer'],
  });
  const role = await call<{ id: string }>('POST', '/volunteering/roles', {
    title: 'Driver',
    visibility: 'members',
  });
  await eventually(async () => {
    const list = await call<{ items: { memberId: string }[] }>('GET', '/volunteering/volunteers');
    if (!list.items.some((v) => v.memberId === hal.id)) throw new Error('Hal is not a volunteer yet');
  });
  const entry = await call<{ id: string }>('POST', '/volunteering/hours', {
    memberId: hal.id,
    roleId: role.id,
    date: DateTime.now().setZone('Europe/London').toISODate(),
    minutes: 60,
  });
  const status = async () =>
    (await call<{ items: { id: string; status: string }[] }>('GET', '/volunteering/hours')).items.find(
      (e) => e.id === entry.id,
    )?.status;
  return { entryId: entry.id, memberId: hal.id, status };
}
