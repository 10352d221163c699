import { DateTime } from 'luxon';
import { eventually, type PageClient } from '@hearth/testing';
import { ReleaseService } from '../../reporting/src';
import { acceptThroughWeb, apiCall, passphraseOf, setUpLero, type LeroFixture } from './lero-fixture';
import type { WebHarness } from './web.harness';

const HOUR = 3_600_000;
/** Sessions are held from 70 to 10 minutes ago. */
const heldStart = () => DateTime.now().minus({ minutes: 70 }).setZone('Europe/London');
/** The month (London) `holdSession` holds its sessions in, `YYYY-MM`. */
export const heldMonth = () => heldStart().toFormat('yyyy-MM');

type Cell = { value: number } | { suppressed: true };

export interface ReportingLero {
  id: string;
  name: string;
  /** Its tenant-admin's API token, to set up its figures. */
  token: string;
  /** Its tenant-admin, signed in to the web app. */
  admin: PageClient;
}

export interface ReportFixture {
  adminToken: string;
  regionId: string;
  regionName: string;
  /** Another region, which the commissioner does not reach. */
  otherRegionId: string;
  /** 23 members checked in and 5 walk-ins at a walking group. */
  busy: ReportingLero;
  /** 3 members at an arts group: suppressed. */
  quiet: ReportingLero;
  /** 12 members at a peer-support group. With the busy one, suppressed too, or one of them could subtract its
   * own figure from the total and find the quiet one's. */
  steady: ReportingLero;
  commissioner: { email: string; password: string; client: PageClient };
  /** The month (London) the sessions were held in: `YYYY-MM`. */
  month: string;
}

/** A LERO admin's API token, through their second factor (they set it up accepting their invitation). */
const login = (h: WebHarness, email: string, displayName: string) =>
  h.given.login(email, passphraseOf(displayName));

/**
 * One session of `category` that started 70 minutes ago and ended 10 minutes ago, with `people` members
 * (imported) checked in and `walkIns` walk-ins: what a LERO's register gives the reports, through the API.
 */
export async function holdSession(
  h: WebHarness,
  lero: ReportingLero,
  category: string,
  people: number,
  walkIns = 0,
): Promise<void> {
  const base = `/api/v1/tenants/${lero.id}`;
  const csv = ['displayName', ...Array.from({ length: people }, (_, i) => `Person ${i + 1}`)].join('\n');
  const imported = await fetch(`${h.hearth.url}${base}/members/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${lero.token}`, 'content-type': 'text/csv' },
    body: csv,
  });
  if (imported.status !== 201) throw new Error(`import → ${imported.status}: ${await imported.text()}`);
  const members = await apiCall<{ items: { id: string }[] }>(
    h,
    'GET',
    `${base}/members?limit=100`,
    lero.token,
  );
  const start = heldStart();
  const activity = await apiCall<{ id: string }>(h, 'POST', `${base}/activities`, lero.token, {
    title: `A ${category} group`,
    category,
    visibility: 'members',
    schedule: { startsAt: start.toFormat("yyyy-MM-dd'T'HH:mm"), durationMinutes: 60 },
  });
  const from = encodeURIComponent(new Date(start.toMillis() - 24 * HOUR).toISOString());
  const [session] = (
    await apiCall<{ items: { id: string }[] }>(
      h,
      'GET',
      `${base}/sessions?activityId=${activity.id}&from=${from}`,
      lero.token,
    )
  ).items;
  for (const m of members.items)
    await apiCall(h, 'POST', `${base}/sessions/${session.id}/attendance`, lero.token, { memberId: m.id });
  if (walkIns)
    await apiCall(h, 'POST', `${base}/sessions/${session.id}/walk-ins`, lero.token, { count: walkIns });
}

/** Releases `month` as the reporting sweep will once it is due (7 days after the month ends). */
export async function releaseMonth(h: WebHarness, month: string): Promise<void> {
  const [y, m] = month.split('-').map(Number);
  await h.hearth.app.get(ReleaseService, { strict: false }).sweep(new Date(Date.UTC(y, m, 8, 0, 1)));
}

/** Another LERO in a region, its admin signed in to the web app (and, with `withToken`, to the API). */
export async function addLero(
  h: WebHarness,
  adminToken: string,
  regionId: string,
  name: string,
  displayName: string,
  withToken = true,
): Promise<ReportingLero> {
  const slug = name.split(' ')[0].toLowerCase();
  const email = `${displayName.toLowerCase()}@${slug}.example.org`;
  const created = await apiCall<{ id: string; invitation: { token: string } }>(
    h,
    'POST',
    '/api/v1/tenants',
    adminToken,
    { regionId, name, slug, adminEmail: email },
  );
  const admin = await acceptThroughWeb(h, created.invitation.token, email, displayName);
  return { id: created.id, name, token: withToken ? await login(h, email, displayName) : '', admin };
}

/** Someone joins a LERO with a role: invited through the API (by the LERO's admin), accepted through the web. */
export async function joinLero(
  h: WebHarness,
  leroAdminToken: string,
  lero: { id: string },
  email: string,
  role: string,
  displayName: string,
): Promise<PageClient> {
  const { token } = await apiCall<{ token: string }>(
    h,
    'POST',
    `/api/v1/tenants/${lero.id}/invitations`,
    leroAdminToken,
    { email, role },
  );
  return acceptThroughWeb(h, token, email, displayName);
}

/** The LERO `setUpLero` made (Phoenix), as a LERO whose registers are kept through the API. */
export async function phoenixOf(
  h: WebHarness,
  fixture: Pick<LeroFixture, 'leroId'> & { sam: PageClient },
): Promise<ReportingLero> {
  return {
    id: fixture.leroId,
    name: 'Phoenix Recovery Community',
    token: await login(h, 'sam@phoenix.example.org', 'Sam'),
    admin: fixture.sam,
  };
}

/**
 * A region with three LEROs whose registers give a regional report some published and some suppressed
 * figures (as in the reporting service's own end-to-end test), its commissioner signed in to the web app,
 * and another region. Set up through the API; the reporting projections catch up before it returns.
 */
export async function setUpReportingRegion(h: WebHarness): Promise<ReportFixture> {
  const phoenix = await setUpLero(h, 'phoenix');
  const { adminToken, regionId } = phoenix;

  const busy = await phoenixOf(h, phoenix);
  const quiet = await addLero(h, adminToken, regionId, 'Lantern Arts Collective', 'Lee');
  const steady = await addLero(h, adminToken, regionId, 'Harbour Peer Support', 'Hana');
  const other = await apiCall<{ id: string }>(h, 'POST', '/api/v1/regions', adminToken, {
    name: 'North West',
    slug: 'north-west',
  });

  const commissionerEmail = 'cass@commissioning.example.org';
  const invitation = await apiCall<{ token: string }>(
    h,
    'POST',
    `/api/v1/regions/${regionId}/invitations`,
    adminToken,
    { email: commissionerEmail, role: 'commissioner' },
  );
  const commissioner = await acceptThroughWeb(h, invitation.token, commissionerEmail, 'Cass');

  await holdSession(h, busy, 'walking', 23, 5);
  await holdSession(h, quiet, 'arts-crafts', 3);
  await holdSession(h, steady, 'peer-support', 12);
  const month = heldMonth();
  // The projections are eventually consistent: wait until each LERO's own figures have every check-in.
  await eventually(
    async () => {
      for (const [lero, attendances] of [
        [busy, 28],
        [quiet, 3],
        [steady, 12],
      ] as const) {
        const own = await apiCall<{ totals: Record<string, { values: Record<string, Cell> }> }>(
          h,
          'GET',
          `/api/v1/tenants/${lero.id}/reports/impact?period=month&from=${month}&to=${month}`,
          lero.token,
        );
        expect(own.totals[month].values.attendances).toEqual({ value: attendances });
      }
    },
    { timeoutMs: 30_000 },
  );

  return {
    adminToken,
    regionId,
    regionName: 'North East',
    otherRegionId: other.id,
    busy,
    quiet,
    steady,
    commissioner: { email: commissionerEmail, password: passphraseOf('Cass'), client: commissioner },
    month,
  };
}
