import { randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { signAccessToken } from '@hearth/auth';
import type { SafeFetchOptions, SafeFetchResponse } from '@hearth/platform';
import { generatePassportKeyPem, PassportKeys } from './passport-keys';
import {
  passportCredential,
  signCredential,
  statusListCredential,
  trainingCredential,
  type IssueContext,
} from './passport-credential.util';
import { PassportVerifier, type LocalStatus } from './passport-verifier';
import { ISSUERS_PATH, trustedDeployment, TrustedDeployments } from './trusted-deployments';
import { decodeStatusList, encodeStatusList, STATUS_LIST_SIZE, statusBitSet } from './status-list.util';

const BASE = 'https://hearth.example.org';
const PREFIX = `${BASE}${ISSUERS_PATH}`;
const tenant = randomUUID();
const issuerId = `${PREFIX}${tenant}`;
const listUrl = `${issuerId}/status-lists/${randomUUID()}`;

function issueContext(
  issuer = { id: issuerId, name: 'Bridge LERO', url: `${BASE}/lero/bridge` },
  days = 30,
): IssueContext {
  const issuedAt = new Date();
  return {
    issuer,
    subjectId: `urn:uuid:${randomUUID()}`,
    displayName: 'Sam',
    issuedAt,
    validUntil: new Date(issuedAt.getTime() + days * 86_400_000),
  };
}

const safeguarding = {
  trainingId: randomUUID(),
  name: 'Safeguarding',
  kind: 'training' as const,
  completedOn: '2026-01-10',
  expiresOn: '2029-01-10',
};

async function setup(revoked = new Set<number>()) {
  const keys = await PassportKeys.from(generatePassportKeyPem());
  const status: LocalStatus = (url, index) =>
    Promise.resolve(url === listUrl ? revoked.has(index) : undefined);
  const verifier = new PassportVerifier(keys, PREFIX, new TrustedDeployments([]), status);
  const passport = (ctx = issueContext(), index = 0) =>
    signCredential(
      passportCredential(
        ctx,
        { training: [{ ...safeguarding, credentialId: 'urn:uuid:x' }] },
        `urn:uuid:${randomUUID()}`,
        { listUrl, index },
      ),
      keys.current,
    );
  return { keys, verifier, passport };
}

describe('PassportVerifier', () => {
  it('finds a passport it issued valid, with its claims: the display name, no member id', async () => {
    const { verifier, passport } = await setup();
    const verdict = await verifier.verify(await passport());
    expect(verdict.status).toBe('valid');
    const claims = verdict.claims as {
      type: string[];
      issuer: object;
      credentialSubject: { identifier: object[] };
      credentialStatus: object;
    };
    expect(claims.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(claims.issuer).toMatchObject({ id: issuerId, name: 'Bridge LERO' });
    expect(claims.credentialSubject.identifier[0]).toMatchObject({
      identityHash: 'Sam',
      identityType: 'name',
    });
    expect(claims.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusListCredential: listUrl,
    });
  });

  it('signs VC-JWT: ES256, typ vc+jwt, the kid of the key', async () => {
    const { keys, passport } = await setup();
    const header = JSON.parse(Buffer.from((await passport()).split('.')[0], 'base64url').toString());
    expect(header).toEqual({ alg: 'ES256', typ: 'vc+jwt', kid: keys.current.kid });
  });

  it('calls a tampered passport invalid', async () => {
    const { verifier, passport } = await setup();
    const [h, p, s] = (await passport()).split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    claims.credentialSubject.identifier[0].identityHash = 'Someone else';
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    expect((await verifier.verify(forged)).status).toBe('invalid');
    expect((await verifier.verify(`${h}.${p}.${s.slice(0, -4)}AAAA`)).status).toBe('invalid');
  });

  it.each([
    ['garbage', 'garbage'],
    ['empty', ''],
    ['three dots', 'a.b.c'],
    ['a number', 42],
    ['null', null],
    ['oversized', 'x'.repeat(70_000)],
  ])('calls %s invalid', async (_what, token) => {
    const { verifier } = await setup();
    expect((await verifier.verify(token)).status).toBe('invalid');
  });

  it('refuses alg none and a wrong typ', async () => {
    const { keys, verifier, passport } = await setup();
    const claims = JSON.parse(Buffer.from((await passport()).split('.')[1], 'base64url').toString());
    const none = new UnsecuredJWT(claims).encode();
    expect((await verifier.verify(none)).status).toBe('invalid');
    const wrongTyp = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: keys.current.kid })
      .sign(keys.current.privateKey);
    expect(await verifier.verify(wrongTyp)).toMatchObject({
      status: 'invalid',
      reason: expect.stringMatching(/typ/),
    });
  });

  it('refuses an access token as a passport', async () => {
    const { keys, verifier } = await setup();
    const token = signAccessToken(
      { accountId: randomUUID(), email: 'a@example.org', grants: [] },
      keys.current.privateKey,
    );
    expect((await verifier.verify(token)).status).toBe('invalid');
  });

  it('calls an expired passport expired, with its claims', async () => {
    const { verifier, passport } = await setup();
    const ctx = issueContext();
    ctx.issuedAt = new Date(Date.now() - 40 * 86_400_000);
    ctx.validUntil = new Date(Date.now() - 86_400_000);
    const verdict = await verifier.verify(await passport(ctx));
    expect(verdict.status).toBe('expired');
    expect(verdict.claims).toBeDefined();
  });

  it('calls a revoked passport revoked, and the others on its list not', async () => {
    const { verifier, passport } = await setup(new Set([7]));
    expect((await verifier.verify(await passport(issueContext(), 7))).status).toBe('revoked');
    expect((await verifier.verify(await passport(issueContext(), 8))).status).toBe('valid');
  });

  it('calls a passport of a key it does not know unknown-issuer', async () => {
    const { passport } = await setup();
    const stranger = new PassportVerifier(
      await PassportKeys.from(generatePassportKeyPem()),
      PREFIX,
      new TrustedDeployments([]),
      () => Promise.resolve(false),
    );
    expect((await stranger.verify(await passport())).status).toBe('unknown-issuer');
  });

  it('still verifies a passport signed before a rotation, with the old key retired', async () => {
    const oldPem = generatePassportKeyPem();
    const old = await PassportKeys.from(oldPem);
    const signed = await signCredential(
      trainingCredential(issueContext(), safeguarding, `urn:uuid:${randomUUID()}`, { listUrl, index: 1 }),
      old.current,
    );
    const rotated = await PassportKeys.from(generatePassportKeyPem(), [oldPem]);
    expect(rotated.current.kid).not.toBe(old.current.kid);
    expect(rotated.jwks().keys.map((k) => k.kid)).toEqual([rotated.current.kid, old.current.kid]);
    expect(rotated.jwks().keys.every((k) => k.d === undefined)).toBe(true);
    const verifier = new PassportVerifier(rotated, PREFIX, new TrustedDeployments([]), () =>
      Promise.resolve(false),
    );
    expect((await verifier.verify(signed)).status).toBe('valid');
  });

  it('refuses a passport in the name of a LERO the signing deployment does not speak for', async () => {
    const { verifier, passport } = await setup();
    const elsewhere = issueContext({
      id: 'https://evil.example/issuers/x',
      name: 'X',
      url: 'https://evil.example',
    });
    expect((await verifier.verify(await passport(elsewhere))).status).toBe('invalid');
  });

  it('keeps a training credential no longer valid than its training', async () => {
    const claims = trainingCredential(issueContext(undefined, 3650), safeguarding, 'urn:uuid:t', {
      listUrl,
      index: 2,
    });
    expect(claims.validUntil).toBe('2029-01-10T00:00:00Z');
    expect(claims.exp).toBe(Date.parse('2029-01-10T00:00:00Z') / 1000);
  });
});

describe('a trusted deployment', () => {
  const remoteBase = 'https://other-hearth.example.net';
  const remoteIssuer = `${remoteBase}${ISSUERS_PATH}${randomUUID()}`;
  const remoteList = `${remoteIssuer}/status-lists/${randomUUID()}`;

  async function remote(revoked: number[] = []) {
    const keys = await PassportKeys.from(generatePassportKeyPem());
    const list = await signCredential(
      statusListCredential({ id: remoteIssuer }, remoteList, encodeStatusList(revoked), new Date(), 60_000),
      keys.current,
    );
    const fetched: string[] = [];
    const fetch = (url: string, _o: SafeFetchOptions): Promise<SafeFetchResponse> => {
      fetched.push(url);
      const body = url.endsWith('/jwks.json') ? JSON.stringify(keys.jwks()) : url === remoteList ? list : '';
      return Promise.resolve({
        status: body ? 200 : 404,
        url,
        headers: {},
        body: Buffer.from(body),
        text: () => body,
        json: () => JSON.parse(body) as unknown,
      });
    };
    const trusted = new TrustedDeployments([trustedDeployment(`${remoteBase}/.well-known/jwks.json`)], {
      fetch,
    });
    const verifier = new PassportVerifier(
      await PassportKeys.from(generatePassportKeyPem()),
      PREFIX,
      trusted,
      () => Promise.resolve(undefined),
    );
    const ctx = issueContext({ id: remoteIssuer, name: 'Far LERO', url: `${remoteBase}/lero/far` });
    const sign = (index: number) =>
      signCredential(
        trainingCredential(ctx, safeguarding, `urn:uuid:${randomUUID()}`, { listUrl: remoteList, index }),
        keys.current,
      );
    return { verifier, sign, fetched, ctx };
  }

  it('verifies its passports with its JWKS and its status list, fetched once and cached', async () => {
    const { verifier, sign, fetched } = await remote([3]);
    expect((await verifier.verify(await sign(2))).status).toBe('valid');
    expect((await verifier.verify(await sign(3))).status).toBe('revoked');
    expect(fetched.filter((u) => u.endsWith('jwks.json'))).toHaveLength(1);
    expect(fetched.filter((u) => u === remoteList)).toHaveLength(1);
  });

  it('asks its JWKS again for an unknown kid at most once in a while, however many arrive', async () => {
    const { verifier, fetched, ctx } = await remote();
    const stranger = await PassportKeys.from(generatePassportKeyPem());
    for (let i = 0; i < 5; i++) {
      const forged = await signCredential(
        trainingCredential(ctx, safeguarding, `urn:uuid:${randomUUID()}`, { listUrl: remoteList, index: i }),
        stranger.current,
      );
      expect((await verifier.verify(forged)).status).toBe('unknown-issuer');
    }
    expect(fetched.filter((u) => u.endsWith('jwks.json'))).toHaveLength(1);
  });
});

describe('Bitstring Status List', () => {
  it('is 16 KiB of bits, GZIP and base64url with the multibase u, left-most bit first', () => {
    const encoded = encodeStatusList([0, 9, STATUS_LIST_SIZE - 1]);
    expect(encoded.startsWith('u')).toBe(true);
    const bits = decodeStatusList(encoded);
    expect(bits.length).toBe(16_384);
    expect(bits[0]).toBe(0x80);
    expect(bits[1]).toBe(0x40);
    expect([0, 9, STATUS_LIST_SIZE - 1].every((i) => statusBitSet(bits, i))).toBe(true);
    expect(statusBitSet(bits, 1)).toBe(false);
  });

  it('refuses what is not a list', () => {
    expect(() => decodeStatusList('u!!!')).toThrow();
    expect(() => decodeStatusList('uAAAA')).toThrow();
  });
});
