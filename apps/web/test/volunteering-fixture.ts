import { DateTime } from 'luxon';
import { PageClient, eventually } from '@hearth/testing';
import {
  acceptThroughWeb,
  apiCall,
  passphraseOf,
  setUpLero,
  signInThroughWeb,
  type LeroFixture,
} from './lero-fixture';
import type { WebHarness } from './web.harness';

export interface VolunteeringFixture extends LeroFixture {
  sam: PageClient;
  /** A member record with the volunteer community role, and its id. */
  valId: string;
  /** A member record without it. */
  moId: string;
  /** Sam's API, for what the pages under test do not set up (a token lives a minute). */
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/** The first shift's date: four days from now (London), and the ISO week it falls in. */
export const firstShift = () => {
  const day = DateTime.now().setZone('Europe/London').plus({ days: 4 }).startOf('day');
  return { day, week: `${day.weekYear}-W${String(day.weekNumber).padStart(2, '0')}`, date: day.toISODate()! };
};

/**
 * A LERO with Val (a member record with the volunteer community role) and Mo (a member record without it), each
 * with an account linked to their record; the volunteering service has heard Val is a volunteer.
 */
export async function setUpVolunteering(h: WebHarness): Promise<VolunteeringFixture> {
  const lero = await setUpLero(h);
  let token = { value: '', at: 0 };
  const api = async <T>(method: string, path: string, body?: unknown) => {
    if (Date.now() - token.at > 30_000)
      token = { value: await h.given.login('sam@phoenix.example.org', passphraseOf('Sam')), at: Date.now() };
    return apiCall<T>(h, method, `/api/v1/tenants/${lero.leroId}${path}`, token.value, body);
  };
  const val = await api<{ id: string }>('POST', '/members', {
    displayName: 'Val',
    communityRoles: ['volunteer'],
  });
  const mo = await api<{ id: string }>('POST', '/members', { displayName: 'Mo' });
  await acceptThroughWeb(
    h,
    await lero.invite('val@phoenix.example.org', 'member', val.id),
    'val@phoenix.example.org',
    'Val',
  );
  await acceptThroughWeb(
    h,
    await lero.invite('mo@phoenix.example.org', 'member', mo.id),
    'mo@phoenix.example.org',
    'Mo',
  );
  await eventually(async () => {
    const list = await api<{ items: { memberId: string }[] }>('GET', '/volunteering/volunteers');
    if (!list.items.some((v) => v.memberId === val.id)) throw new Error('Val is not a volunteer yet');
  });
  return { ...lero, valId: val.id, moId: mo.id, api };
}

/** Another LERO (`slug`), and its own admin's API to set things up in it (a fresh token each call). */
export async function anotherLero(h: WebHarness, slug = 'hope') {
  const lero = await setUpLero(h, slug);
  const call = async <T>(method: string, path: string, body?: unknown) =>
    apiCall<T>(
      h,
      method,
      `/api/v1/tenants/${lero.leroId}${path}`,
      await h.given.login(`sam@${slug}.example.org`, passphraseOf('Sam')),
      body,
    );
  return { leroId: lero.leroId, call };
}

/** Cleo (a coordinator, invited now), Val and Mo, each signed in to the web app. */
export async function signedInCast(h: WebHarness, f: VolunteeringFixture) {
  const cleo = await acceptThroughWeb(
    h,
    await f.invite('cleo@phoenix.example.org', 'coordinator'),
    'cleo@phoenix.example.org',
    'Cleo',
  );
  const val = new PageClient(h.webUrl);
  await signInThroughWeb(h, val, 'val@phoenix.example.org', passphraseOf('Val'));
  const mo = new PageClient(h.webUrl);
  await signInThroughWeb(h, mo, 'mo@phoenix.example.org', passphraseOf('Mo'));
  return { cleo, val, mo };
}
