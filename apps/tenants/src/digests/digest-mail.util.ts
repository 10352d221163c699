import type { MailContent } from '@hearth/mail';

/** What a coordinator's digest tells of one LERO: counts and the LERO's own words, never a person. */
export interface LeroDigest {
  lero: string;
  sessions: { title: string; startsAt: string; timezone: string; going: number; waitlisted: number }[];
  /** Training and checks expiring soon, by catalogue item: how many records, not whose. */
  expiring: { name: string; count: number }[];
}

/** What a curator's digest tells of one region: listings due for review (public data), the first few by name. */
export interface RegionDigest {
  region: string;
  dueForReview: number;
  /** True when there were more than could be counted in one look (`dueForReview` is then a lower bound). */
  more: boolean;
  names: string[];
}

export interface DigestFacts {
  leros: LeroDigest[];
  regions: RegionDigest[];
}

/** Names listed at most; the rest are counted. */
export const DIGEST_LIST_MAX = 10;

export const digestIsEmpty = (f: DigestFacts) =>
  f.leros.every((l) => l.sessions.length === 0 && l.expiring.length === 0) &&
  f.regions.every((r) => r.dueForReview === 0);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const when = (iso: string, zone: string) =>
  new Date(iso).toLocaleString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zone,
  });

function leroParagraphs(l: LeroDigest, trainingDays: number): string[] {
  const out: string[] = [];
  if (l.sessions.length) {
    const going = l.sessions.reduce((n, s) => n + s.going, 0);
    const waiting = l.sessions.reduce((n, s) => n + s.waitlisted, 0);
    out.push(
      `${l.lero}: ${plural(l.sessions.length, 'session')} in the next 7 days, ${going} going` +
        (waiting ? `, ${waiting} on waiting lists.` : '.'),
    );
    for (const s of l.sessions.slice(0, DIGEST_LIST_MAX))
      out.push(
        `- ${s.title}, ${when(s.startsAt, s.timezone)}: ${s.going} going` +
          (s.waitlisted ? `, ${s.waitlisted} waiting` : ''),
      );
    if (l.sessions.length > DIGEST_LIST_MAX)
      out.push(`- and ${plural(l.sessions.length - DIGEST_LIST_MAX, 'more session')}`);
  }
  if (l.expiring.length)
    out.push(
      `${l.lero}: volunteers’ training and checks expiring in the next ${trainingDays} days: ` +
        l.expiring.map((e) => `${e.name} (${e.count})`).join(', ') +
        '.',
    );
  return out;
}

function regionParagraphs(r: RegionDigest): string[] {
  if (r.dueForReview === 0) return [];
  const count = `${r.more ? 'More than ' : ''}${plural(r.dueForReview, 'directory listing')}`;
  return [
    `${r.region}: ${count} ${r.dueForReview === 1 && !r.more ? 'is' : 'are'} due for review.`,
    ...r.names.slice(0, DIGEST_LIST_MAX).map((n) => `- ${n}`),
    ...(r.more || r.dueForReview > DIGEST_LIST_MAX ? ['- and more'] : []),
  ];
}

/**
 * The weekly digest (ADR 0083). Its subject and first line are neutral (ADR 0077): no LERO, no region, no
 * "recovery"; the organisations are named in the body. The one link is the unsubscribe link, with its purpose
 * as its text; where to sign in is said in words.
 */
export function digestMail(
  facts: DigestFacts,
  links: { hearth: string; unsubscribe: string },
  trainingDays: number,
): MailContent {
  return {
    subject: 'Your weekly summary from Hearth',
    preview: 'Your weekly summary from Hearth: open this email to see it.',
    paragraphs: [
      'Here is your weekly summary of what is coming up.',
      ...facts.leros.flatMap((l) => leroParagraphs(l, trainingDays)),
      ...facts.regions.flatMap(regionParagraphs),
      `Sign in to Hearth for the details: ${links.hearth}`,
      'You get this summary because of your role on Hearth. You can stop it with the link below, or from your account page.',
    ],
    link: { href: links.unsubscribe, label: 'Stop these weekly summaries' },
  };
}
