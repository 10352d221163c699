import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { PassportVerdict } from '@hearth/contracts';
import { PASSPORT_ALGORITHM, PASSPORT_TYPE, type PassportKeys } from './passport-keys';
import { OB_CONTEXT, VC_CONTEXT, type CredentialClaims } from './passport-credential.util';
import { decodeStatusList, statusBitSet } from './status-list.util';
import type { TrustedDeployment, TrustedDeployments, VerifyKey } from './trusted-deployments';

/** A passport (or credential) longer than this is not one of ours, whoever signed it. */
export const MAX_PASSPORT_LENGTH = 65_536;
const CLOCK_TOLERANCE_SECONDS = 5;

/** Whether this deployment's credential at `index` of the list at `listUrl` is revoked (undefined: no such list). */
export type LocalStatus = (listUrl: string, index: number) => Promise<boolean | undefined>;

/** Where a credential was found to come from: this deployment or a trusted one. */
interface Signer {
  key: VerifyKey;
  /** Issuer ids (and their status lists) of this signer start with it. */
  prefix: string;
  remote?: TrustedDeployment;
}

class Refused extends Error {
  constructor(
    readonly status: 'invalid' | 'unknown-issuer',
    reason: string,
  ) {
    super(reason);
  }
}

const invalid = (reason: string) => new Refused('invalid', reason);

/**
 * Verifies a VC-JWT credential Hearth issued (ADR 0056): ES256 and `typ: vc+jwt` only, the key found by `kid` in
 * this deployment's keys (current and retired) or in a trusted deployment's JWKS, the issuer bound to the
 * deployment that signed it, an OB 3.0 credential's shape, and its Bitstring Status List entry. Never throws for
 * what it is given: a refusal is a status with a reason.
 */
export class PassportVerifier {
  constructor(
    private readonly keys: PassportKeys,
    /** This deployment's issuer ids start with it (`<PASSPORT_ISSUER_URL>/api/v1/public/volunteering/issuers/`). */
    private readonly localPrefix: string,
    private readonly trusted: TrustedDeployments,
    private readonly localStatus: LocalStatus,
  ) {}

  async verify(token: unknown): Promise<PassportVerdict & { claims?: CredentialClaims }> {
    try {
      return await this.check(token);
    } catch (err) {
      if (err instanceof Refused) return { status: err.status, reason: err.message };
      throw err;
    }
  }

  private async check(token: unknown): Promise<PassportVerdict & { claims?: CredentialClaims }> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_PASSPORT_LENGTH)
      throw invalid('not a compact JWS');
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw invalid('not a compact JWS');
    }
    if (header.alg !== PASSPORT_ALGORITHM) throw invalid(`signed with ${String(header.alg)}, not ES256`);
    if (header.typ !== PASSPORT_TYPE) throw invalid('not a credential (typ is not vc+jwt)');
    if (typeof header.kid !== 'string' || header.kid.length === 0) throw invalid('names no key (kid)');
    const signer = await this.signer(header.kid);
    let claims: CredentialClaims;
    let expired = false;
    try {
      ({ payload: claims } = await jwtVerify<CredentialClaims>(token, signer.key, {
        algorithms: [PASSPORT_ALGORITHM],
        typ: PASSPORT_TYPE,
        requiredClaims: ['iss', 'jti', 'iat', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (err) {
      // jose checks the signature before the claims: an expired credential here is a genuine one.
      if (!(err instanceof errors.JWTExpired)) throw invalid('the signature or its claims do not verify');
      claims = err.payload as CredentialClaims;
      expired = true;
    }
    this.checkShape(claims, signer);
    if (await this.revoked(claims, signer)) return { status: 'revoked', claims };
    return { status: expired ? 'expired' : 'valid', claims };
  }

  private async signer(kid: string): Promise<Signer> {
    const local = this.keys.find(kid);
    if (local) return { key: local.key, prefix: this.localPrefix };
    const found = await this.trusted.findKey(kid);
    if (!found) throw new Refused('unknown-issuer', 'signed by a key of no deployment this one trusts');
    return { key: found.key, prefix: found.deployment.issuerPrefix, remote: found.deployment };
  }

  private checkShape(claims: JWTPayload & Record<string, unknown>, signer: Signer): void {
    const context = claims['@context'];
    const types = claims.type;
    const issuer = claims.issuer as { id?: unknown } | string | undefined;
    const issuerId = typeof issuer === 'string' ? issuer : issuer?.id;
    if (!Array.isArray(context) || context[0] !== VC_CONTEXT || !context.includes(OB_CONTEXT))
      throw invalid('not an Open Badges 3.0 credential (@context)');
    if (
      !Array.isArray(types) ||
      !types.includes('VerifiableCredential') ||
      !types.includes('OpenBadgeCredential')
    )
      throw invalid('not an OpenBadgeCredential');
    if (issuerId !== claims.iss || claims.id !== claims.jti) throw invalid('its claims and members disagree');
    if (typeof claims.iss !== 'string' || !claims.iss.startsWith(signer.prefix))
      throw invalid('issued in the name of someone the signing deployment does not speak for');
    if (typeof claims.credentialSubject !== 'object' || claims.credentialSubject === null)
      throw invalid('has no credentialSubject');
  }

  private async revoked(claims: CredentialClaims, signer: Signer): Promise<boolean> {
    const entry = claims.credentialStatus as Record<string, unknown> | undefined;
    const index = Number(entry?.statusListIndex);
    const listUrl = entry?.statusListCredential;
    if (
      entry?.type !== 'BitstringStatusListEntry' ||
      entry.statusPurpose !== 'revocation' ||
      typeof entry.statusListIndex !== 'string' ||
      !Number.isInteger(index) ||
      index < 0 ||
      typeof listUrl !== 'string' ||
      !listUrl.startsWith(`${claims.iss as string}/`)
    )
      throw invalid('has no status list entry of its issuer');
    if (!signer.remote) {
      const revoked = await this.localStatus(listUrl, index);
      if (revoked === undefined) throw invalid('names a status list that does not exist');
      return revoked;
    }
    const list = await this.trusted.statusList(signer.remote, listUrl);
    if (!list || list.issuer !== claims.iss)
      throw new Refused('invalid', 'its status list could not be checked');
    let bits: Buffer;
    try {
      bits = decodeStatusList(list.encodedList);
      return statusBitSet(bits, index);
    } catch {
      throw invalid('its status list could not be read');
    }
  }
}
