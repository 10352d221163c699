import { DateTime } from 'luxon';
import { PageClient, expectForbidden, expectNotFound, textOf } from '@hearth/testing';
import { apiCall, errorSummaryLinks, passphraseOf, setUpLero, signInThroughWeb } from './lero-fixture';
import { setUpVolunteering, type VolunteeringFixture } from './volunteering-fixture';
import { startWebHarness, type WebHarness } from './web.harness';

const idsOf = (html: string) => [...html.matchAll(/\/my-hours\/([0-9a-f-]{36})\/edit/g)].map((m) => m[1]);

/**
 * "I'm interested" on a role's page and a volunteer's change of their own pending hours (ADR 0063), against a real
 * Hearth over HTTP with no JavaScript: Mo (a member, not a volunteer) says it with a note, Sam (the LERO's admin)
 * sees Mo by name and follows it up, Mo says it again and takes it back; Val changes and withdraws hours they logged,
 * and cannot once a coordinator decided them. People without a linked record, and another LERO's roles, are refused.
 */
describe('interest and one’s own hours in the web app', () => {
  let h: WebHarness;
  let f: VolunteeringFixture;
  let sam: PageClient;
  let val: PageClient;
  let mo: PageClient;
  let base: string;
  let roleId: string;
  let theirRole: string;
  const yesterday = DateTime.now().setZone('Europe/London').minus({ days: 1 });
  const logged = (more: Record<string, string> = {}) => ({
    'date-day': String(yesterday.day),
    'date-month': String(yesterday.month),
    'date-year': String(yesterday.year),
    hours: '1',
    minutes: '30',
    roleId,
    description: 'Made tea',
    ...more,
  });

  beforeAll(async () => {
    h = await startWebHarness({ authRateLimit: 100 });
    f = await setUpVolunteering(h);
    sam = f.sam;
    base = `/leros/${f.leroId}/volunteering`;
    val = new PageClient(h.webUrl);
    await signInThroughWeb(h, val, 'val@phoenix.example.org', passphraseOf('Val'));
    mo = new PageClient(h.webUrl);
    await signInThroughWeb(h, mo, 'mo@phoenix.example.org', passphraseOf('Mo'));
    roleId = (
      await f.api<{ id: string }>('POST', '/volunteering/roles', {
        title: 'Café host',
        visibility: 'members',
      })
    ).id;
    const hope = await setUpLero(h, 'hope');
    theirRole = (
      await apiCall<{ id: string }>(
        h,
        'POST',
        `/api/v1/tenants/${hope.leroId}/volunteering/roles`,
        await h.given.login('sam@hope.example.org', passphraseOf('Sam')),
        { title: 'Driver', visibility: 'members' },
      )
    ).id;
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('lets a member say they are interested, with a warning not to name anyone, and take it back', async () => {
    const role = await mo.get(`${base}/roles/${roleId}`);
    expect(textOf(role.html)).toContain('Tell a coordinator you would like to volunteer in this role');
    expect(role.html).toContain(`href="${base}/roles/${roleId}/interest"`);
    const form = await mo.get(`${base}/roles/${roleId}/interest`);
    expect(form.status).toBe(200);
    expect(textOf(form.html)).toContain('Do not name anyone else');
    expect(textOf(form.html)).toContain('You can enter up to 300 characters');
    const long = await mo.post(`${base}/roles/${roleId}/interest`, { note: 'x'.repeat(301) });
    expect(long.status).toBe(400);
    expect(errorSummaryLinks(long.html)).toEqual(['#note']);
    const said = await mo.post(`${base}/roles/${roleId}/interest`, { note: 'Free on Tuesdays' });
    expect(said.location).toBe(`${base}/roles/${roleId}`);
    const after = textOf((await mo.follow(said)).html);
    expect(after).toContain('You’re interested in Café host');
    expect(after).toContain('You said you are interested in this role');
    expect(after).not.toContain('Interested people');

    // Sam sees Mo by name (asked of membership as the page is read) and follows it up.
    const staffView = await sam.get(`${base}/roles/${roleId}`);
    expect(textOf(staffView.html)).toMatch(/Interested people\s+Mo\s+Interested since .*“Free on Tuesdays”/s);
    const interestId = /\/interests\/([0-9a-f-]{36})\/close/.exec(staffView.html)![1];
    const closed = await sam.post(`${base}/interests/${interestId}/close`, { outcome: 'not-now' });
    expect(closed.location).toBe(`${base}/roles/${roleId}`);
    const followed = textOf((await sam.follow(closed)).html);
    expect(followed).toContain('Followed up: not now');
    expect(followed).toMatch(/Followed up\s+Mo: not now/);
    expect(followed).toContain('Nobody is waiting to hear back');

    // Mo may say it again, and take it back.
    expect(textOf((await mo.get(`${base}/roles/${roleId}`)).html)).toContain('I’m interested');
    await mo.post(`${base}/roles/${roleId}/interest`, {});
    const withdrawn = await mo.post(`${base}/roles/${roleId}/interest/withdraw`, {});
    expect(withdrawn.location).toBe(`${base}/roles/${roleId}`);
    expect(textOf((await mo.follow(withdrawn)).html)).toContain('You’re no longer interested in this role');
    expect(textOf((await sam.get(`${base}/roles/${roleId}`)).html)).toContain(
      'Nobody is waiting to hear back',
    );
  });

  it('refuses the follow-up to members, interest to accounts with no member record, and another LERO’s roles', async () => {
    await mo.post(`${base}/roles/${roleId}/interest`, {});
    const interestId = /\/interests\/([0-9a-f-]{36})\/close/.exec(
      (await sam.get(`${base}/roles/${roleId}`)).html,
    )![1];
    expectForbidden(await mo.post(`${base}/interests/${interestId}/close`, { outcome: 'not-now' }));
    // Sam's account is linked to no member record: no "I'm interested" for them.
    expect(textOf((await sam.get(`${base}/roles/${roleId}`)).html)).not.toContain('Tell a coordinator');
    expectForbidden(await sam.get(`${base}/roles/${roleId}/interest`));
    expectForbidden(await sam.post(`${base}/roles/${roleId}/interest`, {}));
    expectNotFound(await mo.get(`${base}/roles/${theirRole}/interest`));
    expectNotFound(await mo.post(`${base}/roles/${theirRole}/interest`, {}));
    expectNotFound(await sam.post(`${base}/interests/${interestId}/close`, { outcome: 'someday' }));
    // A role closed meanwhile: said on the volunteering page, not an error.
    await val.get(`${base}/roles/${roleId}`); // a form's token, as a browser has it
    await f.api('PATCH', `/volunteering/roles/${roleId}`, { status: 'closed' });
    const late = await val.post(`${base}/roles/${roleId}/interest`, {});
    expect(late.location).toBe(base);
    expect(textOf((await val.follow(late)).html)).toContain('This role is no longer taking interest');
    await f.api('PATCH', `/volunteering/roles/${roleId}`, { status: 'open' });
  });

  it('lets a volunteer change or withdraw hours they logged while they wait, and not once decided', async () => {
    await val.get(`${base}/my-hours/log`);
    await val.post(`${base}/my-hours`, logged());
    await val.post(`${base}/my-hours`, logged({ hours: '2', minutes: '0', description: '' }));
    const [first, second] = idsOf((await val.get(`${base}/my-hours`)).html);
    const edit = await val.get(`${base}/my-hours/${first}/edit`);
    expect(textOf(edit.html)).toContain('Change your hours');
    expect(edit.html).toMatch(/id="hours" name="hours" type="text" value="1"/);
    expect(edit.html).toContain('Made tea');
    const bad = await val.post(`${base}/my-hours/${first}`, logged({ minutes: '75' }));
    expect(bad.status).toBe(400);
    expect(errorSummaryLinks(bad.html)).toEqual(['#minutes']);
    const changed = await val.post(`${base}/my-hours/${first}`, logged({ hours: '0', minutes: '45' }));
    expect(changed.location).toBe(`${base}/my-hours`);
    expect(textOf((await val.follow(changed)).html)).toMatch(
      /Your hours are changed.*45 minutes · Logged by hand/s,
    );
    const withdrawn = await val.post(`${base}/my-hours/${second}/withdraw`, {});
    expect(textOf((await val.follow(withdrawn)).html)).toContain('Your hours are withdrawn');
    expect(idsOf((await val.get(`${base}/my-hours`)).html)).toEqual([first]);
    // Decided: no more changing.
    await f.api('POST', `/volunteering/hours/${first}/approve`, {});
    expect(idsOf((await val.get(`${base}/my-hours`)).html)).toEqual([]);
    expectNotFound(await val.get(`${base}/my-hours/${first}/edit`));
    const late = await val.post(`${base}/my-hours/${first}/withdraw`, {});
    expect(textOf((await val.follow(late)).html)).toContain('These hours can no longer be changed');
    // Someone else's entry is not theirs to change.
    expectNotFound(await mo.get(`${base}/my-hours/${first}/edit`));
    expectForbidden(await sam.get(`${base}/my-hours/${first}/edit`));
  });
});
