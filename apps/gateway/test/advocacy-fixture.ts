import type { DistributedHearth } from './hearth.harness';
import { bodyOf as ok } from './lero-cast';

type Json = Record<string, unknown>;

/** A consultation's fields as its staff would send them (opened a minute ago, closing tomorrow). */
export const consultationBody = (over: Json = {}): Json => ({
  title: 'Your say on the new drop-in',
  purpose: 'The council is changing the drop-in hours.',
  askedBy: 'The council’s commissioning team',
  useOfAnswers: 'A summary goes to the council in March.',
  opensAt: new Date(Date.now() - 60_000).toISOString(),
  closesAt: new Date(Date.now() + 86_400_000).toISOString(),
  audience: 'members',
  questions: [
    { kind: 'single', text: 'Which hours suit you?', options: ['Mornings', 'Evenings'] },
    { kind: 'scale', text: 'How useful is the drop-in?' },
    { kind: 'text', text: 'Anything else?' },
  ],
  aboutYou: [{ kind: 'single', text: 'Your age', options: ['Under 35', '35 and over'] }],
  ...over,
});

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
  const member = ok(
    await admin.post<{ id: string }>(`/api/v1/tenants/${lero.id}/members`, { displayName: `Voice ${++n}` }),
    201,
  );
  const email = `voice-${n}-${lero.id.slice(0, 8)}@example.org`;
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
