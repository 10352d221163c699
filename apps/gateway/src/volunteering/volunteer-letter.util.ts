import { pdfKit } from '../http/document-libraries.util';
import QRCode from 'qrcode';
import { credentialCheckUrl, type PassportView } from '@hearth/contracts';
import { winAnsi } from '../reports/impact-pdf.util';

/** What a letter of volunteering says: read from the passport issued with it, so the two never disagree. */
export interface VolunteerLetter {
  name: string;
  lero: string;
  issuedOn: string;
  expiresOn: string;
  roles: { title: string; firstServedOn: string; lastServedOn: string }[];
  hours: { role: string; year: number; approvedMinutes: number }[];
  training: { name: string; kind: 'training' | 'check'; completedOn: string; expiresOn: string | null }[];
  /** Whether the volunteer left roles or hours out (the letter says so rather than show none). */
  rolesOmitted: boolean;
  hoursOmitted: boolean;
  /** The public page that confirms the passport issued with this letter (ADR 0064). */
  verifyUrl: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The verification link of a passport: the web app's public check page at the issuer's address. */
export const verificationLink = (passport: PassportView): string =>
  credentialCheckUrl(str(obj(passport.claims.issuer).id), passport.id);

/** The letter's facts from the passport's claims (exactly what the passport reveals, nothing more). */
export function letterOf(passport: PassportView): VolunteerLetter {
  const c = passport.claims;
  const subject = obj(c.credentialSubject);
  const record = obj(subject.volunteerRecord);
  const identity = arr(subject.identifier).find((i) => i.identityType === 'name');
  return {
    name: str(identity?.identityHash),
    lero: str(obj(c.issuer).name),
    issuedOn: str(c.validFrom).slice(0, 10),
    expiresOn: passport.expiresAt.slice(0, 10),
    roles: arr(record.roles).map((r) => ({
      title: str(r.title),
      firstServedOn: str(r.firstServedOn),
      lastServedOn: str(r.lastServedOn),
    })),
    hours: arr(record.hours).map((h) => ({
      role: str(h.role),
      year: Number(h.year),
      approvedMinutes: Number(h.approvedMinutes),
    })),
    training: arr(record.training).map((t) => ({
      name: str(obj(t.achievement).name),
      kind: ([] as unknown[]).concat(obj(t.achievement).tag ?? []).includes('check') ? 'check' : 'training',
      completedOn: str(t.completedOn),
      expiresOn: typeof t.expiresOn === 'string' ? t.expiresOn : null,
    })),
    rolesOmitted: record.roles === undefined,
    hoursOmitted: record.hours === undefined,
    verifyUrl: verificationLink(passport),
  };
}

/** Approved minutes in words: "12 hours 30 minutes". */
export function hoursText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [h > 0 ? `${h} ${h === 1 ? 'hour' : 'hours'}` : '', m > 0 ? `${m} minutes` : ''];
  return parts.filter(Boolean).join(' ') || '0 hours';
}

const MARGIN = 56;
const QR_SIZE = 110;

/** A4 portrait letter: who, where, roles, hours by role and year, training and checks, and the QR of the link. */
export async function volunteerLetterPdf(letter: VolunteerLetter, options: { compress?: boolean } = {}) {
  const qr = await QRCode.toBuffer(letter.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1 });
  const title = `Letter of volunteering: ${letter.name}`;
  const pdf = new (pdfKit())({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: winAnsi(title), Author: winAnsi(letter.lero), Creator: 'Hearth' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 2 * MARGIN;
  const heading = (text: string) => {
    pdf.moveDown(1);
    pdf.font('Helvetica-Bold').fontSize(13).text(winAnsi(text), MARGIN, pdf.y, { width });
    pdf.moveDown(0.3);
    pdf.font('Helvetica').fontSize(11);
  };
  const line = (text: string) => pdf.text(winAnsi(text), MARGIN, pdf.y, { width });

  pdf.font('Helvetica-Bold').fontSize(18).text(winAnsi('Letter of volunteering'), { width });
  pdf.font('Helvetica').fontSize(11).moveDown(0.5);
  line(
    `${letter.lero} confirms that ${letter.name} volunteers with us. Everything below is from our records`,
  );
  line(`on ${letter.issuedOn}, and is what ${letter.name} chose to share.`);

  heading('Roles held');
  if (letter.rolesOmitted) line('Not included.');
  else if (letter.roles.length === 0) line('None yet.');
  for (const r of letter.roles) line(`${r.title}: from ${r.firstServedOn} to ${r.lastServedOn}`);

  heading('Approved hours, by role and year');
  if (letter.hoursOmitted) line('Not included.');
  else if (letter.hours.length === 0) line('None yet.');
  for (const h of letter.hours) line(`${h.role}, ${h.year}: ${hoursText(h.approvedMinutes)}`);

  heading('Verified training and checks');
  if (letter.training.length === 0) line('None included.');
  for (const t of letter.training)
    line(
      `${t.name} (${t.kind}): completed ${t.completedOn}` +
        (t.expiresOn ? `, valid until ${t.expiresOn}` : ''),
    );

  heading('Check this letter');
  line(
    `Scan the code or open the link: our page says whether the passport issued with this letter on ` +
      `${letter.issuedOn} still stands (valid until ${letter.expiresOn}, unless we revoke it).`,
  );
  if (pdf.y + QR_SIZE + 40 > pdf.page.height - MARGIN) pdf.addPage();
  pdf.moveDown(0.5);
  pdf.image(qr, MARGIN, pdf.y, { width: QR_SIZE, height: QR_SIZE });
  pdf.y += QR_SIZE + 6;
  pdf.font('Helvetica').fontSize(8);
  line(letter.verifyUrl);
  pdf.end();
  return done;
}
