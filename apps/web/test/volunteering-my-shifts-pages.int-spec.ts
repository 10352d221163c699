import { PageClient, eventually, expectForbidden, expectNotFound, textOf } from '@hearth/testing';
import {
  anotherLero,
  firstShift,
  setUpVolunteering,
  signedInCast,
  type VolunteeringFixture,
} from './volunteering-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

/**
 * "My shifts" and the named rota (ADR 0061) against a real Hearth: standalone on embedded PostgreSQL, the web app as
 * its own container, HTTP only, no JavaScript. Val is on one date, second in line for another, on a role since
 * closed and on a shift since cancelled; she cancels a place with a plain form. Cleo, a coordinator, sees who is
 * on each shift by name on the rota (a leaver as "Name unavailable"), Val only her own place; accounts with no
 * place see the empty state; another LERO's ids are not found.
 */
describe('my shifts and the named rota against a real Hearth', () => {
  let h: WebHarness;
  let f: VolunteeringFixture;
  let cleo: PageClient;
  let val: PageClient;
  let mo: PageClient;
  let base: string;
  const people: Record<'ann' | 'bo' | 'dee', string> = { ann: '', bo: '', dee: '' };
  const shifts: Record<'on' | 'waiting' | 'closed' | 'cancelled', string> = {
    on: '',
    waiting: '',
    closed: '',
    cancelled: '',
  };
  let other: { leroId: string; shiftId: string };
  const first = firstShift();
  const dayOf = (plus: number) => first.day.plus({ days: plus });
  const dateOf = (plus: number) => dayOf(plus).toISODate()!;
  const inWords = (plus: number) => dayOf(plus).setLocale('en-GB').toFormat('cccc d LLLL yyyy');

  beforeAll(async () => {
    h = await startWebHarness({ authRateLimit: 100 });
    f = await setUpVolunteering(h);
    base = `/leros/${f.leroId}/volunteering`;
    ({ cleo, val, mo } = await signedInCast(h, f));
    for (const name of ['Ann', 'Bo', 'Dee'] as const) {
      const m = await f.api<{ id: string }>('POST', '/members', {
        displayName: name,
        communityRoles: ['volunteer'],
      });
      people[name.toLowerCase() as keyof typeof people] = m.id;
    }
    await eventually(async () => {
      const list = await f.api<{ items: { memberId: string }[] }>('GET', '/volunteering/volunteers');
      const ids = new Set(list.items.map((v) => v.memberId));
      if (!Object.values(people).every((id) => ids.has(id))) throw new Error('not volunteers yet');
    });
    const role = async (title: string) =>
      (await f.api<{ id: string }>('POST', '/volunteering/roles', { title, visibility: 'members' })).id;
    const cafe = await role('Café host');
    const driver = await role('Driver');
    const shift = async (roleId: string, plus: number, time: string, capacity: number) =>
      (
        await f.api<{ id: string }>('POST', `/volunteering/roles/${roleId}/shifts`, {
          startsAt: `${dateOf(plus)}T${time}`,
          durationMinutes: 150,
          capacity,
          place: 'The hall',
        })
      ).id;
    const on = (shiftId: string, memberId: string) =>
      f.api('POST', `/volunteering/shifts/${shiftId}/signups`, { memberId });
    // Listed out of order on purpose: the page puts them soonest first.
    shifts.cancelled = await shift(cafe, 3, '09:00', 2);
    shifts.waiting = await shift(cafe, 1, '14:00', 1);
    shifts.on = await shift(cafe, 0, '10:00', 4);
    shifts.closed = await shift(driver, 2, '08:30', 2);
    for (const who of [people.ann, f.valId, people.bo]) await on(shifts.on, who);
    for (const who of [people.ann, people.dee, f.valId]) await on(shifts.waiting, who);
    await on(shifts.closed, f.valId);
    await on(shifts.cancelled, f.valId);
    await f.api('PATCH', `/volunteering/roles/${driver}`, { status: 'closed' });
    await f.api('POST', `/volunteering/shifts/${shifts.cancelled}/cancel`, { reason: 'Hall flooded' });
    other = await anotherLerosShift(h);
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('lists a volunteer’s places soonest first, in words: on it, waiting, a closed role, a cancelled shift', async () => {
    const home = await val.get(base);
    expect(home.html).toContain(`href="${base}/my-shifts"`);
    const page = await val.get(`${base}/my-shifts`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toMatch(
      new RegExp(
        [
          `${inWords(0)}\\s+Café host\\s+10:00 to 12:30 · The hall\\s+You’re on it\\s+Cancel my place`,
          `${inWords(1)}\\s+Café host\\s+14:00 to 16:30 · The hall\\s+Waiting list: 2nd in line\\s+Cancel my place`,
          `${inWords(2)}\\s+Driver\\s+08:30 to 11:00 · The hall\\s+You’re on it\\s+Role closed\\s+This role is closed. To give up your place, ask a coordinator.`,
          `${inWords(3)}\\s+Café host\\s+09:00 to 11:30 · The hall\\s+Shift cancelled\\s+This shift is not happening.`,
        ].join('\\s+'),
      ),
    );
    // Only the places that can be given up have the button; it names what it cancels.
    expect(page.html.match(/name="shiftId"/g)).toHaveLength(3);
    expect(page.html).not.toContain(`value="${shifts.closed}"`);
    expect(page.html).toContain(`aria-label="Cancel my place: Café host, ${inWords(1)}"`);
  });

  it('cancels a place with a plain form and comes back to the list, and says so again without harm', async () => {
    const form = { shiftId: shifts.waiting, date: dateOf(1) };
    const done = await val.post(`${base}/my-shifts/cancel`, form);
    expect(done.location).toBe(`${base}/my-shifts`);
    const after = textOf((await val.follow(done)).html);
    expect(after).toContain('Your place is cancelled');
    expect(after).not.toContain('Waiting list');
    expect(after).not.toContain(inWords(1));
    // A second press (another tab) finds nothing to cancel: the same list, not an error.
    expect((await val.post(`${base}/my-shifts/cancel`, form)).location).toBe(`${base}/my-shifts`);
    // Dee, first in line, is still waiting; Val's place on the closed role cannot be given up here.
    const list = await f.api<{ items: { memberId: string; status: string }[] }>(
      'GET',
      `/volunteering/shifts/${shifts.waiting}/signups?date=${dateOf(1)}`,
    );
    expect(list.items.map((i) => i.memberId)).toEqual([people.ann, people.dee]);
    expectNotFound(await val.post(`${base}/my-shifts/cancel`, { shiftId: shifts.closed, date: dateOf(2) }));
    for (const bad of [
      { shiftId: 'nope', date: dateOf(0) },
      { shiftId: shifts.on, date: 'soon' },
    ])
      expectNotFound(await val.post(`${base}/my-shifts/cancel`, bad));
  });

  it('shows the empty state to accounts with no place, and refuses a cancel from one with no member record', async () => {
    for (const who of [mo, cleo, f.sam]) {
      const page = await who.get(`${base}/my-shifts`);
      expect(page.status).toBe(200);
      expect(textOf(page.html)).toContain('You are not on any shifts coming up.');
      expect(page.html).not.toContain('my-shifts/cancel');
    }
    // Mo is not a volunteer: no link, and no "sign up" hint on the empty page.
    expect((await mo.get(base)).html).not.toContain('/my-shifts');
    expect(textOf((await mo.get(`${base}/my-shifts`)).html)).not.toContain('To sign up');
    expectForbidden(await cleo.post(`${base}/my-shifts/cancel`, { shiftId: shifts.on, date: dateOf(0) }));
    // Mo cancelling a place that is not hers cancels nothing of Val's.
    await mo.post(`${base}/my-shifts/cancel`, { shiftId: shifts.on, date: dateOf(0) });
    expect(textOf((await val.get(`${base}/my-shifts`)).html)).toContain(inWords(0));
  });

  it('names who is on each shift on the rota for a coordinator, a leaver as Name unavailable, never an id', async () => {
    const rota = await cleo.get(`${base}/rota?week=${first.week}`);
    expect(rota.status).toBe(200);
    expect(textOf(rota.html)).toContain('On it: Ann, Val, Bo');
    await f.api('POST', `/members/${people.bo}/leave`, {});
    const after = await cleo.get(`${base}/rota?week=${first.week}`);
    expect(textOf(after.html)).toContain('On it: Ann, Val, Name unavailable');
    for (const id of [...Object.values(people), f.valId]) expect(after.html).not.toContain(id);
    // Val sees her own place, and nobody else's name.
    const hers = await val.get(`${base}/rota?week=${first.week}`);
    const text = textOf(hers.html);
    expect(text).toContain('You’re on it');
    for (const name of ['Ann', 'Name unavailable', 'On it:']) expect(text).not.toContain(name);
    expect(hers.html).not.toContain(f.valId);
  });

  it('answers another LERO’s ids exactly like missing ones', async () => {
    const missing = '0190a5e4-0000-7000-8000-000000000000';
    expectNotFound(await val.get(`/leros/${other.leroId}/volunteering/my-shifts`));
    expectNotFound(await val.get(`/leros/${missing}/volunteering/my-shifts`));
    for (const shiftId of [other.shiftId, missing])
      expectNotFound(await val.post(`${base}/my-shifts/cancel`, { shiftId, date: dateOf(0) }));
  });
});

/** Another LERO with a shift of its own, made through its own admin's API. */
async function anotherLerosShift(h: WebHarness) {
  const { leroId, call } = await anotherLero(h);
  const role = await call<{ id: string }>('POST', '/volunteering/roles', {
    title: 'Driver',
    visibility: 'members',
  });
  const shift = await call<{ id: string }>('POST', `/volunteering/roles/${role.id}/shifts`, {
    startsAt: `${firstShift().date}T10:00`,
    durationMinutes: 60,
    capacity: 1,
  });
  return { leroId, shiftId: shift.id };
}
