import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { loadOrCreateDataDirSecret } from '@hearth/platform';

/** Access tokens are signed asymmetrically; only this algorithm is accepted when verifying. */
export const ACCESS_TOKEN_ALGORITHM = 'ES256';
export const TOKEN_ISSUER = 'hearth';
export const TOKEN_AUDIENCE = 'hearth-api';

export interface SigningKeys {
  privateKey?: KeyObject;
  publicKeyPem: string;
}

export function keysFromPrivatePem(privatePem: string): Required<SigningKeys> {
  const privateKey = createPrivateKey(privatePem);
  if (privateKey.asymmetricKeyType !== 'ec')
    throw new Error('The signing key must be an EC P-256 private key (ES256).');
  return {
    privateKey,
    publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The tenants service's key (access tokens) and the gateway's (anonymous tokens), as kept by standalone. */
export const ACCESS_TOKEN_KEY_FILE = 'jwt-private.pem';
export const GATEWAY_KEY_FILE = 'gateway-private.pem';
/** The volunteer passports' key (ADR 0056): never the access tokens' key. */
export const PASSPORT_KEY_FILE = 'passport-private.pem';

/** Standalone mode without a configured key: generate one into the data directory once and keep it. */
export function loadOrCreateKeys(dataDir: string, file = ACCESS_TOKEN_KEY_FILE): Required<SigningKeys> {
  const pem = loadOrCreateDataDirSecret(dataDir, file, () =>
    generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  );
  return keysFromPrivatePem(pem);
}
