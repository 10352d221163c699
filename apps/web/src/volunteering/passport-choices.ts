import QRCode from 'qrcode';
import { credentialCheckUrl, type PassportQuery, type PassportView } from '@hearth/contracts';

/** What the volunteer chose to put in a passport or letter: the form's four questions (ADR 0064). */
export interface PassportChoices {
  training: 'all' | 'none';
  checks: 'none' | 'all';
  roles: 'include' | 'omit';
  hours: 'include' | 'omit';
}

const pick = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

/** The form (or query) as choices; anything unknown is the API's default, and checks stay out unless chosen. */
export function readChoices(input: unknown): PassportChoices {
  const v = (input ?? {}) as Record<string, unknown>;
  return {
    training: pick(v.training, ['all', 'none'], 'all'),
    checks: pick(v.checks, ['none', 'all'], 'none'),
    roles: pick(v.roles, ['include', 'omit'], 'include'),
    hours: pick(v.hours, ['include', 'omit'], 'include'),
  };
}

export const choicesQuery = (c: PassportChoices): PassportQuery => ({ ...c });

/** Before issuing: exactly what a passport (and the letter) made of these choices reveals, in words. */
export function revealList(c: PassportChoices, leroName: string): string[] {
  return [
    'Your display name.',
    `${leroName} as the issuer, with its address on Hearth.`,
    'When it was issued, and that it expires a year later.',
    ...(c.training === 'all'
      ? ['Each training you hold that is valid today: its name, when you completed it and when it expires.']
      : []),
    ...(c.checks === 'all'
      ? ['Each check you hold that is valid today, a DBS check included: its type and its date.']
      : []),
    ...(c.roles === 'include' ? ['The roles you have served in, with your first and last shift dates.'] : []),
    ...(c.hours === 'include' ? ['Your approved hours, by role and calendar year.'] : []),
  ];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/**
 * What a passport's (or one training credential's) claims hold, line by line, as a verifier reads them: after
 * issuing, and on the staff's "Verify a passport" page.
 */
export function claimLinesOf(claims: Json): string[] {
  const subject = obj(claims.credentialSubject);
  const record = obj(subject.volunteerRecord);
  const name = list(subject.identifier).find((i) => i.identityType === 'name')?.identityHash;
  const achievement = obj(subject.achievement);
  const single = !subject.volunteerRecord && achievement.name;
  return [
    ...(name ? [`Name: ${String(name)}`] : []),
    `Issued by: ${String(obj(claims.issuer).name ?? obj(claims.issuer).id)}`,
    ...(typeof claims.validUntil === 'string' ? [`Valid until: ${claims.validUntil.slice(0, 10)}`] : []),
    ...(single ? [`Holds: ${String(achievement.name)}`] : []),
    ...list(record.training).map(
      (t) =>
        `${String(obj(t.achievement).name)}: completed ${String(t.completedOn)}` +
        (t.expiresOn ? `, expires ${String(t.expiresOn)}` : ''),
    ),
    ...list(record.roles).map(
      (r) => `Role: ${String(r.title)}, ${String(r.firstServedOn)} to ${String(r.lastServedOn)}`,
    ),
    ...list(record.hours).map(
      (h) =>
        `Hours: ${String(h.role)}, ${String(h.year)}: ${Math.round(Number(h.approvedMinutes) / 6) / 10} hours`,
    ),
  ];
}

/** After issuing: what the issued passport's claims hold, line by line. */
export const claimLines = (passport: PassportView): string[] =>
  claimLinesOf({ ...passport.claims, validUntil: passport.expiresAt });

/** The issued passport as the page shows it: its text, the QR code of its check link (inline SVG), its files. */
export async function issuedView(passport: PassportView) {
  const checkUrl = credentialCheckUrl(String(obj(passport.claims.issuer).id), passport.id);
  const qrSvg = await QRCode.toString(checkUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return {
    passport: passport.passport,
    checkUrl,
    qrSvg,
    claims: claimLines(passport),
    credentials: passport.credentials.map((c) => ({
      name: c.name,
      file: `${c.name.replace(/[^\w-]+/g, '-').toLowerCase()}.jwt`,
      href: `data:application/vc+jwt;charset=utf-8,${encodeURIComponent(c.credential)}`,
    })),
  };
}
