import QRCode from 'qrcode';
import {
  credentialCheckUrl,
  type PassportQuery,
  type PassportView,
  type TrainingRecordView,
} from '@hearth/contracts';
import { longDate } from '../http/time';

/** All of them (as the old radios and links said), none, or these record ids (ticked one by one, ADR 0064). */
export type Selection = 'all' | 'none' | string[];

/** What the volunteer chose to put in a passport or letter: the form's four questions (ADR 0064). */
export interface PassportChoices {
  training: Selection;
  checks: Selection;
  roles: 'include' | 'omit';
  hours: 'include' | 'omit';
}

/** A training or check the volunteer holds today, as the API's passport would put it in. */
export interface HeldItem {
  id: string;
  name: string;
  completedOn: string;
  expiresOn: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The API takes at most 100 ids in a selection. */
const MAX_IDS = 100;

const pick = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

/**
 * A selection from a form or link: ticked ids (the form posts a hidden `none` beside its checkboxes, so ticking
 * nothing is `none`, not the default), a comma-separated list (the letter's link), or the old `all` / `none`.
 * Ids win over words, `none` over `all`; nothing usable is the fallback.
 */
function readSelection(value: unknown, fallback: 'all' | 'none'): Selection {
  const tokens = (Array.isArray(value) ? value : [value])
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(','))
    .map((t) => t.trim().toLowerCase());
  const ids = [...new Set(tokens.filter((t) => UUID.test(t)))].slice(0, MAX_IDS);
  if (ids.length > 0) return ids;
  if (tokens.includes('none')) return 'none';
  if (tokens.includes('all')) return 'all';
  return fallback;
}

/** The form (or query) as choices; anything unknown is the API's default, and checks stay out unless chosen. */
export function readChoices(input: unknown): PassportChoices {
  const v = (input ?? {}) as Record<string, unknown>;
  return {
    training: readSelection(v.training, 'all'),
    checks: readSelection(v.checks, 'none'),
    roles: pick(v.roles, ['include', 'omit'], 'include'),
    hours: pick(v.hours, ['include', 'omit'], 'include'),
  };
}

/**
 * What the volunteer holds today, as the API's passport reads it (one record per training: the latest valid one),
 * training and checks apart, by name. From their own records, which a linked member may read.
 */
export function heldItems(records: TrainingRecordView[]): { training: HeldItem[]; checks: HeldItem[] } {
  const latest = new Map<string, TrainingRecordView>();
  for (const r of records) {
    if (r.status !== 'valid') continue;
    const seen = latest.get(r.trainingId);
    if (!seen || r.completedOn > seen.completedOn || (r.completedOn === seen.completedOn && r.id > seen.id))
      latest.set(r.trainingId, r);
  }
  const items = [...latest.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const held = (kind: TrainingRecordView['kind']): HeldItem[] =>
    items
      .filter((r) => r.kind === kind)
      .map((r) => ({
        id: r.id.toLowerCase(),
        name: r.name,
        completedOn: r.completedOn,
        expiresOn: r.expiresOn,
      }));
  return { training: held('training'), checks: held('check') };
}

/** The held items a selection names; ids no longer held (corrected, removed, expired since) drop out. */
export function chosenItems(selection: Selection, held: HeldItem[]): HeldItem[] {
  if (selection === 'all') return held;
  if (selection === 'none') return [];
  return held.filter((h) => selection.includes(h.id));
}

const selectionParam = (selection: Selection, held: HeldItem[]): string => {
  if (!Array.isArray(selection)) return selection;
  const ids = chosenItems(selection, held).map((h) => h.id);
  return ids.length > 0 ? ids.join(',') : 'none';
};

/**
 * The API's query for these choices: `all` and `none` as they are (the API reads its own records), ids as the
 * held ones among them, so an id that stopped being valid since the form was shown leaves it out rather than
 * failing. The same words carry the choices into the letter's link and the "Make my passport" form.
 */
export const choicesQuery = (
  c: PassportChoices,
  held: { training: HeldItem[]; checks: HeldItem[] },
): Required<Pick<PassportQuery, 'training' | 'checks' | 'roles' | 'hours'>> => ({
  training: selectionParam(c.training, held.training),
  checks: selectionParam(c.checks, held.checks),
  roles: c.roles,
  hours: c.hours,
});

const day = (date: string) => longDate(`${date}T12:00:00Z`);

/** An item's dates as the passport holds them: completed when, until when. */
const datesOf = (h: HeldItem): string =>
  `completed ${day(h.completedOn)}, ${h.expiresOn ? `expires ${day(h.expiresOn)}` : 'does not expire'}`;

/** The checkboxes of one question: each held item, ticked when the selection names it. */
export const choiceBoxes = (selection: Selection, held: HeldItem[]) => {
  const chosen = new Set(chosenItems(selection, held).map((h) => h.id));
  return held.map((h) => ({
    value: h.id,
    text: h.name,
    hint: { text: datesOf(h).replace(/^c/, 'C') },
    checked: chosen.has(h.id),
  }));
};

/** Before issuing: exactly what a passport (and the letter) made of these choices reveals, item by item. */
export function revealList(
  c: PassportChoices,
  leroName: string,
  held: { training: HeldItem[]; checks: HeldItem[] },
): string[] {
  return [
    'Your display name.',
    `${leroName} as the issuer, with its address on Hearth.`,
    'When it was issued, and that it expires a year later.',
    ...chosenItems(c.training, held.training).map((h) => `Training: ${h.name}, ${datesOf(h)}.`),
    ...chosenItems(c.checks, held.checks).map((h) => `Check: ${h.name}, ${datesOf(h)}.`),
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
