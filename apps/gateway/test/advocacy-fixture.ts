import { Writable } from 'node:stream';
import type { Client } from 'pg';
import { consultationFields, eventually, UUID_V4 } from '@hearth/testing';
import type { DistributedHearth } from './hearth.harness';
import { bodyOf as ok } from './lero-cast';

type Json = Record<string, unknown>;

/** A consultation's fields as its staff would send them (`consultationFields`), `over` replacing any, even wrongly. */
export const consultationBody = (over: Json = {}): Json => ({ ...consultationFields(), ...over });

/** A response to `consultationBody`'s questions. */
export const answersOf = (choice: number, text?: string) => ({
  answers: [
    { question: 'q1', choice },
    { question: 'q2', scale: 4 },
    ...(text ? [{ question: 'q3', text }] : []),
  ],
});

let n = 0;

/** A member record of a LERO and an account linked to it (signed in): who may respond. */
export async function linkedMember(
  h: Pick<DistributedHearth, 'api' | 'given'>,
  lero: { id: string; adminToken: string },
): Promise<{ memberId: string; token: string; accountId: string }> {
  const admin = h.api.as(lero.adminToken);
  // The number is this call's own, so that calls may run side by side.
  const i = ++n;
  const member = ok(
    await admin.post<{ id: string }>(`/api/v1/tenants/${lero.id}/members`, { displayName: `Voice ${i}` }),
    201,
  );
  const email = `voice-${i}-${lero.id.slice(0, 8)}@example.org`;
  const invite = ok(
    await admin.post<{ token: string }>(`/api/v1/tenants/${lero.id}/invitations`, {
      email,
      role: 'member',
      memberId: member.id,
    }),
    201,
  );
  const token = await h.given.acceptInvitation(invite.token, email);
  const me = ok(await h.api.as(token).get<{ id: string }>('/api/v1/me'), 200);
  return { memberId: member.id, token, accountId: me.id };
}

/** Another region of the Hearth and its admin's token (signed in): for cases about a region that is not theirs. */
export async function regionWithAdmin(
  h: Pick<DistributedHearth, 'api' | 'given'>,
  platformToken: string,
): Promise<{ region: { id: string; slug: string }; adminToken: string }> {
  const region = await h.given.region(platformToken);
  const email = `region-admin-${region.slug}@example.org`;
  const invite = ok(
    await h.api.as(platformToken).post<{ token: string }>(`/api/v1/regions/${region.id}/invitations`, {
      email,
      role: 'region-admin',
    }),
    201,
  );
  return { region, adminToken: await h.given.acceptInvitation(invite.token, email) };
}

/** Keys a log line would name a person by (`hostname` is pino’s: the machine’s). */
export const IDENTITY_KEYS = /"(actor|accountId|memberId|user|sub|email|remoteAddress|remotePort|ip|ips)"/;

/** Every line every app of a Hearth logs (pass `destination` as its `logDestination`). */
export function capturedLogs(): { lines: string[]; destination: Writable } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, destination };
}

/**
 * Waits for the gateway's line of a later `GET …/advocacy/consultations?limit=1` (so the lines before it are written),
 * then checks the lines from `from` on name no response request, no actor and neither of `who`'s ids.
 */
export async function expectNoOneNamed(
  lines: string[],
  from: number,
  who: { accountId: string; memberId: string },
): Promise<void> {
  await eventually(async () =>
    expect(lines.slice(from).some((l) => l.includes('/advocacy/consultations?[redacted]'))).toBe(true),
  );
  const written = lines.slice(from);
  expect(written.filter((l) => l.includes('/responses'))).toEqual([]);
  expect(written.filter((l) => IDENTITY_KEYS.test(l))).toEqual([]);
  expect(written.filter((l) => l.includes(who.accountId) || l.includes(who.memberId))).toEqual([]);
}

/**
 * What the database keeps of a closed consultation's responses, read as the owner: one answer row per respondent with
 * a v4 id and neither of their ids; one hash row each, every one written in a transaction of its own and none in a
 * transaction that wrote answers; in the outbox, the opening and the closing only — no event per response.
 */
export async function expectStoredAnonymously(
  owner: Client,
  consultationId: string,
  respondents: { accountId: string; memberId: string }[],
): Promise<void> {
  const answers = await owner.query<{ id: string; xmin: string; answers: object }>(
    'select id, xmin::text, answers from advocacy.answers where consultation_id = $1',
    [consultationId],
  );
  expect(answers.rows).toHaveLength(respondents.length);
  for (const row of answers.rows) expect(row.id).toMatch(UUID_V4);
  const hashes = await owner.query<{ xmin: string }>(
    'select xmin::text from advocacy.respondents where consultation_id = $1',
    [consultationId],
  );
  const hashTransactions = new Set(hashes.rows.map((r) => r.xmin));
  expect(hashTransactions.size).toBe(respondents.length);
  expect(answers.rows.filter((row) => hashTransactions.has(row.xmin))).toEqual([]);
  const stored = JSON.stringify(answers.rows);
  expect(respondents.filter((m) => stored.includes(m.accountId) || stored.includes(m.memberId))).toEqual([]);
  const events = await owner.query<{ subject: string }>(
    `select subject from advocacy.outbox where payload->>'consultationId' = $1 order by subject`,
    [consultationId],
  );
  expect(events.rows.map((r) => r.subject)).toEqual([
    'evt.advocacy.consultation.closed',
    'evt.advocacy.consultation.opened',
  ]);
}
