import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';

/** Passports and their credentials are signed with ES256 only (OB 3.0 §8.2 VC-JWT); nothing else is accepted. */
export const PASSPORT_ALGORITHM = 'ES256';
/** The JOSE `typ` of a credential as VC-JWT: an access token (`at+jwt`) is never one, and a passport never one of those. */
export const PASSPORT_TYPE = 'vc+jwt';

export interface PassportVerificationKey {
  kid: string;
  key: KeyObject;
  jwk: JWK;
}

export interface PassportSigningKey extends PassportVerificationKey {
  privateKey: KeyObject;
}

/** A JSON Web Key Set (RFC 7517) as published at `/.well-known/jwks.json`. */
export interface PassportJwks {
  keys: JWK[];
}

async function verificationKey(publicKey: KeyObject): Promise<PassportVerificationKey> {
  if (publicKey.asymmetricKeyType !== 'ec' || publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw new Error('A passport key must be an EC P-256 key (ES256).');
  const exported = await exportJWK(publicKey);
  // The kid is the key's RFC 7638 thumbprint: the same key has the same kid on every replica and every start.
  const kid = await calculateJwkThumbprint(exported, 'sha256');
  return { kid, key: publicKey, jwk: { ...exported, kid, alg: PASSPORT_ALGORITHM, use: 'sig' } };
}

/** Every PEM block of a text: retired keys may be given one after another in one variable or file. */
export function pemBlocks(text: string | undefined): string[] {
  return (text ?? '').match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
}

/**
 * The passport key (its private half signs) and the retired ones (public halves, verify only): all of them are
 * published so a passport signed before a rotation still verifies. A retired key may be given as its private or
 * public PEM.
 */
export class PassportKeys {
  private constructor(
    readonly current: PassportSigningKey,
    private readonly all: Map<string, PassportVerificationKey>,
  ) {}

  static async from(privatePem: string, retiredPems: readonly string[] = []): Promise<PassportKeys> {
    const privateKey = createPrivateKey(privatePem);
    const current = { ...(await verificationKey(createPublicKey(privateKey))), privateKey };
    const all = new Map<string, PassportVerificationKey>([[current.kid, current]]);
    for (const pem of retiredPems) {
      const key = await verificationKey(createPublicKey(pem));
      if (!all.has(key.kid)) all.set(key.kid, key);
    }
    return new PassportKeys(current, all);
  }

  find(kid: string): PassportVerificationKey | undefined {
    return this.all.get(kid);
  }

  jwks(): PassportJwks {
    return { keys: [...this.all.values()].map((k) => k.jwk) };
  }
}

/** A new passport key as PKCS#8 PEM (standalone keeps one in its data directory; tests make their own). */
export const generatePassportKeyPem = (): string =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
