import { uuidv7 } from 'uuidv7';
import { DateTime } from 'luxon';
import type { ActivityView, MemberExportView } from '@hearth/contracts';
import {
  acceptThroughWeb,
  apiCall,
  errorSummaryLinks,
  firstSessionAt,
  invitationLinkOn,
  setUpLero,
  signInThroughWeb,
  type LeroFixture,
} from './lero-fixture';
import {
  expectForbidden,
  formFields,
  navigationOf,
  PageClient,
  type PageResponse,
  textOf,
} from '@hearth/testing';
import { startWebHarness, type WebHarness } from './web.harness';

const idFrom = (res: PageResponse, after: string) => {
  const m = res.location?.match(new RegExp(`/${after}/([0-9a-f-]{36})`));
  if (!m)
    throw new Error(`no ${after} id in ${res.status} ${res.location} ${textOf(res.html).slice(0, 300)}`);
  return m[1];
};
const activityForm = (over: Record<string, string> = {}) => ({
  title: 'Walking group',
  category: 'walking',
  description: '',
  ...firstSessionAt(DateTime.now().plus({ days: 7 })),
  duration: '90',
  repeat: 'weekly',
  weeklyInterval: '1',
  monthlyPosition: '',
  monthlyDay: '',
  end: 'never',
  endCount: '',
  'endDate-day': '',
  'endDate-month': '',
  'endDate-year': '',
  locationName: 'Leazes Park gates',
  address: '',
  postcode: '',
  onlineUrl: '',
  visibility: 'public',
  capacity: '',
  ...over,
});

/**
 * The LERO's own screens (members, activities and sessions, the door view, a member's profile, the public
 * page) against a real Hearth: standalone on embedded PostgreSQL, the web app as its own container, HTTP only.
 * Each screen: its happy path, a validation error in the error summary, and a role it is forbidden to.
 */
describe('a LERO’s pages against a real Hearth', () => {
  let h: WebHarness;
  let lero: LeroFixture;
  let sam: PageClient; // tenant-admin
  let samToken: string; // Sam's API token, to check what the pages asked the API for
  let val: PageClient; // volunteer
  let admin: PageClient; // platform admin: no person-level data
  let mo: PageClient; // member, linked to Mo's record
  let base: string;
  let joId: string;
  let moId: string;
  let doorSessionId: string;
  let futureSessionId: string;

  beforeAll(async () => {
    h = await startWebHarness();
    const fixture = await setUpLero(h);
    lero = fixture;
    sam = fixture.sam;
    base = `/leros/${lero.leroId}`;
    samToken = await h.given.login('sam@phoenix.example.org', 'Sam’s long passphrase');
    val = await acceptThroughWeb(
      h,
      await lero.invite('val@phoenix.example.org', 'volunteer'),
      'val@phoenix.example.org',
      'Val',
    );
    admin = new PageClient(h.webUrl);
    await signInThroughWeb(h, admin, h.admin.email, h.admin.password);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  describe('members', () => {
    it('adds a member: field errors (ours and the API’s) in the error summary, then the record', async () => {
      const form = await sam.get(`${base}/members/new`);
      expect(form.status).toBe(200);
      expect(textOf(form.html)).toContain('Add a member');

      const empty = await sam.post(`${base}/members`, { displayName: '', email: 'not an email' });
      expect(empty.status).toBe(400);
      expect(errorSummaryLinks(empty.html)).toEqual(['#displayName', '#email']);

      // The API's email rule is stricter than ours: its problem+json field error lands on the field.
      const apiRefuses = await sam.post(`${base}/members`, { displayName: 'Jo', email: 'jo@phoenix.x' });
      expect(apiRefuses.status).toBe(400);
      expect(errorSummaryLinks(apiRefuses.html)).toEqual(['#email']);
      expect(textOf(apiRefuses.html)).toContain('Email address must be an email address');
      expect(apiRefuses.html).toContain('value="Jo"');

      const created = await sam.post(`${base}/members`, {
        displayName: 'Jo',
        email: 'jo@phoenix.example.org',
        phone: '0191 498 0000',
        preferredContact: 'email',
        reminders: 'email',
        communityRoles: 'member',
        pathway: 'Walking helps',
        consents: 'contact',
        notes: 'Likes the Tuesday walk',
      });
      expect(created.status).toBe(303);
      joId = idFrom(created, 'members');
      const page = await sam.follow(created);
      const text = textOf(page.html);
      expect(text).toContain('Jo has been added');
      expect(text).toMatch(/Email address\s+jo@phoenix\.example\.org/);
      expect(text).toMatch(/Prefers contact\s+By email/);
      expect(text).toMatch(/Session and shift reminders\s+Email the day before/);
      expect(text).toMatch(/Contact\s+Given.*Photos\s+Not given/);
    });

    it('imports a CSV: checked first, every problem by row, column and value, then everyone added', async () => {
      const form = await sam.get(`${base}/members/import`);
      expect(form.html).toContain('enctype="multipart/form-data"');

      const none = await sam.postMultipart(`${base}/members/import`, {}, {});
      expect(none.status).toBe(400);
      expect(errorSummaryLinks(none.html)).toEqual(['#file']);
      expect(textOf(none.html)).toContain('Select a spreadsheet file');
      const tooBig = await sam.postMultipart(
        `${base}/members/import`,
        {},
        { file: { name: 'big.csv', text: `displayName\n${'x'.repeat(800 * 1024)}` } },
      );
      expect(tooBig.status).toBe(400);
      expect(textOf(tooBig.html)).toContain('The file must be smaller than 768 KB');

      const bad = await sam.postMultipart(
        `${base}/members/import`,
        {},
        {
          file: {
            name: 'members.csv',
            text: 'displayName,email,phone,communityRoles,pathway\nAsha,,,,\n,x@y.org,,,\nBen,not-an-email,,wizard,\n',
          },
        },
      );
      expect(bad.status).toBe(200);
      expect(errorSummaryLinks(bad.html)).toEqual(['#problems']);
      const text = textOf(bad.html);
      expect(text).toContain('members.csv has 3 problems. Nobody can be imported');
      expect(text).toContain('Row 3, column A (displayName) Is required');
      expect(text).toContain('Row 4, column B (email) Found: “not-an-email” Must be an email address');
      expect(text).toContain('Row 4, column D (communityRoles) Found: “wizard” Is not a role');
      expect(text).not.toMatch(/Import \d+ (person|people)/);
      const listed = await sam.get(`${base}/members?q=Asha`);
      expect(textOf(listed.html)).toContain('Nobody matches your search');

      const rows = Array.from({ length: 30 }, (_, i) => `Zed ${String(i + 1).padStart(2, '0')},,,volunteer,`);
      const checked = await sam.postMultipart(
        `${base}/members/import`,
        {},
        {
          file: {
            name: 'members.csv',
            text: `\uFEFFdisplayName,email,phone,communityRoles,pathway\nAsha,asha@phoenix.example.org,,member;volunteer,\n${rows.join('\n')}\n`,
          },
        },
      );
      expect(checked.status).toBe(200);
      expect(textOf(checked.html)).toContain('31 new people to add');
      expect(await sam.get(`${base}/members?q=Asha`).then((r) => textOf(r.html))).toContain('Nobody matches');
      const good = await sam.postMultipart(
        `${base}/members/import/review`,
        { ...formFields(checked.html, `${base}/members/import/review`), action: 'import' },
        {},
      );
      expect(good.status).toBe(303);
      expect(good.location).toBe(`${base}/members`);
      expect(textOf((await sam.follow(good)).html)).toContain('31 people added');
    });

    it('lists members 25 to a page, searches by name and filters by role', async () => {
      const first = await sam.get(`${base}/members`);
      expect(first.status).toBe(200);
      const names = [
        ...first.html.matchAll(
          /class="govuk-link govuk-!-font-weight-bold" href="[^"]+\/members\/[^"]+">([^<]+)</g,
        ),
      ];
      expect(names).toHaveLength(25);
      const next = first.html.match(/href="([^"]+)">Next page/)?.[1].replace(/&amp;/g, '&');
      expect(next).toBeDefined();
      const second = await sam.get(next!);
      expect(textOf(second.html)).toContain('Zed 30');
      expect(textOf(second.html)).toContain('First page');

      const search = await sam.get(`${base}/members?q=zed+0`);
      const found = textOf(search.html);
      expect(found).toContain('Zed 09');
      expect(found).not.toContain('Zed 10');
      expect(found).not.toContain('Asha');
      const volunteers = textOf((await sam.get(`${base}/members?q=a&role=volunteer`)).html);
      expect(volunteers).toContain('Asha');
      expect(volunteers).not.toContain('Jo ');
    });

    it('changes a record: empty optional fields are cleared; a missing name is an error', async () => {
      const form = await sam.get(`${base}/members/${joId}/edit`);
      expect(form.html).toContain('value="jo@phoenix.example.org"');
      const missing = await sam.post(`${base}/members/${joId}/edit`, {
        displayName: '',
        communityRoles: 'member',
      });
      expect(missing.status).toBe(400);
      expect(errorSummaryLinks(missing.html)).toEqual(['#displayName']);
      const saved = await sam.post(`${base}/members/${joId}/edit`, {
        displayName: 'Jo',
        email: 'jo@phoenix.example.org',
        phone: '',
        preferredContact: 'email',
        communityRoles: 'member',
        pathway: '',
        notes: '',
      });
      expect(saved.location).toBe(`${base}/members/${joId}`);
      const text = textOf((await sam.follow(saved)).html);
      expect(text).toContain('Changes saved');
      expect(text).toMatch(/Phone number\s+Not given/);
      expect(text).toMatch(/Notes\s+None/);
    });

    it('records consent as history, and refuses a change that changes nothing', async () => {
      const page = await sam.get(`${base}/members/${joId}/consents`);
      expect(textOf(page.html)).toMatch(/History.*Contact\s+Given\s+You/);
      const same = await sam.post(`${base}/members/${joId}/consents`, { consents: 'contact' });
      expect(same.status).toBe(400);
      expect(errorSummaryLinks(same.html)).toEqual(['#consents']);
      const changed = await sam.post(`${base}/members/${joId}/consents`, { consents: 'photos' });
      expect(changed.location).toBe(`${base}/members/${joId}/consents`);
      const after = textOf((await sam.follow(changed)).html);
      expect(after).toContain('Contact: withdrawn. Photos: given.');
      // Newest first: both changes, then the consent given when Jo was added.
      const history = after.slice(after.indexOf('History'));
      expect(history).toMatch(/Photos\s+Given\s+You/);
      expect(history).toMatch(/Contact\s+Withdrawn\s+You/);
      // What was not given when Jo was added reads "Not given", not "Withdrawn".
      expect(history).toMatch(/Photos\s+Not given\s+You.*Contact\s+Given\s+You/);
    });

    it('downloads everything Hearth holds about a person as a JSON file', async () => {
      await sam.get(`${base}/members/${joId}`);
      const res = await sam.post(`${base}/members/${joId}/export`, {});
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="hearth-data-jo-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      const data = JSON.parse(res.html) as MemberExportView;
      expect(data.memberId).toBe(joId);
      expect(data.parts.map((p) => p.service)).toEqual([
        'advocacy',
        'events',
        'membership',
        'tenants',
        'volunteering',
      ]);
    });

    it('marks someone as left after a confirmation, and rejoins them', async () => {
      const asha = (await sam.get(`${base}/members?q=asha`)).html.match(/\/members\/([0-9a-f-]{36})"/)![1];
      const confirm = await sam.get(`${base}/members/${asha}/leave`);
      expect(textOf(confirm.html)).toContain('Mark Asha as left?');
      const left = await sam.follow(await sam.post(`${base}/members/${asha}/leave`, {}));
      expect(textOf(left.html)).toContain('Asha has left');
      expect(textOf(left.html)).toMatch(/Asha\s+Left/);
      expect(textOf((await sam.get(`${base}/members?q=asha`)).html)).toContain('Nobody matches');
      expect(textOf((await sam.get(`${base}/members?q=asha&status=left`)).html)).toContain('Asha');
      const back = await sam.follow(await sam.post(`${base}/members/${asha}/rejoin`, {}));
      expect(textOf(back.html)).toContain('Asha has rejoined');
    });

    it('erases a record only when the box is ticked, after saying exactly what erasure does', async () => {
      const victim = idFrom(
        await sam.post(`${base}/members`, { displayName: 'Erin', communityRoles: 'member' }),
        'members',
      );
      const confirm = await sam.get(`${base}/members/${victim}/erase`);
      const text = textOf(confirm.html);
      expect(text).toContain('Erase Erin’s record?');
      expect(text).toContain('destroys their name, email address, phone number');
      expect(text).toContain('keeps their RSVPs and check-ins only as anonymous numbers');
      expect(text).toContain('Erasure cannot be undone');
      const unticked = await sam.post(`${base}/members/${victim}/erase`, {});
      expect(unticked.status).toBe(400);
      expect(errorSummaryLinks(unticked.html)).toEqual(['#confirm']);
      const erased = await sam.post(`${base}/members/${victim}/erase`, { confirm: 'yes' });
      expect(erased.location).toBe(`${base}/members`);
      expect(textOf((await sam.follow(erased)).html)).toContain(
        'Erin’s personal details have been destroyed',
      );
      expect((await sam.get(`${base}/members/${victim}`)).status).toBe(404);
    });

    it('is forbidden to a volunteer and to the platform admin, with a friendly 403', async () => {
      for (const client of [val, admin]) {
        expectForbidden(await client.get(`${base}/members`));
        expectForbidden(await client.get(`${base}/members/${joId}`));
        expectForbidden(await client.post(`${base}/members`, { displayName: 'Sneaky' }));
      }
      // And the navigation offers them no Members.
      expect(navigationOf((await val.get(base)).html)).toEqual([
        'Your LERO',
        'Activities',
        'Sessions',
        'Volunteering',
        'Your account',
      ]);
    });
  });

  describe('activities and sessions', () => {
    it('creates an activity from the human recurrence picker; the errors name the fields', async () => {
      const form = await sam.get(`${base}/activities/new`);
      expect(form.status).toBe(200);
      expect(form.html).not.toMatch(/rrule/i);
      expect(textOf(form.html)).toContain('Every week, or every few weeks');

      const empty = await sam.post(`${base}/activities`, {
        ...activityForm({
          title: '',
          category: '',
          'startDate-day': '',
          'startDate-month': '',
          'startDate-year': '',
          startTime: '',
        }),
      });
      expect(empty.status).toBe(400);
      expect(errorSummaryLinks(empty.html)).toEqual(['#title', '#category', '#startDate-day', '#startTime']);

      const badEnd = await sam.post(`${base}/activities`, activityForm({ end: 'count', endCount: '0' }));
      expect(errorSummaryLinks(badEnd.html)).toEqual(['#endCount']);
      expect(textOf(badEnd.html)).toContain('Number of sessions must be a whole number between 1 and 1000');

      const created = await sam.post(
        `${base}/activities`,
        activityForm({ weeklyInterval: '2', weeklyDays: 'TU', end: 'count', endCount: '6', capacity: '1' }),
      );
      expect(created.status).toBe(303);
      const activityId = idFrom(created, 'activities');
      const page = textOf((await sam.follow(created)).html);
      expect(page).toContain('Walking group is on the programme');
      expect(page).toMatch(/When\s+Every 2 weeks on Tuesday/);
      expect(page).toContain('6 sessions');
      const activity = await apiCall<ActivityView>(
        h,
        'GET',
        `/api/v1/tenants/${lero.leroId}/activities/${activityId}`,
        samToken,
      );
      expect(activity.schedule.rrule).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=6');
      expect(activity.schedule.timezone).toBe('Europe/London');
    });

    it('builds the RRULE on the server: "first Saturday of the month", "just once", and an end date', async () => {
      const monthly = await sam.post(
        `${base}/activities`,
        activityForm({
          title: 'Art club',
          category: 'arts-crafts',
          repeat: 'monthly',
          monthlyPosition: '1',
          monthlyDay: 'SA',
          end: 'until',
          'endDate-day': '31',
          'endDate-month': '12',
          'endDate-year': String(DateTime.now().year + 1),
          visibility: 'members',
        }),
      );
      expect(monthly.status).toBe(303);
      const art = await apiCall<ActivityView>(
        h,
        'GET',
        `/api/v1/tenants/${lero.leroId}/activities/${idFrom(monthly, 'activities')}`,
        samToken,
      );
      expect(art.schedule.rrule).toBe(`FREQ=MONTHLY;BYDAY=1SA;UNTIL=${DateTime.now().year + 1}1231`);
      expect(textOf((await sam.follow(monthly)).html)).toMatch(
        new RegExp(`When\\s+First Saturday of every month.*until 31 December ${DateTime.now().year + 1}`),
      );
      const once = await sam.post(
        `${base}/activities`,
        activityForm({ title: 'Summer social', category: 'sober-social', repeat: 'once' }),
      );
      const social = await apiCall<ActivityView>(
        h,
        'GET',
        `/api/v1/tenants/${lero.leroId}/activities/${idFrom(once, 'activities')}`,
        samToken,
      );
      expect(social.schedule.rrule).toBeNull();
      expect(textOf((await sam.follow(once)).html)).toMatch(/When\s+Once, on /);
    });

    it('lists the activities and the coming sessions, and cancels a session after a confirmation', async () => {
      const list = await sam.get(`${base}/activities`);
      const text = textOf(list.html);
      expect(text).toContain('Walking group');
      expect(text).toContain('Every 2 weeks on Tuesday');
      expect(text).toContain('Art club');
      expect(text).toContain('Members only');

      const sessions = await sam.get(`${base}/sessions`);
      const sessionIds = [...sessions.html.matchAll(/\/sessions\/([0-9a-f-]{36})">Walking group</g)].map(
        (m) => m[1],
      );
      expect(sessionIds.length).toBeGreaterThan(2);
      futureSessionId = sessionIds[0];
      const cancelId = sessionIds[1];
      const confirm = await sam.get(`${base}/sessions/${cancelId}/cancel`);
      expect(textOf(confirm.html)).toMatch(/Cancel .* on .*\?/);
      const tooLong = await sam.post(`${base}/sessions/${cancelId}/cancel`, { reason: 'x'.repeat(501) });
      expect(tooLong.status).toBe(400);
      expect(errorSummaryLinks(tooLong.html)).toEqual(['#reason']);
      const done = await sam.post(`${base}/sessions/${cancelId}/cancel`, { reason: 'The hall is closed' });
      expect(done.location).toBe(`${base}/sessions/${cancelId}`);
      const page = textOf((await sam.follow(done)).html);
      expect(page).toContain('Session cancelled');
      expect(page).toContain('This session is cancelled. Reason: The hall is closed');
    });

    it('is forbidden to a volunteer (creating activities) and to the platform admin (sessions)', async () => {
      expectForbidden(await val.get(`${base}/activities/new`));
      expectForbidden(await admin.get(`${base}/sessions`));
      expectForbidden(await val.get(`${base}/sessions/${futureSessionId}/cancel`));
    });
  });

  describe('the door view', () => {
    it('lets a volunteer tick people in, count walk-ins, correct and undo', async () => {
      // A weekly group starting in five minutes: its register is open (from an hour before the start).
      const created = await sam.post(
        `${base}/activities`,
        activityForm({
          title: 'Recovery café',
          category: 'peer-support',
          ...firstSessionAt(DateTime.now().plus({ minutes: 5 })),
        }),
      );
      const activityPage = await sam.follow(created);
      doorSessionId = activityPage.html.match(/\/sessions\/([0-9a-f-]{36})"/)![1];

      const sessions = textOf((await val.get(`${base}/sessions`)).html);
      expect(sessions).toContain('Recovery café');
      const door = await val.get(`${base}/sessions/${doorSessionId}/door`);
      expect(door.status).toBe(200);
      expect(textOf(door.html)).toMatch(/Door: Recovery café.*0 in/);
      expect(door.html).toContain('+1 walk-in');

      const search = await val.get(`${base}/sessions/${doorSessionId}/door?q=jo`);
      expect(textOf(search.html)).toMatch(/Jo\s+Check in Jo/);
      const checkedIn = await val.post(`${base}/sessions/${doorSessionId}/door/check-in`, {
        memberId: joId,
        name: 'Jo',
      });
      expect(checkedIn.location).toBe(`${base}/sessions/${doorSessionId}/door`);
      let page = textOf((await val.follow(checkedIn)).html);
      expect(page).toContain('Jo is checked in');
      expect(page).toMatch(/1 in 1 member · 0 walk-ins/);
      expect(page).toMatch(/Checked in \(1\)\s+Jo\s+✓ In\s+Undo Jo’s check-in/);

      await val.post(`${base}/sessions/${doorSessionId}/door/walk-ins`, { count: '1' });
      page = textOf(
        (await val.follow(await val.post(`${base}/sessions/${doorSessionId}/door/walk-ins`, { count: '1' })))
          .html,
      );
      expect(page).toMatch(/3 in 1 member · 2 walk-ins/);
      page = textOf(
        (await val.follow(await val.post(`${base}/sessions/${doorSessionId}/door/walk-ins`, { count: '-1' })))
          .html,
      );
      expect(page).toContain('Walk-ins corrected');
      expect(page).toMatch(/2 in 1 member · 1 walk-in/);

      page = textOf(
        (
          await val.follow(
            await val.post(`${base}/sessions/${doorSessionId}/door/undo`, { memberId: joId, name: 'Jo' }),
          )
        ).html,
      );
      expect(page).toContain('Jo’s check-in is undone');
      expect(page).toMatch(/1 in 0 members · 1 walk-in/);

      // Undone again (a second phone): nothing changed, and the page says so rather than "undone".
      page = textOf(
        (
          await val.follow(
            await val.post(`${base}/sessions/${doorSessionId}/door/undo`, { memberId: joId, name: 'Jo' }),
          )
        ).html,
      );
      expect(page).toContain('Jo was not checked in');
      expect(page).not.toContain('Jo’s check-in is undone');
      // A session that is not there (or another LERO's) is not found, not "undone".
      const missing = await val.post(`${base}/sessions/${uuidv7()}/door/undo`, {
        memberId: joId,
        name: 'Jo',
      });
      expect(missing.status).toBe(404);
      expect(textOf(missing.html)).not.toContain('undone');
    });

    it('shows the API’s refusal in the error summary (no walk-ins below zero)', async () => {
      await val.follow(await val.post(`${base}/sessions/${doorSessionId}/door/walk-ins`, { count: '-1' }));
      const refused = await val.post(`${base}/sessions/${doorSessionId}/door/walk-ins`, { count: '-1' });
      expect(refused.status).toBe(409);
      expect(errorSummaryLinks(refused.html)).toEqual(['#register']);
      expect(textOf(refused.html)).toContain('the count cannot go below zero');
    });

    it('counts a walk-in form sent twice once: each form carries the key it was rendered with', async () => {
      const door = `${base}/sessions/${doorSessionId}/door`;
      const keysOf = (html: string) =>
        [...html.matchAll(/name="idempotencyKey" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
      const page = await val.get(door);
      const [add, correct] = keysOf(page.html);
      expect(add).toBeDefined();
      expect(correct).toBeDefined();
      expect(add).not.toBe(correct);
      const before = textOf(page.html).match(/(\d+) walk-ins?/)![1];
      // A double tap, or the browser sending the form again: the same key twice.
      const first = await val.post(`${door}/walk-ins`, { count: '1', idempotencyKey: add });
      const again = await val.post(`${door}/walk-ins`, { count: '1', idempotencyKey: add });
      expect([first.status, again.status]).toEqual([303, 303]);
      const after = await val.follow(again);
      expect(textOf(after.html)).toContain('Walk-in counted');
      expect(textOf(after.html)).toMatch(new RegExp(`· ${Number(before) + 1} walk-ins?`));
      // The page as rendered again has new keys: the next tap counts.
      const next = keysOf(after.html);
      expect(next).toHaveLength(2);
      expect(next).not.toContain(add);
      const counted = await val.follow(
        await val.post(`${door}/walk-ins`, { count: '1', idempotencyKey: next[0] }),
      );
      expect(textOf(counted.html)).toMatch(new RegExp(`· ${Number(before) + 2} walk-ins`));
    });

    it('says when the register is not open yet, and offers no check-in buttons', async () => {
      const page = await val.get(`${base}/sessions/${futureSessionId}/door`);
      expect(textOf(page.html)).toContain('The register opens at');
      expect(page.html).not.toContain('+1 walk-in');
    });
  });

  describe('a member', () => {
    it('gets an account linked to their record, from the record’s page', async () => {
      const created = await sam.post(`${base}/members`, {
        displayName: 'Mo',
        email: 'mo@phoenix.example.org',
        communityRoles: 'member',
      });
      moId = idFrom(created, 'members');
      const form = await sam.get(`${base}/members/${moId}/invite`);
      expect(form.html).toContain('value="mo@phoenix.example.org"');
      const bad = await sam.post(`${base}/members/${moId}/invite`, { email: 'mo' });
      expect(errorSummaryLinks(bad.html)).toEqual(['#email']);
      const invited = await sam.post(`${base}/members/${moId}/invite`, { email: 'mo@phoenix.example.org' });
      expect(invited.location).toBe(`${base}/team/invitation`);
      const link = invitationLinkOn((await sam.follow(invited)).html);
      mo = await acceptThroughWeb(h, link.searchParams.get('token')!, 'mo@phoenix.example.org', 'Mo');
      expect((await mo.get('/me')).location).toBe(`${base}/me`);
    });

    it('says they are going from the list; a full session waitlists the next; staff see both; a place passes on', async () => {
      const list = await mo.get(`${base}/sessions`);
      expect(list.status).toBe(200);
      expect(textOf(list.html)).toContain('I’m going');
      const going = await mo.post(`${base}/sessions/${futureSessionId}/rsvp`, { back: `${base}/sessions` });
      expect(going.location).toBe(`${base}/sessions`);
      expect(textOf((await mo.follow(going)).html)).toContain('You’re going');

      // The session has one place: Jo, invited from their record, goes on the waitlist.
      await sam.get(`${base}/members/${joId}/invite`);
      const link = invitationLinkOn(
        (
          await sam.follow(
            await sam.post(`${base}/members/${joId}/invite`, { email: 'jo@phoenix.example.org' }),
          )
        ).html,
      );
      const jo = await acceptThroughWeb(h, link.searchParams.get('token')!, 'jo@phoenix.example.org', 'Jo');
      await jo.get(`${base}/sessions/${futureSessionId}`);
      const waiting = await jo.post(`${base}/sessions/${futureSessionId}/rsvp`, {});
      expect(textOf((await jo.follow(waiting)).html)).toMatch(/You’re on the waitlist.*is full/);

      const staffView = textOf((await sam.get(`${base}/sessions/${futureSessionId}`)).html);
      expect(staffView).toMatch(/Going \(1\)\s+Mo.*Waitlist \(1\).*Jo/);
      expect(textOf((await val.get(`${base}/sessions/${futureSessionId}/door`)).html)).toMatch(
        /Expected \(1\)\s+Mo.*Waitlist \(1\)\s+Jo/,
      );

      const page = await mo.get(`${base}/sessions/${futureSessionId}`);
      expect(textOf(page.html)).toContain('I can’t come any more');
      const withdrawn = await mo.post(`${base}/sessions/${futureSessionId}/rsvp/cancel`, {});
      expect(textOf((await mo.follow(withdrawn)).html)).toContain('You’re no longer going');
      expect(textOf((await jo.get(`${base}/sessions/${futureSessionId}`)).html)).toMatch(
        /Are you coming\?\s+You’re going/,
      );
    });

    it('sees and changes their own profile and consents, with errors in the summary, and downloads their data', async () => {
      const profile = await mo.get(`${base}/me`);
      expect(profile.status).toBe(200);
      expect(textOf(profile.html)).toMatch(
        /Your profile.*Name\s+Mo.*Email address\s+mo@phoenix\.example\.org/,
      );
      await mo.get(`${base}/me/edit`);
      const bad = await mo.post(`${base}/me/edit`, { displayName: '', email: 'nope', consents: 'photos' });
      expect(bad.status).toBe(400);
      expect(errorSummaryLinks(bad.html)).toEqual(['#displayName', '#email']);
      expect(textOf(bad.html)).toContain('Enter your name');
      const saved = await mo.post(`${base}/me/edit`, {
        displayName: 'Mo B',
        email: 'mo@phoenix.example.org',
        preferredContact: 'none',
        reminders: 'email',
        consents: 'shareStoriesAnonymously',
      });
      expect(saved.location).toBe(`${base}/me`);
      const text = textOf((await mo.follow(saved)).html);
      expect(text).toContain('Your changes are saved');
      expect(text).toMatch(/How to contact you\s+I do not want to be contacted/);
      expect(text).toMatch(/Reminders of sessions and shifts\s+Email me the day before/);
      // Reminders by email need an address to go to.
      const noEmail = await mo.post(`${base}/me/edit`, {
        displayName: 'Mo B',
        email: '',
        reminders: 'email',
      });
      expect(errorSummaryLinks(noEmail.html)).toEqual(['#email']);
      expect(textOf(noEmail.html)).toContain('Enter your email address, or choose no reminders');
      expect(text).toMatch(/Stories, without a name\s+Yes/);
      // Staff see that it was the person who gave it.
      expect(textOf((await sam.get(`${base}/members/${moId}/consents`)).html)).toMatch(
        /Stories, without a name\s+Given\s+Them, in Hearth/,
      );

      const download = await mo.post(`${base}/me/export`, {});
      expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="hearth-data-mo-b-/);
      expect((JSON.parse(download.html) as MemberExportView).memberId).toBe(moId);
    });

    it('is forbidden the door view and the members; a volunteer has no profile', async () => {
      expectForbidden(await mo.get(`${base}/sessions/${doorSessionId}/door`));
      expectForbidden(await mo.get(`${base}/members`));
      expectForbidden(await mo.post(`${base}/sessions/${doorSessionId}/door/walk-ins`, { count: '1' }));
      expectForbidden(await val.get(`${base}/me`));
      expect(navigationOf((await mo.get(base)).html)).toEqual([
        'Your LERO',
        'Activities',
        'Sessions',
        'Volunteering',
        'You said, we did',
        'Consultations',
        'Testimony',
        'Your profile',
        'Your account',
      ]);
    });
  });

  describe('the LERO’s home', () => {
    it('shows staff this week’s sessions and the newest members', async () => {
      const home = textOf((await sam.get(base)).html);
      expect(home).toMatch(/This week .*Recovery café/);
      expect(home).toMatch(/Recent members\s+Mo B\s+Member\s+Zed 30/);
      expect(home).toContain('Add a member');
    });

    it('shows a volunteer the door view for a session that is on', async () => {
      const home = await val.get(base);
      expect(textOf(home.html)).toContain('Recovery café');
      expect(home.html).toContain(`/sessions/${doorSessionId}/door`);
      expect(textOf(home.html)).not.toContain('Recent members');
    });
  });

  describe('the public page', () => {
    it('lists public sessions to anyone, with calendar links, and no names or members-only sessions', async () => {
      const anyone = new PageClient(h.webUrl);
      const page = await anyone.get(`/leros/${lero.slug}`);
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      expect(text).toContain('Phoenix Recovery Community');
      expect(text).toContain('Walking group');
      expect(text).toContain('1 place left');
      expect(text).toContain('Full'); // Jo took the first session's only place
      expect(text).not.toContain('Art club');
      expect(text).not.toMatch(/\bJo\b|\bMo\b/);
      const host = new URL(h.webUrl).host;
      expect(page.html).toContain(`href="webcal://${host}/leros/${lero.slug}/calendar.ics"`);
      expect(page.html).toContain(`href="${h.webUrl}/leros/${lero.slug}/calendar.ics"`);

      const feed = await fetch(`${h.webUrl}/leros/${lero.slug}/calendar.ics`);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toContain('text/calendar');
      const ics = await feed.text();
      expect(ics).toContain('BEGIN:VCALENDAR');
      expect(ics).toContain('SUMMARY:Walking group');
    });

    it('shows the open public volunteering roles, and never members-only or closed ones', async () => {
      const roles = `/api/v1/tenants/${lero.leroId}/volunteering/roles`;
      const training = await apiCall<{ id: string }>(
        h,
        'POST',
        `/api/v1/tenants/${lero.leroId}/volunteering/training`,
        samToken,
        { name: 'Safeguarding', kind: 'training' },
      );
      await apiCall(h, 'POST', roles, samToken, {
        title: 'Peer walk leader',
        description: 'Lead our Tuesday walks.',
        whatYoullDo: 'Welcome walkers and keep the group together.',
        skills: ['Leading a group', 'Listening'],
        where: 'Leazes Park',
        requirementIds: [training.id],
        visibility: 'public',
      });
      await apiCall(h, 'POST', roles, samToken, { title: 'Kitchen helper', visibility: 'members' });
      await apiCall(h, 'POST', roles, samToken, {
        title: 'Gardener',
        visibility: 'public',
        status: 'closed',
      });
      const page = await new PageClient(h.webUrl).get(`/leros/${lero.slug}`);
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      for (const shown of [
        'Volunteer with us',
        'Peer walk leader',
        'Lead our Tuesday walks.',
        'What you’ll do Welcome walkers and keep the group together.',
        'Skills you’ll build Leading a group, Listening',
        'Where Leazes Park',
        'What you’ll need Safeguarding',
        'How to get involved',
      ])
        expect(text).toContain(shown);
      expect(text).not.toContain('Kitchen helper');
      expect(text).not.toContain('Gardener');
    });

    it('answers an unknown LERO with a friendly 404', async () => {
      for (const path of ['/leros/no-such-lero', '/leros/Not_A_Slug', '/leros/no-such-lero/calendar.ics']) {
        const page = await new PageClient(h.webUrl).get(path);
        expect(page.status).toBe(404);
        expect(textOf(page.html)).toContain('Page not found');
      }
    });
  });
});
