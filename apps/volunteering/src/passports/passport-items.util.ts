import { invalidField } from '../roles/roles.exception';
import {
  CHECK_ACHIEVEMENT_TYPE,
  PASSPORT_ACHIEVEMENT_TYPE,
  type CredentialClaims,
} from './passport-credential.util';

/** A training or check a verified passport (or single credential) vouches for. */
export interface PassportItem {
  achievementId: string;
  name: string;
  kind: 'training' | 'check';
  completedOn: string;
  expiresOn: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

function item(achievement: unknown, completedOn: unknown, expiresOn: unknown): PassportItem | undefined {
  const a = obj(achievement);
  if (typeof a.id !== 'string' || typeof a.name !== 'string' || typeof completedOn !== 'string')
    return undefined;
  const day = completedOn.slice(0, 10);
  if (!DATE.test(day)) return undefined;
  return {
    achievementId: a.id,
    name: a.name.slice(0, 120),
    kind: a.achievementType === CHECK_ACHIEVEMENT_TYPE ? 'check' : 'training',
    completedOn: day,
    expiresOn: typeof expiresOn === 'string' && DATE.test(expiresOn) ? expiresOn : null,
  };
}

/**
 * The issuer and the training of a verified credential: a passport's `volunteerRecord.training`, or one training
 * credential's achievement. Its signature is already checked; this reads it defensively all the same (another
 * deployment's software may differ).
 */
export function passportItems(claims: CredentialClaims): {
  issuer: { id: string; name: string };
  items: PassportItem[];
} {
  const issuerObj = obj(claims.issuer);
  const issuer = {
    id: String(claims.iss),
    name: typeof issuerObj.name === 'string' ? issuerObj.name : String(claims.iss),
  };
  const subject = obj(claims.credentialSubject);
  const achievement = obj(subject.achievement);
  if (achievement.achievementType === PASSPORT_ACHIEVEMENT_TYPE) {
    const training = obj(subject.volunteerRecord).training;
    const items = (Array.isArray(training) ? training : []).flatMap((t) => {
      const o = obj(t);
      const found = item(o.achievement, o.completedOn, o.expiresOn);
      return found ? [found] : [];
    });
    return { issuer, items };
  }
  const validUntil = typeof claims.validUntil === 'string' ? claims.validUntil.slice(0, 10) : null;
  const single = item(achievement, subject.activityEndDate, validUntil);
  if (!single) throw invalidField('passport', 'holds no training to import');
  return { issuer, items: [single] };
}
