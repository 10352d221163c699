import {
  MAX_PASSPORT_CHARS,
  type IssuedCredentialSummary,
  type PassportImportView,
  type PassportStatus,
  type PassportVerdict,
} from '@hearth/contracts';
import { FormErrors } from '../http/form.util';
import { longDate } from '../http/time';
import { claimLinesOf } from './passport-choices';

/** A verifier's status in plain words (ADR 0064): a heading and what it means. */
export const VERDICT_WORDS: Record<PassportStatus, { title: string; body: string }> = {
  valid: {
    title: 'This passport is valid',
    body: 'Its signature holds, it has not expired and the organisation that issued it has not withdrawn it.',
  },
  expired: {
    title: 'This passport has expired',
    body: 'It was genuine, but it is past the date it was valid until. Ask the volunteer for a new one.',
  },
  revoked: {
    title: 'This passport has been withdrawn',
    body: 'The organisation that issued it has revoked it. Do not rely on what it says.',
  },
  'unknown-issuer': {
    title: 'This passport is from an organisation Hearth does not know',
    body: 'It was not issued on this Hearth or one it trusts, so it cannot be checked here.',
  },
  invalid: {
    title: 'This is not a passport Hearth can check',
    body: 'It is incomplete, was changed after it was signed, or is not a passport. Ask for it to be copied again.',
  },
};

/** The pasted passport, or why it cannot be sent (`errors` on the `passport` field). */
export function readPassport(body: unknown, errors: FormErrors): string | undefined {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).passport : undefined;
  const passport = typeof raw === 'string' ? raw.replace(/\s+/g, '') : '';
  if (!passport) errors.add('passport', 'Paste the passport');
  else if (passport.length > MAX_PASSPORT_CHARS) errors.add('passport', 'The passport is too long to be one');
  else return passport;
  return undefined;
}

/** The verdict as the page shows it: the words of its status, what it holds when its signature holds. */
export const verdictView = (v: PassportVerdict) => ({
  status: v.status,
  ...VERDICT_WORDS[v.status],
  claims: v.claims ? claimLinesOf(v.claims) : [],
});

const SKIPPED_WORDS = {
  'no-matching-training': 'Not recorded: no training or check of the same name and kind is in your catalogue',
  expired: 'Not recorded: it has expired',
  'already-recorded': 'Not recorded: it is already recorded',
} as const;

/** What an import recorded and what it skipped, and why, line by line. */
export const importView = (result: PassportImportView) => ({
  issuer: result.issuer.name,
  items: result.items.map((i) => ({
    name: i.name,
    outcome: i.skipped ? SKIPPED_WORDS[i.skipped] : 'Recorded, as accepted from a passport',
    recorded: !i.skipped,
  })),
});

const KIND = { passport: 'Passport', training: 'Training credential' } as const;

/** A credential the LERO issued to a volunteer, for the staff's list (never its content). */
export const credentialRow = (c: IssuedCredentialSummary) => ({
  id: c.id,
  kind: KIND[c.kind],
  issued: longDate(c.issuedAt),
  expires: longDate(c.expiresAt),
  revoked: c.revokedAt ? longDate(c.revokedAt) : undefined,
  expired: !c.revokedAt && new Date(c.expiresAt).getTime() < Date.now(),
});
