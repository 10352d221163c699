import { randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { PASSPORT_ALGORITHM, PASSPORT_TYPE, type PassportSigningKey } from './passport-keys';

export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** The passport's own achievement type (OB 3.0 allows `ext:` extensions of the enumeration). */
export const PASSPORT_ACHIEVEMENT_TYPE = 'ext:VolunteerPassport';
/** How an achievement says it is a check (a DBS check …) rather than training (ADR 0056). */
export const CHECK_ACHIEVEMENT_TYPE = 'ext:Check';
export const TRAINING_ACHIEVEMENT_TYPE = 'Certificate';

/** The issuing LERO as OB 3.0's `Profile`: its name, its Hearth address, never its contact details. */
export interface PassportIssuer {
  id: string;
  name: string;
  url: string;
}

export interface PassportTrainingItem {
  trainingId: string;
  name: string;
  kind: 'training' | 'check';
  completedOn: string;
  expiresOn: string | null;
}

export interface PassportRoleItem {
  title: string;
  firstServedOn: string;
  lastServedOn: string;
}

/** Where one credential's revocation bit is (W3C Bitstring Status List). */
export interface StatusEntry {
  listUrl: string;
  index: number;
}

export interface IssueContext {
  issuer: PassportIssuer;
  /** A random id of the holder for this issue only (never the member id): passport and credentials share it. */
  subjectId: string;
  displayName: string;
  issuedAt: Date;
  validUntil: Date;
}

export type CredentialClaims = JWTPayload & Record<string, unknown>;

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
/** A date (`YYYY-MM-DD`) as the start of that day in UTC, for OB's date-time fields. */
const dayStart = (day: string) => `${day}T00:00:00Z`;

export const newCredentialId = () => `urn:uuid:${randomUUID()}`;

export const achievementId = (issuer: PassportIssuer, trainingId: string) =>
  `${issuer.id}/achievements/${trainingId}`;

export function trainingAchievement(issuer: PassportIssuer, item: PassportTrainingItem) {
  return {
    id: achievementId(issuer, item.trainingId),
    type: ['Achievement'],
    achievementType: item.kind === 'check' ? CHECK_ACHIEVEMENT_TYPE : TRAINING_ACHIEVEMENT_TYPE,
    name: item.name,
    criteria: {
      narrative:
        item.kind === 'check'
          ? `The check was seen and recorded by ${issuer.name}.`
          : `Completion was verified by ${issuer.name}.`,
    },
    tag: [item.kind],
  };
}

/** The holder as OB 3.0's subject: a per-issue random id and the display name, nothing that finds the person. */
const subject = (ctx: IssueContext) => ({
  id: ctx.subjectId,
  type: ['AchievementSubject'],
  identifier: [
    { type: 'IdentityObject', identityHash: ctx.displayName, identityType: 'name', hashed: false },
  ],
});

function statusOf(entry: StatusEntry) {
  return {
    id: `${entry.listUrl}#${entry.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(entry.index),
    statusListCredential: entry.listUrl,
  };
}

function envelope(ctx: IssueContext, id: string, validUntil: Date, status: StatusEntry): CredentialClaims {
  const issuedAt = Math.floor(ctx.issuedAt.getTime() / 1000);
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: ctx.issuer.id, type: ['Profile'], name: ctx.issuer.name, url: ctx.issuer.url },
    validFrom: iso(ctx.issuedAt),
    validUntil: iso(validUntil),
    credentialStatus: statusOf(status),
    // VC-JWT's registered claims (OB 3.0 §8.2.4.1), the same facts as the members above.
    iss: ctx.issuer.id,
    jti: id,
    sub: ctx.subjectId,
    iat: issuedAt,
    nbf: issuedAt,
    exp: Math.floor(validUntil.getTime() / 1000),
  };
}

/** One verified training or check as its own OpenBadgeCredential, valid until it or the passport's validity ends. */
export function trainingCredential(
  ctx: IssueContext,
  item: PassportTrainingItem,
  id: string,
  status: StatusEntry,
): CredentialClaims {
  const expires = item.expiresOn ? new Date(dayStart(item.expiresOn)) : undefined;
  const validUntil = expires && expires < ctx.validUntil ? expires : ctx.validUntil;
  return {
    ...envelope(ctx, id, validUntil, status),
    name: item.name,
    credentialSubject: {
      ...subject(ctx),
      activityEndDate: dayStart(item.completedOn),
      achievement: trainingAchievement(ctx.issuer, item),
    },
  };
}

/** Approved hours in one role in one calendar year (ADR 0056). */
export interface PassportHoursItem {
  role: string;
  year: number;
  approvedMinutes: number;
}

export interface PassportContent {
  training: (PassportTrainingItem & { credentialId: string })[];
  roles?: PassportRoleItem[];
  hours?: PassportHoursItem[];
}

/**
 * The passport: an OpenBadgeCredential whose achievement is the volunteer's record at the LERO, with what the
 * volunteer chose under `credentialSubject.volunteerRecord` (ADR 0056): training and checks (each with the id of
 * its own credential), roles held, and approved hours by role and year.
 */
export function passportCredential(
  ctx: IssueContext,
  content: PassportContent,
  id: string,
  status: StatusEntry,
): CredentialClaims {
  return {
    ...envelope(ctx, id, ctx.validUntil, status),
    name: `Volunteer passport from ${ctx.issuer.name}`,
    credentialSubject: {
      ...subject(ctx),
      achievement: {
        id: `${ctx.issuer.id}/achievements/volunteer-passport`,
        type: ['Achievement'],
        achievementType: PASSPORT_ACHIEVEMENT_TYPE,
        name: `Volunteering with ${ctx.issuer.name}`,
        criteria: {
          narrative: `A record of volunteering with ${ctx.issuer.name}, as the volunteer chose to share it.`,
        },
      },
      volunteerRecord: {
        training: content.training.map((t) => ({
          achievement: trainingAchievement(ctx.issuer, t),
          completedOn: t.completedOn,
          expiresOn: t.expiresOn,
          credentialId: t.credentialId,
        })),
        ...(content.roles ? { roles: content.roles } : {}),
        ...(content.hours ? { hours: content.hours } : {}),
      },
    },
  };
}

/** A credential as VC-JWT: its members at the top level of the payload, ES256, `typ: vc+jwt`, the key's `kid`. */
export const signCredential = (claims: CredentialClaims, key: PassportSigningKey): Promise<string> =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: PASSPORT_ALGORITHM, typ: PASSPORT_TYPE, kid: key.kid })
    .sign(key.privateKey);

/** The LERO's status list as a BitstringStatusListCredential (itself VC-JWT, signed by the same key). */
export function statusListCredential(
  issuer: { id: string; name?: string },
  listUrl: string,
  encodedList: string,
  now: Date,
  ttlMs: number,
): CredentialClaims {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return {
    '@context': [VC_CONTEXT],
    id: listUrl,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: { id: issuer.id, ...(issuer.name ? { name: issuer.name } : {}) },
    validFrom: iso(now),
    validUntil: iso(new Date(now.getTime() + ttlMs)),
    credentialSubject: {
      id: `${listUrl}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList,
      ttl: ttlMs,
    },
    iss: issuer.id,
    jti: listUrl,
    iat: issuedAt,
    nbf: issuedAt,
    exp: Math.floor((now.getTime() + ttlMs) / 1000),
  };
}
