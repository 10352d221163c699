import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import {
  MembershipEvents as M,
  type Actor,
  type DomainEvent,
  type Role,
  type VolunteeringClient,
} from '@hearth/contracts';
import { testTrust } from '@hearth/testing';
import { VolunteeringDatabase } from '../src/volunteering-database';
import { memberEventsConsumer } from '../src/member-events/member-events.consumer';
import { generatePassportKeyPem, PassportKeys } from '../src/passports/passport-keys';
import {
  passportCredential,
  signCredential,
  statusListCredential,
  trainingCredential,
  type IssueContext,
} from '../src/passports/passport-credential.util';
import { encodeStatusList } from '../src/passports/status-list.util';
import { ISSUERS_PATH, trustedDeployment, TrustedDeployments } from '../src/passports/trusted-deployments';
import { startVolunteeringService, type VolunteeringService } from './volunteering.harness';

const actorIn = (tenantId: string, role: Role): Actor => ({
  accountId: uuidv7(),
  email: `${role}-${tenantId.slice(-6)}@example.org`,
  grants: [{ role, tenantId, regionId: uuidv7() }],
});
const anyone = () => testTrust.ctx();

/**
 * Another Hearth deployment on this machine: its JWKS and one status list, served over HTTP as a real deployment
 * serves them. Counts what it is asked.
 */
async function otherDeployment() {
  const keys = await PassportKeys.from(generatePassportKeyPem());
  const revoked = new Set<number>();
  const asked: string[] = [];
  let origin = '';
  const tenant = uuidv7();
  const server: Server = createServer((req, res) => {
    void (async () => {
      asked.push(req.url ?? '');
      if (req.url === '/.well-known/jwks.json') {
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify(keys.jwks()));
      }
      if (req.url === new URL(listUrl()).pathname) {
        const list = statusListCredential(
          { id: issuerId() },
          listUrl(),
          encodeStatusList(revoked),
          new Date(),
          60_000,
        );
        res.setHeader('content-type', 'application/vc+jwt');
        return res.end(await signCredential(list, keys.current));
      }
      res.statusCode = 404;
      res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuerId = () => `${origin}${ISSUERS_PATH}${tenant}`;
  const listUrl = () => `${issuerId()}/status-lists/${tenant}`;
  const context = (): IssueContext => ({
    issuer: { id: issuerId(), name: 'Far Away LERO', url: `${origin}/lero/far` },
    subjectId: `urn:uuid:${uuidv7()}`,
    displayName: 'Jo',
    issuedAt: new Date(),
    validUntil: new Date(Date.now() + 86_400_000),
  });
  const item = {
    trainingId: uuidv7(),
    name: 'Naloxone',
    kind: 'training' as const,
    completedOn: '2026-05-01',
    expiresOn: null,
  };
  return {
    jwksUrl: `${origin}/.well-known/jwks.json`,
    revoked,
    asked,
    passport: (index: number) =>
      signCredential(
        passportCredential(
          context(),
          { training: [{ ...item, credentialId: 'urn:uuid:x' }] },
          `urn:uuid:${uuidv7()}`,
          {
            listUrl: listUrl(),
            index,
          },
        ),
        keys.current,
      ),
    credential: (index: number) =>
      signCredential(
        trainingCredential(context(), item, `urn:uuid:${uuidv7()}`, { listUrl: listUrl(), index }),
        keys.current,
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Passports over NATS as the gateway asks (ADR 0056): a trusted remote deployment, key rotation, import, erasure. */
describe('volunteer passports in the volunteering service', () => {
  let service: VolunteeringService;
  let client: VolunteeringClient;
  let owner: Client;
  let remote: Awaited<ReturnType<typeof otherDeployment>>;
  const retiredPem = generatePassportKeyPem();
  const leroA = uuidv7();

  beforeAll(async () => {
    remote = await otherDeployment();
    service = await startVolunteeringService({
      passports: {
        retiredKeyPems: retiredPem,
        trustedJwksUrls: [remote.jwksUrl],
        trustedAllowLoopback: true,
      },
    });
    ({ client, owner } = service);
  });

  afterAll(async () => {
    await service?.close();
    await remote?.close();
  });

  const hear = (subject: string, memberId: string, roles = ['volunteer']) =>
    memberEventsConsumer(service.app.get(VolunteeringDatabase)).process(
      {
        id: uuidv7(),
        subject,
        occurredAt: new Date().toISOString(),
        tenantId: leroA,
        data: { tenantId: leroA, memberId, occurredAt: new Date().toISOString(), communityRoles: roles },
      } as DomainEvent,
      1,
    );

  it('verifies a trusted deployment’s passport with its JWKS and status list, fetched through safeFetch and cached', async () => {
    remote.revoked.add(5);
    expect(await client.verifyPassport(anyone(), await remote.passport(4))).toMatchObject({
      status: 'valid',
      claims: { issuer: { name: 'Far Away LERO' } },
    });
    expect((await client.verifyPassport(anyone(), await remote.passport(5))).status).toBe('revoked');
    expect((await client.verifyPassport(anyone(), await remote.credential(6))).status).toBe('valid');
    expect(remote.asked.filter((u) => u.endsWith('jwks.json'))).toHaveLength(1);
    // safeFetch refuses this machine's loopback unless a test says otherwise in code: untrusted, it is unknown.
    const strict = new TrustedDeployments([trustedDeployment(remote.jwksUrl)]);
    const kid = JSON.parse(Buffer.from((await remote.passport(1)).split('.')[0], 'base64url').toString())
      .kid as string;
    expect(await strict.findKey(kid)).toBeUndefined();
  });

  it('publishes the retired key beside the current one, and still verifies what the retired key signed', async () => {
    const jwks = await client.passportKeys(anyone());
    const retired = await PassportKeys.from(retiredPem);
    expect(jwks.keys).toHaveLength(2);
    expect(jwks.keys.map((k) => (k as { kid: string }).kid)).toContain(retired.current.kid);
    const listId = uuidv7();
    await owner.query(
      `insert into volunteering.status_lists (id, tenant_id, size, next_index) values ($1, $2, 131072, 1)`,
      [listId, leroA],
    );
    const issuer = `http://hearth.test${ISSUERS_PATH}${leroA}`;
    const old = await signCredential(
      trainingCredential(
        {
          issuer: { id: issuer, name: 'A', url: 'http://hearth.test/lero/a' },
          subjectId: 'urn:uuid:s',
          displayName: 'Jo',
          issuedAt: new Date(),
          validUntil: new Date(Date.now() + 86_400_000),
        },
        {
          trainingId: uuidv7(),
          name: 'First aid',
          kind: 'training',
          completedOn: '2026-01-01',
          expiresOn: null,
        },
        `urn:uuid:${uuidv7()}`,
        { listUrl: `${issuer}/status-lists/${listId}`, index: 0 },
      ),
      retired.current,
    );
    expect((await client.verifyPassport(anyone(), old)).status).toBe('valid');
  });

  it('imports a trusted deployment’s passport as accepted from passport, noting the issuer', async () => {
    const jo = uuidv7();
    await hear(M.memberJoined, jo);
    const naloxone = await client.createTraining(testTrust.ctx(actorIn(leroA, 'tenant-admin')), leroA, {
      name: 'Naloxone',
      kind: 'training',
      validityMonths: 12,
    });
    const coordinator = testTrust.ctx(actorIn(leroA, 'coordinator'));
    const result = await client.importPassport(coordinator, leroA, jo, {
      passport: await remote.passport(9),
    });
    expect(result.items).toEqual([
      expect.objectContaining({ trainingId: naloxone.id, recordId: expect.any(String) }),
    ]);
    const { rows } = await owner.query(
      `select how, completed_on::text, expires_on::text, accepted_from_issuer, accepted_from_name
         from volunteering.training_records where member_id = $1`,
      [jo],
    );
    expect(rows).toEqual([
      {
        how: 'accepted-from-passport',
        completed_on: '2026-05-01',
        expires_on: '2027-05-01',
        accepted_from_issuer: expect.stringContaining(ISSUERS_PATH),
        accepted_from_name: 'Far Away LERO',
      },
    ]);
  });

  it('unlinks the credentials issued to a member who is erased, and keeps them on the status list', async () => {
    const sam = uuidv7();
    await hear(M.memberJoined, sam);
    const listId = uuidv7();
    await owner.query(
      `insert into volunteering.status_lists (id, tenant_id, size, next_index) values ($1, $2, 131072, 1)`,
      [listId, leroA],
    );
    await owner.query(
      `insert into volunteering.issued_credentials (id, tenant_id, member_id, kind, list_id, status_index, issued_at,
        expires_at) values ($1, $2, $3, 'passport', $4, 0, now(), now() + interval '1 day')`,
      [uuidv7(), leroA, sam, listId],
    );
    await hear(M.memberErased, sam, []);
    const { rows } = await owner.query(
      `select member_id from volunteering.issued_credentials where list_id = $1`,
      [listId],
    );
    expect(rows).toEqual([{ member_id: null }]);
  });
});
