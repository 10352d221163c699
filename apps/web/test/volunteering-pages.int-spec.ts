import { PageClient, expectForbidden, textOf } from '@hearth/testing';
import { errorSummaryLinks, passphraseOf, signInThroughWeb } from './lero-fixture';
import { firstShift, setUpVolunteering, type VolunteeringFixture } from './volunteering-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

const idIn = (location: string | undefined, after: string) => {
  const m = location?.match(new RegExp(`/${after}/([0-9a-f-]{36})`));
  if (!m) throw new Error(`no ${after} id in ${location}`);
  return m[1];
};

/**
 * The volunteering screens (ADR 0059) against a real Hearth: standalone on embedded PostgreSQL, the web app as its
 * own container, HTTP only, no JavaScript. A coordinator builds a role that needs training and a weekly shift and
 * sees the gap on the rota; a volunteer without the training is refused with the reason; the training is recorded;
 * the volunteer signs up and the rota shows the place filled. Members see roles and nothing of running them.
 */
describe('the volunteering pages against a real Hearth', () => {
  let h: WebHarness;
  let f: VolunteeringFixture;
  let sam: PageClient;
  let val: PageClient;
  let mo: PageClient;
  let base: string;
  let roleId: string;
  let shiftId: string;
  let trainingId: string;
  const shift = firstShift();
  /** The weekly shift's form as first posted: 10:00 for two hours at the park gates, one volunteer. */
  const weekly = {
    'startDate-day': String(shift.day.day),
    'startDate-month': String(shift.day.month),
    'startDate-year': String(shift.day.year),
    startTime: '10:00',
    duration: '120',
    repeat: 'weekly',
    weeklyInterval: '1',
    end: 'never',
    place: 'Park gates',
    capacity: '1',
  };

  beforeAll(async () => {
    h = await startWebHarness({ authRateLimit: 100 });
    f = await setUpVolunteering(h);
    sam = f.sam;
    base = `/leros/${f.leroId}/volunteering`;
    val = new PageClient(h.webUrl);
    await signInThroughWeb(h, val, 'val@phoenix.example.org', passphraseOf('Val'));
    mo = new PageClient(h.webUrl);
    await signInThroughWeb(h, mo, 'mo@phoenix.example.org', passphraseOf('Mo'));
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('adds training to the catalogue: errors in the summary, then listed; changes it', async () => {
    const bad = await sam.post(`${base}/training`, { name: '', kind: 'course', validityMonths: '500' });
    expect(bad.status).toBe(400);
    expect(errorSummaryLinks(bad.html)).toEqual(['#name', '#kind', '#validityMonths']);
    const added = await sam.post(`${base}/training`, {
      name: 'Safeguarding',
      kind: 'training',
      validityMonths: '',
    });
    expect(added.location).toBe(`${base}/training`);
    const list = await sam.follow(added);
    expect(textOf(list.html)).toContain('Safeguarding is added');
    expect(textOf(list.html)).toMatch(/Safeguarding\s+Training · Never expires/);
    trainingId = /training\/([0-9a-f-]{36})\/edit/.exec(list.html)![1];
    const changed = await sam.post(`${base}/training/${trainingId}/edit`, {
      name: 'Safeguarding',
      kind: 'training',
      validityMonths: '36',
    });
    expect(textOf((await sam.follow(changed)).html)).toMatch(/Safeguarding\s+Training · 36 months/);
  });

  it('creates a role needing the training, and a weekly shift with the recurrence picker', async () => {
    const form = await sam.get(`${base}/roles/new`);
    expect(form.html).toContain(`value="${trainingId}"`);
    const bad = await sam.post(`${base}/roles`, { title: '', visibility: 'everyone' });
    expect(bad.status).toBe(400);
    expect(errorSummaryLinks(bad.html)).toEqual(['#title', '#visibility']);
    const created = await sam.post(`${base}/roles`, [
      ['title', 'Peer walk leader'],
      ['whatYoullDo', 'Lead the Tuesday walk'],
      ['skills', 'Leading a group\nFirst aid awareness'],
      ['requirementIds', trainingId],
      ['where', 'Leazes Park'],
      ['visibility', 'members'],
    ]);
    roleId = idIn(created.location, 'roles');
    const role = textOf((await sam.follow(created)).html);
    expect(role).toContain('Peer walk leader is open');
    expect(role).toMatch(/Training and checks needed\s+Safeguarding \(training\)/);

    const shiftForm = await sam.get(`${base}/roles/${roleId}/shifts/new`);
    expect(textOf(shiftForm.html)).toContain('Leave them all empty for the same day as the first shift');
    const noDate = await sam.post(`${base}/roles/${roleId}/shifts`, {
      startTime: '25:00',
      duration: '120',
      repeat: 'weekly',
      end: 'count',
      endCount: '',
      capacity: '0',
    });
    expect(errorSummaryLinks(noDate.html)).toEqual([
      '#startDate-day',
      '#startTime',
      '#endCount',
      '#capacity',
    ]);
    expect(textOf(noDate.html)).toContain('Enter how many shifts there will be');
    const added = await sam.post(`${base}/roles/${roleId}/shifts`, weekly);
    expect(added.location).toBe(`${base}/roles/${roleId}`);
    const page = await sam.follow(added);
    expect(textOf(page.html)).toContain(`Every ${shift.day.setLocale('en-GB').toFormat('cccc')}`);
    shiftId = /shifts\/([0-9a-f-]{36})\/signups/.exec(page.html)![1];
  });

  it('shows the gap on the rota week, with the weeks either side', async () => {
    const rota = await sam.get(`${base}/rota?week=${shift.week}`);
    expect(rota.status).toBe(200);
    const text = textOf(rota.html);
    expect(text).toContain('1 place still to fill');
    expect(text).toMatch(
      /Peer walk leader.*10:00 to 12:00 · Park gates\s+0 of 1 place filled\s+1 place to fill/s,
    );
    expect(rota.html).toContain('hearth-rota__shift--gap');
    expect(rota.html).toMatch(/href="[^"]+rota\?week=\d{4}-W\d{2}">Previous week/);
    // A week that is not one is this week, not an error.
    expect((await sam.get(`${base}/rota?week=soon`)).status).toBe(200);
  });

  it('refuses the volunteer without the training, naming it; then, recorded, signs them up', async () => {
    const role = await val.get(`${base}/roles/${roleId}`);
    expect(role.html).toContain(`Sign up for `);
    const refused = await val.post(`${base}/shifts/${shiftId}/signups`, { date: shift.date });
    expect(refused.status).toBe(409);
    expect(textOf(refused.html)).toContain('You need training or checks first');
    expect(textOf(refused.html)).toMatch(/Peer walk leader needs this.*Safeguarding \(training\)/s);

    const recordPage = await sam.get(`${base}/volunteers/${f.valId}`);
    expect(textOf(recordPage.html)).toContain('Val’s training and checks');
    const future = await sam.post(`${base}/volunteers/${f.valId}/training`, {
      trainingId,
      'completedOn-day': '1',
      'completedOn-month': '1',
      'completedOn-year': '2999',
      how: 'certificate-seen',
    });
    expect(errorSummaryLinks(future.html)).toEqual(['#completedOn-day']);
    const recorded = await sam.post(`${base}/volunteers/${f.valId}/training`, {
      trainingId,
      'completedOn-day': '1',
      'completedOn-month': '1',
      'completedOn-year': '2026',
      how: 'delivered-by-us',
    });
    expect(textOf((await sam.follow(recorded)).html)).toMatch(/Safeguarding is recorded.*Delivered by us/s);

    const signed = await val.post(`${base}/shifts/${shiftId}/signups`, {
      date: shift.date,
      back: `${base}/roles/${roleId}`,
    });
    expect(signed.location).toBe(`${base}/roles/${roleId}`);
    expect(textOf((await val.follow(signed)).html)).toContain('You’re on Peer walk leader');
    const rota = textOf((await sam.get(`${base}/rota?week=${shift.week}`)).html);
    expect(rota).toContain('Every shift this week is filled');
    expect(rota).toMatch(/1 of 1 place filled\s+Filled/);
    // The coordinator sees who is on it by name (asked of membership).
    const on = await sam.get(`${base}/shifts/${shiftId}/signups?date=${shift.date}`);
    expect(textOf(on.html)).toMatch(/Who is on\s+Val/);
  });

  it('lets a coordinator assign and cancel; a volunteer cancels their own place', async () => {
    const cancelled = await sam.post(`${base}/shifts/${shiftId}/signups/cancel`, {
      date: shift.date,
      memberId: f.valId,
    });
    expect(textOf((await sam.follow(cancelled)).html)).toContain('Nobody yet');
    const assigned = await sam.post(`${base}/shifts/${shiftId}/signups`, {
      date: shift.date,
      memberId: f.valId,
    });
    expect(textOf((await sam.follow(assigned)).html)).toMatch(/They are on Peer walk leader.*Val/s);
    const own = await val.post(`${base}/shifts/${shiftId}/signups/cancel`, { date: shift.date });
    expect(textOf((await val.follow(own)).html)).toContain('Your place is cancelled');
    // A member who is not a volunteer assigned by the coordinator: refused in words.
    const notVolunteer = await sam.post(`${base}/shifts/${shiftId}/signups`, {
      date: shift.date,
      memberId: f.moId,
    });
    expect(notVolunteer.status).toBe(409);
    expect(textOf(notVolunteer.html)).toContain('This person is not an active volunteer');
  });

  it('shows a member the role without sign-up buttons, and none of running volunteering', async () => {
    const home = await mo.get(base);
    expect(textOf(home.html)).toContain('Peer walk leader');
    expect(textOf(home.html)).not.toContain('Add a role');
    const role = await mo.get(`${base}/roles/${roleId}`);
    expect(role.status).toBe(200);
    expect(role.html).not.toContain('Sign up for');
    expect(role.html).not.toContain('Add a shift');
    for (const path of [
      `${base}/roles/new`,
      `${base}/training`,
      `${base}/volunteers`,
      `${base}/volunteers/${f.valId}`,
      `${base}/expiring`,
      `${base}/roles/${roleId}/shifts/new`,
      `${base}/shifts/${shiftId}/edit`,
      `${base}/shifts/${shiftId}/signups?date=${shift.date}`,
    ])
      expectForbidden(await mo.get(path));
    expect(role.html).not.toContain(`shifts/${shiftId}/edit`);
    expectForbidden(await mo.post(`${base}/roles/${roleId}/close`, {}));
    expectForbidden(await mo.post(`${base}/shifts/${shiftId}/edit`, { capacity: '3' }));
    const refused = await mo.post(`${base}/shifts/${shiftId}/signups`, { date: shift.date });
    expect(refused.status).toBe(409);
    expect(textOf(refused.html)).toContain('Only volunteers can sign up to shifts');
  });

  it('closes the role (members no longer see it) and reopens it; corrects and removes a record', async () => {
    await sam.post(`${base}/roles/${roleId}/close`, {});
    expect((await mo.get(`${base}/roles/${roleId}`)).status).toBe(404);
    expect(textOf((await sam.get(base)).html)).toMatch(/Closed roles.*Peer walk leader/s);
    await sam.post(`${base}/roles/${roleId}/reopen`, {});
    expect((await mo.get(`${base}/roles/${roleId}`)).status).toBe(200);

    const records = await sam.get(`${base}/volunteers/${f.valId}`);
    const recordId = /training\/([0-9a-f-]{36})\/edit/.exec(records.html)![1];
    const corrected = await sam.post(`${base}/volunteers/${f.valId}/training/${recordId}/edit`, {
      trainingId,
      'completedOn-day': '2',
      'completedOn-month': '2',
      'completedOn-year': '2026',
      how: 'certificate-seen',
    });
    expect(textOf((await sam.follow(corrected)).html)).toMatch(
      /completed Monday 2 February 2026 · expires Friday 2 February 2029/,
    );
    expect((await sam.get(`${base}/expiring`)).status).toBe(200);
    const removed = await sam.post(`${base}/volunteers/${f.valId}/training/${recordId}/remove`, {});
    expect(textOf((await sam.follow(removed)).html)).toContain('Nothing recorded yet');
  });

  it('changes a shift through the same form, filled in; errors on the form; only what changed is sent', async () => {
    const form = await sam.get(`${base}/shifts/${shiftId}/edit`);
    expect(form.status).toBe(200);
    expect(textOf(form.html)).toContain('Change a shift');
    expect(form.html).toContain('value="Park gates"');
    expect(form.html).toMatch(/name="repeat"[^>]*value="weekly"[^>]*checked/);
    const same = await sam.post(`${base}/shifts/${shiftId}/edit`, weekly);
    expect(same.location).toBe(`${base}/roles/${roleId}`);
    expect(textOf((await sam.follow(same)).html)).toContain('Nothing was changed');
    const bad = await sam.post(`${base}/shifts/${shiftId}/edit`, {
      ...weekly,
      startTime: 'noon',
      end: 'count',
      endCount: '',
      capacity: '501',
    });
    expect(bad.status).toBe(400);
    expect(errorSummaryLinks(bad.html)).toEqual(['#startTime', '#endCount', '#capacity']);
    expect(textOf(bad.html)).toContain('Enter how many shifts there will be');
    expect(bad.html).toContain('value="noon"');
    const changed = await sam.post(`${base}/shifts/${shiftId}/edit`, {
      ...weekly,
      startTime: '11:00',
      place: '',
      capacity: '2',
    });
    expect(changed.location).toBe(`${base}/roles/${roleId}`);
    expect(textOf((await sam.follow(changed)).html)).toMatch(
      /The shift is changed.*keeps their place on the old date and time.*2 places/s,
    );
    const rota = textOf((await sam.get(`${base}/rota?week=${shift.week}`)).html);
    expect(rota).toMatch(/Peer walk leader.*11:00 to 13:00\s+\d of 2 places filled/s);
  });

  it('cancels a shift after asking', async () => {
    const confirm = await sam.get(`${base}/shifts/${shiftId}/cancel`);
    expect(textOf(confirm.html)).toContain('Cancel this shift?');
    const done = await sam.post(`${base}/shifts/${shiftId}/cancel`, { reason: 'Park closed' });
    expect(textOf((await sam.follow(done)).html)).toMatch(/The shift is cancelled.*Cancelled/s);
    // A cancelled shift cannot be changed: the API's refusal is on the form, never an error page.
    const form = await sam.get(`${base}/shifts/${shiftId}/edit`);
    expect(textOf(form.html)).toContain('This shift is cancelled, so it cannot be changed');
    const refused = await sam.post(`${base}/shifts/${shiftId}/edit`, { ...weekly, capacity: '3' });
    expect(refused.status).toBe(409);
    expect(errorSummaryLinks(refused.html)).toEqual(['#startDate-day']);
    expect(textOf(refused.html)).toContain('cannot be changed');
  });

  it('pages past 100 roles with "Next page" and back to the first', async () => {
    for (let i = 0; i < 100; i += 10)
      await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          f.api('POST', '/volunteering/roles', { title: `Helper ${i + j + 1}`, visibility: 'members' }),
        ),
      );
    const rolesOn = (html: string) =>
      new Set([...html.matchAll(/\/roles\/([0-9a-f-]{36})"/g)].map((m) => m[1]));
    const first = await sam.get(base);
    expect(rolesOn(first.html).size).toBe(100);
    expect(first.html).not.toContain('First page');
    const next = /href="([^"]+\?cursor=[^"]+)">Next page/.exec(first.html)![1].replace(/&amp;/g, '&');
    const second = await sam.get(next);
    expect(second.status).toBe(200);
    // The 101st, and none of the first page's again.
    const rest = [...rolesOn(second.html)];
    expect(rest).toHaveLength(1);
    expect(rolesOn(first.html).has(rest[0])).toBe(false);
    expect(second.html).not.toContain('Next page');
    expect(second.html).toContain(`href="${base}">First page`);
    // A cursor that is not one is the API's 400 in words, not a 500.
    expect((await sam.get(`${base}?cursor=nonsense`)).status).toBe(400);
  });
});
