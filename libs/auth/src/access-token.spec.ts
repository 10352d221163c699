import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '@hearth/contracts';
import { craftToken } from '@hearth/testing';
import {
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  MAX_ACCESS_TOKEN_TTL_SECONDS,
  TokenVerifier,
  signAccessToken,
  signAnonymousToken,
} from './access-token';
import { keysFromPrivatePem } from './signing-keys';

const newKeys = () =>
  keysFromPrivatePem(
    generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  );
const tenantsKeys = newKeys();
const gatewayKeys = newKeys();
const otherKeys = newKeys();
const verifier = () =>
  new TokenVerifier({
    accessTokenPublicKeyPem: tenantsKeys.publicKeyPem,
    gatewayPublicKeyPem: gatewayKeys.publicKeyPem,
  });

const tenantId = uuidv7();
const actor: Actor = {
  accountId: uuidv7(),
  email: 'sam@example.org',
  grants: [{ role: 'tenant-admin', tenantId }],
};

const now = () => Math.floor(Date.now() / 1000);
/** A token made by hand: any header and claims, signed with any key (or unsigned). */
const craft = (header: object, claims: object, key: KeyObject | null = tenantsKeys.privateKey) =>
  craftToken(header, claims, key);
const goodClaims = () => ({
  iss: 'hearth',
  aud: 'hearth-api',
  sub: actor.accountId,
  iat: now(),
  exp: now() + 60,
  email: actor.email,
  grants: actor.grants,
});
const header = { alg: 'ES256', typ: 'at+jwt' };
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (err: { code?: string }) => err.code,
  );

describe('access tokens', () => {
  it('carry the actor, with the LEROs closed to it, for the production lifetime of 60 seconds at most', async () => {
    expect(DEFAULT_ACCESS_TOKEN_TTL_SECONDS).toBeLessThanOrEqual(60);
    const closed = { ...actor, closedTenantIds: [tenantId] };
    const token = signAccessToken(closed, tenantsKeys.privateKey);
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
      exp: number;
      iat: number;
    };
    expect(claims.exp - claims.iat).toBe(DEFAULT_ACCESS_TOKEN_TTL_SECONDS);
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual(header);
    expect(await verifier().verifyUser(token)).toEqual(closed);
  });

  it('carry the sign-in they belong to, so signing out can end it', async () => {
    const signedIn = { ...actor, sessionId: uuidv7() };
    const token = signAccessToken(signedIn, tenantsKeys.privateKey);
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())).toMatchObject({
      sid: signedIn.sessionId,
    });
    expect(await verifier().verifyUser(token)).toEqual(signedIn);
  });

  it('never outlive the longest lifetime an operator may configure', () => {
    const token = signAccessToken(actor, tenantsKeys.privateKey, 86_400);
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
      exp: number;
      iat: number;
    };
    expect(claims.exp - claims.iat).toBe(MAX_ACCESS_TOKEN_TTL_SECONDS);
  });

  it('are accepted when made by hand exactly as the tenants service makes them (the control case)', async () => {
    expect(await verifier().verifyUser(craft(header, goodClaims()))).toEqual(actor);
  });

  it.each([
    ['signed with another key', () => craft(header, goodClaims(), otherKeys.privateKey)],
    [
      'signed with the gateway key as if by the tenants service',
      () => craft(header, goodClaims(), gatewayKeys.privateKey),
    ],
    ['expired', () => craft(header, { ...goodClaims(), iat: now() - 120, exp: now() - 60 })],
    ['with alg none', () => craft({ alg: 'none', typ: 'at+jwt' }, goodClaims(), null)],
    ['without exp', () => craft(header, { ...goodClaims(), exp: undefined })],
    ['without iat', () => craft(header, { ...goodClaims(), iat: undefined })],
    [
      'with an unknown crit header',
      () => craft({ ...header, crit: ['x-unknown'], 'x-unknown': 1 }, goodClaims()),
    ],
    ['of another type (a plain JWT)', () => craft({ alg: 'ES256', typ: 'JWT' }, goodClaims())],
    ['of another issuer', () => craft(header, { ...goodClaims(), iss: 'someone' })],
    ['for another audience', () => craft(header, { ...goodClaims(), aud: 'elsewhere' })],
    [
      'claiming a life longer than any token of ours',
      () => craft(header, { ...goodClaims(), exp: now() + MAX_ACCESS_TOKEN_TTL_SECONDS + 600 }),
    ],
    ['with a malformed grant', () => craft(header, { ...goodClaims(), grants: [{ role: 'superuser' }] })],
    ['with a subject that is not an account id', () => craft(header, { ...goodClaims(), sub: 'root' })],
    ['with a sign-in id that is not one', () => craft(header, { ...goodClaims(), sid: 'all' })],
    ['that is not a JWT at all', () => 'not-a-token'],
  ])('are refused when %s', async (_what, make) => {
    expect(await refusal(verifier().verify(make()))).toBe('UNAUTHENTICATED');
  });

  it('refuses a missing or absurd token', async () => {
    const v = verifier();
    for (const token of [undefined, null, '', 42, { alg: 'none' }, 'a'.repeat(20_000)]) {
      expect(await refusal(v.verify(token))).toBe('UNAUTHENTICATED');
    }
  });
});

describe('anonymous tokens', () => {
  it('are accepted as "nobody" for public requests, never as a user', async () => {
    const token = signAnonymousToken(gatewayKeys.privateKey, 'req-1');
    expect(await verifier().verify(token)).toBeUndefined();
    expect(await refusal(verifier().verifyUser(token))).toBe('UNAUTHENTICATED');
  });

  it('are refused when signed with any other key, or when they claim to be someone', async () => {
    expect(await refusal(verifier().verify(signAnonymousToken(tenantsKeys.privateKey, 'r')))).toBe(
      'UNAUTHENTICATED',
    );
    const someone = craft(
      header,
      { iss: 'hearth-gateway', aud: 'hearth-api', sub: actor.accountId, iat: now(), exp: now() + 30 },
      gatewayKeys.privateKey,
    );
    expect(await refusal(verifier().verify(someone))).toBe('UNAUTHENTICATED');
  });
});

describe('the verification cache', () => {
  afterEach(() => jest.useRealTimers());

  it('forgets a verified token once the revocation horizon passes, even before the token expires', async () => {
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const v = new TokenVerifier({
      accessTokenPublicKeyPem: tenantsKeys.publicKeyPem,
      gatewayPublicKeyPem: gatewayKeys.publicKeyPem,
      revocationHorizonMs: 2000,
    });
    const token = signAccessToken(actor, tenantsKeys.privateKey, 600);
    const verifyOnce = jest.spyOn(v as unknown as { verifyOnce: () => unknown }, 'verifyOnce');
    await v.verify(token);
    await v.verify(token);
    expect(verifyOnce).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(2001);
    await v.verify(token);
    expect(verifyOnce).toHaveBeenCalledTimes(2);
  });
});
