import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { uuidv7 } from 'uuidv7';
import {
  AppError,
  MembershipEvents,
  TenantsClient,
  TenantsSubjects,
  isSecondFactorChallenge,
  type Actor,
  type LoginResult,
  type RequestContext,
  type TokenPair,
} from '@hearth/contracts';
import { MessageClient, createNatsClient } from '@hearth/messaging';
import { migrateAll } from '@hearth/persistence';
import {
  createTestDatabase,
  eventually,
  startTestNats,
  testTrust,
  uniqueName,
  type TestDatabase,
  type TestNats,
} from '@hearth/testing';
import { TENANTS_SCHEMA, TenantsDatabase } from '../src/tenants-database';
import { memberErasureConsumer } from '../src/member-links/member-links.service';
import { ErasedMembersRepository } from '../src/invitations/erased-members.repository';
import { hashSecretToken, newSecretToken } from '../src/secret-token.util';
import { createTenantsApp } from '../src/tenants.app';
import { AuthService } from '../src/auth/auth.service';
import type { TenantsOptions } from '../src/tenants.options';
import { hashPassword } from '../src/accounts/password.util';

const DAY = 24 * 3600 * 1000;

/** The actor an access token speaks for, as a service derives it. */
function actorOf(tokens: TokenPair): Actor {
  const payload = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1], 'base64url').toString()) as {
    sub: string;
    email: string;
    grants: Actor['grants'];
  };
  return { accountId: payload.sub, email: payload.email, grants: payload.grants };
}

/** Tokens from a sign-in that needs no second factor. */
function pairOf(result: LoginResult): TokenPair {
  if (isSecondFactorChallenge(result)) throw new Error('expected tokens, got a second-factor challenge');
  return result;
}

/** The tenants service on its own, spoken to over real NATS as any caller would: NATS is a trust boundary. */
/** The service on `database`, with a platform admin to create from configuration at its first start. */
const optionsOn = (database: TestDatabase, adminEmail: string, adminPassword: string): TenantsOptions => ({
  databaseUrl: database.urlFor(TENANTS_SCHEMA.schema),
  signingKey: testTrust.accessKeys.privateKey,
  totpEncryptionKey: randomBytes(32),
  adminEmail,
  adminPassword,
});

describe('tenants service over NATS', () => {
  let db: TestDatabase;
  let replicas: NestFastifyApplication[] = [];
  let bus: MessageClient;
  let client: TenantsClient;
  let clockOffset = 0;
  const ctx = (actor?: Actor): RequestContext => testTrust.ctx(actor);
  let nats: TestNats;
  let admin: Actor;

  beforeAll(async () => {
    nats = await startTestNats();
    db = await createTestDatabase();
    await migrateAll([TENANTS_SCHEMA], db.ownerUrl, db.urlFor);
    const options: TenantsOptions = {
      ...optionsOn(db, 'root@example.org', 'root-password-long'),
      now: () => new Date(Date.now() + clockOffset),
    };
    for (let i = 0; i < 2; i++) {
      const app = await createTenantsApp(options, { ...nats.as('tenants'), trust: testTrust.trust }, 'warn');
      await app.init();
      replicas.push(app);
    }
    // The gateway's user: requests reach the tenants service as they would in production.
    bus = new MessageClient(createNatsClient(nats.as('gateway')), 3000);
    client = new TenantsClient(bus);
    admin = await withAllGrants(
      actorOf(
        pairOf(await client.login(ctx(), { email: 'root@example.org', password: 'root-password-long' })),
      ),
    );
  });

  afterAll(async () => {
    await bus?.close();
    for (const app of replicas) await app.close();
    replicas = [];
    await db?.drop();
    await nats?.stop();
  });

  afterEach(() => {
    clockOffset = 0;
  });

  /**
   * The actor with every grant it holds: an admin's token carries admin grants only after a second factor (ADR 15,
   * tested end to end in the gateway's suites); contexts here are signed by the test, as the gateway forwards them.
   */
  const withAllGrants = async (actor: Actor): Promise<Actor> => ({
    ...actor,
    grants: (await client.me(ctx(actor))).grants as Actor['grants'],
  });

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (err: unknown) =>
        err instanceof AppError
          ? `${err.code}${err.details?.reason ? `:${err.details.reason}` : ''}`
          : String(err),
    );

  it('rejects a message without an envelope', async () => {
    const reply = await codeOf(bus.request(TenantsSubjects.me, undefined as unknown as RequestContext, {}));
    expect(reply).toBe('VALIDATION');
  });

  it('validates data itself, whatever the gateway did: a smuggled field is refused and nothing is written', async () => {
    const smuggled = {
      name: 'Smuggled',
      slug: uniqueName('smuggled').replace('_', '-'),
      tenantId: admin.accountId,
    };
    expect(await codeOf(bus.request(TenantsSubjects.createRegion, ctx(admin), smuggled))).toBe('VALIDATION');
    const regions = await client.listRegions(ctx(admin));
    expect(regions.items.map((r) => r.name)).not.toContain('Smuggled');
  });

  it('believes only the token: an actor written into the envelope is ignored', async () => {
    // A neighbour on NATS with the gateway's credentials, writing its own envelope.
    const nc = await nats.connect('gateway');
    try {
      // Nest's NATS framing, as any client on the network could send it.
      const subject = TenantsSubjects.listRegions;
      const ask = async (ctx: Record<string, unknown>) =>
        (
          await nc.request(subject, JSON.stringify({ pattern: subject, id: '1', data: { ctx, data: {} } }))
        ).json<{ err?: { code: string } }>();
      const forged = { requestId: 'forged', actor: admin };
      expect((await ask(forged)).err?.code).toBe('UNAUTHENTICATED');
      expect((await ask({ ...forged, token: testTrust.token() })).err?.code).toBe('UNAUTHENTICATED');
      expect((await ask({ ...forged, token: 'not.a.token' })).err?.code).toBe('UNAUTHENTICATED');
    } finally {
      await nc.close();
    }
  });

  it('refuses requests with no actor where one is needed', async () => {
    expect(await codeOf(client.listRegions(ctx()))).toBe('UNAUTHENTICATED');
  });

  it('names a region by its slug to the directory without a sign-in, and only to services allowed to ask', async () => {
    const slug = uniqueName('feed').replaceAll('_', '-');
    const region = await client.createRegion(ctx(admin), { name: 'Feed region', slug });
    const directoryBus = new MessageClient(createNatsClient(nats.as('directory')), 3000);
    try {
      const asDirectory = new TenantsClient(directoryBus);
      expect(await asDirectory.regionBySlug(ctx(), slug)).toEqual({
        id: region.id,
        name: 'Feed region',
        slug,
      });
      expect(await codeOf(asDirectory.regionBySlug(ctx(), 'no-such-region'))).toBe('NOT_FOUND');
      expect(await codeOf(asDirectory.regionBySlug(ctx(), 'Not A Slug'))).toBe('VALIDATION');
    } finally {
      await directoryBus.close();
    }
    // The gateway may not ask it: the feed answers through the directory service.
    expect(await codeOf(client.regionBySlug(ctx(), slug))).not.toBe('resolved');
  });

  it('names a region’s active LEROs by the region’s slug to advocacy, with their figures setting (ADR 0065)', async () => {
    const slug = uniqueName('voices').replaceAll('_', '-');
    const region = await client.createRegion(ctx(admin), { name: 'Voices region', slug });
    const lero = (name: string) =>
      client.createTenant(ctx(admin), {
        regionId: region.id,
        name,
        slug: uniqueName('voice-lero').replaceAll('_', '-'),
        adminEmail: `${uniqueName('voice')}@example.org`,
      });
    const [b, a, onboarding] = [await lero('B LERO'), await lero('A LERO'), await lero('C LERO')];
    for (const l of [a, b]) await client.transitionTenant(ctx(admin), l.id, 'activate');
    const advocacyBus = new MessageClient(createNatsClient(nats.as('advocacy')), 3000);
    try {
      const asAdvocacy = new TenantsClient(advocacyBus);
      const view = (l: typeof a) => ({
        id: l.id,
        name: l.name,
        slug: l.slug,
        status: 'active',
        reportingVisibility: 'per-lero',
      });
      expect(await asAdvocacy.regionPublicLeros(ctx(), slug)).toEqual({
        region: { id: region.id, name: 'Voices region', slug },
        leros: [view(a), view(b)],
      });
      expect(await asAdvocacy.tenantBySlug(ctx(), a.slug)).toEqual(view(a));
      expect(await codeOf(asAdvocacy.tenantBySlug(ctx(), onboarding.slug))).toBe('NOT_FOUND');
      expect(await codeOf(asAdvocacy.regionPublicLeros(ctx(), 'no-such-region'))).toBe('NOT_FOUND');
    } finally {
      await advocacyBus.close();
    }
    // The gateway may not ask it: the pages answer through the advocacy service.
    expect(await codeOf(client.regionPublicLeros(ctx(), slug))).not.toBe('resolved');
  });

  it('creates the first platform admin once when two replicas start together on an empty database', async () => {
    const empty = await createTestDatabase();
    const started: NestFastifyApplication[] = [];
    try {
      await migrateAll([TENANTS_SCHEMA], empty.ownerUrl, empty.urlFor);
      const options = optionsOn(empty, 'first@example.org', 'first-password-long');
      const apps = await Promise.all(
        [0, 1].map(() =>
          createTenantsApp(options, { ...nats.as('tenants'), trust: testTrust.trust }, 'warn'),
        ),
      );
      started.push(...apps);
      const owner = new Client({ connectionString: empty.ownerUrl });
      await owner.connect();
      try {
        // Both bootstraps are held at the first-admin lock until both wait there, so they race for certain: each
        // has found no admin before either has written one. (A lock taken outside the bootstrap's transaction let
        // both through here, one failing on the unique email.)
        await owner.query('begin');
        await owner.query(`select pg_advisory_xact_lock(hashtext('hearth.tenants.first-admin'))`);
        const inits = Promise.all(apps.map((app) => app.init()));
        inits.catch(() => undefined);
        await eventually(async () => {
          const { rows } = await owner.query<{ waiting: number }>(
            `select count(*)::int as waiting from pg_locks l join pg_database d on d.oid = l.database
              where l.locktype = 'advisory' and not l.granted and d.datname = current_database()`,
          );
          expect(rows[0].waiting).toBe(2);
        });
        await owner.query('commit');
        await inits;
        const { rows } = await owner.query<{ email: string; grants: number }>(
          `select a.email, count(g.*)::int as grants from ${TENANTS_SCHEMA.schema}.accounts a
             join ${TENANTS_SCHEMA.schema}.grants g on g.account_id = a.id and g.role = 'platform-admin'
            group by a.email`,
        );
        expect(rows).toEqual([{ email: 'first@example.org', grants: 1 }]);
      } finally {
        await owner.end();
      }
    } finally {
      for (const app of started) await app.close();
      await empty.drop();
    }
  });

  it('shares the load between replicas in one queue group', async () => {
    const spies = replicas.map((app) => jest.spyOn(app.get(AuthService), 'me'));
    await Promise.all(Array.from({ length: 40 }, () => client.me(ctx(admin))));
    const counts = spies.map((s) => s.mock.calls.length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
    expect(counts.every((c) => c > 0)).toBe(true);
    spies.forEach((s) => s.mockRestore());
  });

  it('makes wrong passwords for one email (with an account or not) wait longer each time, never over a minute', async () => {
    const email = `${uniqueName('throttled')}@example.org`;
    const wrong = () => codeOf(client.login(ctx(), { email, password: 'not the password' }));
    const waitOf = async () => {
      try {
        await client.login(ctx(), { email, password: 'not the password' });
      } catch (err) {
        return (err as AppError).details?.retryAfterSeconds;
      }
      return undefined;
    };
    for (let i = 0; i < 5; i++) expect(await wrong()).toBe('UNAUTHENTICATED');
    const waits: unknown[] = [];
    for (let i = 0; i < 9; i++) {
      waits.push(await waitOf());
      // Just past the wait: the next wrong password counts, and the wait doubles.
      clockOffset += ((waits[i] as number) ?? 0) * 1000 + 1;
      expect(await wrong()).toBe('UNAUTHENTICATED');
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    // Another email is not slowed down by this one.
    const root = pairOf(
      await client.login(ctx(), { email: 'root@example.org', password: 'root-password-long' }),
    );
    expect(root.accessToken).toEqual(expect.any(String));
  });

  it('refuses an invitation after 7 days, as expired', async () => {
    const region = await client.createRegion(ctx(admin), {
      name: 'Expiry',
      slug: uniqueName('expiry').replace('_', '-'),
    });
    const invitation = await client.inviteToRegion(ctx(admin), region.id, {
      email: 'late@example.org',
      role: 'commissioner',
    });
    clockOffset = 7 * DAY + 1000;
    const accept = client.acceptInvitation(ctx(), {
      token: invitation.token,
      password: 'a long password!',
      displayName: 'Late',
    });
    expect(await codeOf(accept)).toBe('GONE:InvitationExpired');
  });

  it('stores invitation and refresh tokens only as hashes', async () => {
    const region = await client.createRegion(ctx(admin), {
      name: 'Hashes',
      slug: uniqueName('hashes').replace('_', '-'),
    });
    const invitation = await client.inviteToRegion(ctx(admin), region.id, {
      email: 'h@example.org',
      role: 'commissioner',
    });
    const tokens = pairOf(
      await client.login(ctx(), { email: 'root@example.org', password: 'root-password-long' }),
    );
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      const dump = JSON.stringify([
        (await owner.query('select * from tenants.invitations')).rows,
        (await owner.query('select * from tenants.refresh_tokens')).rows,
        (await owner.query('select * from tenants.accounts')).rows,
      ]);
      expect(dump).not.toContain(invitation.token);
      expect(dump).not.toContain(tokens.refreshToken);
      expect(dump).not.toContain('root-password-long');
      expect(dump).toContain('$argon2id$');
    } finally {
      await owner.end();
    }
  });

  it('refuses a refresh token after 30 days', async () => {
    const tokens = pairOf(
      await client.login(ctx(), { email: 'root@example.org', password: 'root-password-long' }),
    );
    clockOffset = 31 * DAY;
    expect(await codeOf(client.refresh(ctx(), { refreshToken: tokens.refreshToken }))).toMatch(
      /^UNAUTHENTICATED/,
    );
  });

  it('ends a sign-in 30 days after it began however often it is refreshed, and an unused one after 14', async () => {
    let tokens = pairOf(
      await client.login(ctx(), { email: 'root@example.org', password: 'root-password-long' }),
    );
    for (const day of [10, 20, 29]) {
      clockOffset = day * DAY;
      tokens = await client.refresh(ctx(), { refreshToken: tokens.refreshToken });
    }
    clockOffset = 30 * DAY + 1000;
    expect(await codeOf(client.refresh(ctx(), { refreshToken: tokens.refreshToken }))).toMatch(
      /^UNAUTHENTICATED/,
    );
    clockOffset = 0;
    const idle = pairOf(
      await client.login(ctx(), { email: 'root@example.org', password: 'root-password-long' }),
    );
    clockOffset = 14 * DAY + 1000;
    expect(await codeOf(client.refresh(ctx(), { refreshToken: idle.refreshToken }))).toMatch(
      /^UNAUTHENTICATED/,
    );
  });

  it('lets a password reset link work once, for a day', async () => {
    const region = await client.createRegion(ctx(admin), {
      name: 'Resets',
      slug: uniqueName('resets').replace('_', '-'),
    });
    const lero = await client.createTenant(ctx(admin), {
      regionId: region.id,
      name: 'Reset LERO',
      slug: uniqueName('reset-lero').replace('_', '-'),
      adminEmail: 'reset-admin@example.org',
    });
    const password = 'a long enough password';
    const join = async (token: string, email: string) => {
      await client.acceptInvitation(ctx(), { token, password, displayName: email });
      return withAllGrants(actorOf(pairOf(await client.login(ctx(), { email, password }))));
    };
    const leroAdmin = await join(lero.invitation.token, 'reset-admin@example.org');
    const invitation = await client.inviteToTenant(ctx(leroAdmin), lero.id, {
      email: 'reset-volunteer@example.org',
      role: 'volunteer',
    });
    const volunteer = await join(invitation.token, 'reset-volunteer@example.org');
    const first = await client.requestPasswordReset(ctx(leroAdmin), volunteer.accountId);
    const second = await client.requestPasswordReset(ctx(leroAdmin), volunteer.accountId);
    // A newer link supersedes the one before.
    expect(
      await codeOf(client.completePasswordReset(ctx(), { token: first.token!, newPassword: password })),
    ).toBe('GONE:ResetLinkSpent');
    clockOffset = DAY + 1000;
    expect(
      await codeOf(client.completePasswordReset(ctx(), { token: second.token!, newPassword: password })),
    ).toBe('GONE:ResetLinkExpired');
    clockOffset = 0;
    expect(await codeOf(client.login(ctx(), { email: 'reset-volunteer@example.org', password }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  describe('when a member record is erased', () => {
    let tenantsDb: TenantsDatabase;
    let owner: Client;
    let erasures: ReturnType<typeof memberErasureConsumer>;
    const password = 'a long enough password';

    beforeAll(async () => {
      tenantsDb = await TenantsDatabase.connect(TENANTS_SCHEMA, { url: db.urlFor(TENANTS_SCHEMA.schema) });
      erasures = memberErasureConsumer(tenantsDb, new ErasedMembersRepository());
      owner = new Client({ connectionString: db.ownerUrl });
      await owner.connect();
    });

    afterAll(async () => {
      await owner?.end();
      await tenantsDb?.close();
    });

    /** A LERO with its admin signed in. */
    async function leroWithAdmin(name: string) {
      const slug = (what: string) => uniqueName(what.toLowerCase()).replace('_', '-');
      const region = await client.createRegion(ctx(admin), { name, slug: slug(name) });
      const lero = await client.createTenant(ctx(admin), {
        regionId: region.id,
        name,
        slug: slug(`${name}-lero`),
        adminEmail: `${uniqueName('admin')}@example.org`,
      });
      await client.acceptInvitation(ctx(), { token: lero.invitation.token, password, displayName: 'Admin' });
      const leroAdmin = await withAllGrants(
        actorOf(pairOf(await client.login(ctx(), { email: lero.invitation.email, password }))),
      );
      return { id: lero.id, regionId: region.id, leroAdmin };
    }

    /** A member invitation naming a record (membership vouched for it when it was made); returns its token. */
    async function memberInvitation(lero: { id: string; regionId: string }, email: string, memberId: string) {
      const token = newSecretToken();
      await owner.query(
        `insert into tenants.invitations (id, email, role, region_id, tenant_id, member_id, token_hash, expires_at)
          values ($1, $2, 'member', $3, $4, $5, $6, now() + interval '7 days')`,
        [uuidv7(), email, lero.regionId, lero.id, memberId, hashSecretToken(token)],
      );
      return token;
    }

    const erase = async (tenantId: string, memberId: string) => {
      const occurredAt = new Date().toISOString();
      const event = {
        id: uuidv7(),
        subject: MembershipEvents.memberErased,
        occurredAt,
        tenantId,
        data: { tenantId, memberId, occurredAt, communityRoles: [] },
      };
      expect(await erasures.process(event, 1)).toBe('handled');
    };
    const accept = (token: string) =>
      client.acceptInvitation(ctx(), { token, password, displayName: 'Zebedee' });
    const rows = async (sql: string, params: unknown[]) => (await owner.query(sql, params)).rows;
    /** What the tenants service holds of a person: accounts, grants naming the record, emails in invitations. */
    const traces = async (email: string, memberId: string) => ({
      accounts: await rows(`select id from tenants.accounts where email = $1`, [email]),
      grants: await rows(`select id from tenants.grants where member_id = $1`, [memberId]),
      invitations: await rows(`select id from tenants.invitations where email = $1 or member_id = $2`, [
        email,
        memberId,
      ]),
    });
    const nothing = { accounts: [], grants: [], invitations: [] };

    it('deletes an account that was only the member’s: it cannot sign in, and no invitation keeps its email', async () => {
      const lero = await leroWithAdmin('Erasing');
      const memberId = uuidv7();
      const email = `${uniqueName('only-member')}@example.org`;
      await accept(await memberInvitation(lero, email, memberId));
      const tokens = pairOf(await client.login(ctx(), { email, password }));
      expect(actorOf(tokens).grants).toEqual([{ role: 'member', tenantId: lero.id, memberId }]);
      // Another invitation naming the record, not taken yet; a failed sign-in, remembered by the email's hash.
      await memberInvitation(lero, `${uniqueName('other')}@example.org`, memberId);
      expect(await codeOf(client.login(ctx(), { email, password: 'not the password' }))).toBe(
        'UNAUTHENTICATED',
      );
      const failures = () => rows(`select 1 from tenants.sign_in_failures`, []).then((r) => r.length);
      const before = await failures();

      await erase(lero.id, memberId);
      expect(await traces(email, memberId)).toEqual(nothing);
      expect(await failures()).toBe(before - 1);
      expect(await codeOf(client.login(ctx(), { email, password }))).toBe('UNAUTHENTICATED');
      expect(await codeOf(client.refresh(ctx(), { refreshToken: tokens.refreshToken }))).toMatch(
        /^UNAUTHENTICATED/,
      );
      // Applied again (a redelivery under another id), nothing changes and nothing fails.
      await erase(lero.id, memberId);
    });

    it('keeps an account that holds another role, without the member link and signed out everywhere', async () => {
      const lero = await leroWithAdmin('Keeping');
      const memberId = uuidv7();
      const email = `${uniqueName('volunteer-member')}@example.org`;
      await accept(await memberInvitation(lero, email, memberId));
      const invited = await client.inviteToTenant(ctx(lero.leroAdmin), lero.id, { email, role: 'volunteer' });
      await accept(invited.token);
      const tokens = pairOf(await client.login(ctx(), { email, password }));
      expect(actorOf(tokens).grants).toEqual(
        expect.arrayContaining([
          { role: 'member', tenantId: lero.id, memberId },
          { role: 'volunteer', tenantId: lero.id },
        ]),
      );

      await erase(lero.id, memberId);
      expect(await codeOf(client.refresh(ctx(), { refreshToken: tokens.refreshToken }))).toMatch(
        /^UNAUTHENTICATED/,
      );
      // Signing in again gives only the role given separately: nothing through the erased record.
      const again = pairOf(await client.login(ctx(), { email, password }));
      expect(actorOf(again).grants).toEqual([{ role: 'volunteer', tenantId: lero.id }]);
      expect((await client.me(ctx(actorOf(again)))).grants).toEqual([
        { role: 'volunteer', tenantId: lero.id },
      ]);
      const held = await traces(email, memberId);
      expect(held.accounts).toHaveLength(1);
      // Both spent invitations (the member's and the volunteer's, sent to the same email) lose it.
      expect([held.grants, held.invitations]).toEqual([[], []]);
      expect(
        await rows(`select 1 from tenants.invitations where tenant_id = $1 and email is null`, [lero.id]),
      ).toHaveLength(2);
    });

    /** Holds a member's lock (as an erasure or an acceptance does) until `release`. */
    async function holdMemberLock(tenantId: string, memberId: string) {
      const holder = new Client({ connectionString: db.ownerUrl });
      await holder.connect();
      await holder.query('begin');
      await holder.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `tenants/member/${tenantId}/${memberId}`,
      ]);
      const waiting = async (n: number) =>
        eventually(async () =>
          expect(
            (
              await rows(
                `select 1 from pg_locks where locktype = 'advisory' and not granted
                  and database = (select oid from pg_database where datname = current_database())`,
                [],
              )
            ).length,
          ).toBe(n),
        );
      return {
        waiting,
        release: async () => {
          await holder.query('commit');
          await holder.end();
        },
      };
    }

    it('ends the same whichever of an acceptance and the erasure goes first, even while both are in flight', async () => {
      const lero = await leroWithAdmin('Racing');
      const outcomes: string[] = [];
      for (const first of ['accept', 'erase', 'accept in flight', 'erase in flight']) {
        const memberId = uuidv7();
        const email = `${uniqueName('racer')}@example.org`;
        const token = await memberInvitation(lero, email, memberId);
        if (first === 'accept') {
          await accept(token);
          await erase(lero.id, memberId);
          outcomes.push('accepted');
        } else if (first === 'erase') {
          await erase(lero.id, memberId);
          outcomes.push(await codeOf(accept(token)));
        } else {
          // Both wait on the member's lock; the one that queued first goes first.
          const lock = await holdMemberLock(lero.id, memberId);
          const order = first === 'accept in flight' ? ['accept', 'erase'] : ['erase', 'accept'];
          const running: Promise<string>[] = [];
          for (const [i, step] of order.entries()) {
            running.push(
              step === 'accept' ? codeOf(accept(token)) : erase(lero.id, memberId).then(() => 'erased'),
            );
            await lock.waiting(i + 1);
          }
          await lock.release();
          outcomes.push((await Promise.all(running)).join(' then '));
        }
        expect(await traces(email, memberId)).toEqual(nothing);
      }
      expect(outcomes).toEqual([
        'accepted',
        'VALIDATION:InvitationUnknown',
        'resolved then erased',
        'erased then GONE:InvitationSpent',
      ]);
    });
  });

  it('lists LEROs a page at a time with a cursor', async () => {
    const region = await client.createRegion(ctx(admin), {
      name: 'Paged',
      slug: uniqueName('paged').replace('_', '-'),
    });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const t = await client.createTenant(ctx(admin), {
        regionId: region.id,
        name: `LERO ${i}`,
        slug: uniqueName(`paged-${i}`).replace('_', '-'),
        adminEmail: `p${i}@example.org`,
      });
      ids.push(t.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTenants(ctx(admin), {
        regionId: region.id,
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(ids);
    expect(await codeOf(client.listTenants(ctx(admin), { cursor: 'not-a-cursor' }))).toBe('VALIDATION');
  });

  it('refuses a second region or LERO with a slug already taken', async () => {
    const slug = uniqueName('dup').replace('_', '-');
    const region = await client.createRegion(ctx(admin), { name: 'Dup', slug });
    expect(await codeOf(client.createRegion(ctx(admin), { name: 'Dup again', slug }))).toBe(
      'CONFLICT:SlugTaken',
    );
    const lero = { regionId: region.id, name: 'Dup LERO', slug, adminEmail: 'd@example.org' };
    await client.createTenant(ctx(admin), lero);
    expect(await codeOf(client.createTenant(ctx(admin), lero))).toBe('CONFLICT:SlugTaken');
  });
});

/** The first platform admin, made from configuration (HEARTH_ADMIN_EMAIL / HEARTH_ADMIN_PASSWORD). */
describe('the admin bootstrap', () => {
  let db: TestDatabase;
  let nats: TestNats;

  beforeAll(async () => {
    nats = await startTestNats();
    db = await createTestDatabase();
    await migrateAll([TENANTS_SCHEMA], db.ownerUrl, db.urlFor);
  });

  afterAll(async () => {
    await db?.drop();
    await nats?.stop();
  });

  const platformAdmins = async () => {
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      return (
        await owner.query<{ email: string }>(
          `select a.email from tenants.grants g join tenants.accounts a on a.id = g.account_id
            where g.role = 'platform-admin'`,
        )
      ).rows.map((r) => r.email);
    } finally {
      await owner.end();
    }
  };

  async function boot(adminPassword: string) {
    const app = await createTenantsApp(
      {
        databaseUrl: db.urlFor(TENANTS_SCHEMA.schema),
        signingKey: testTrust.accessKeys.privateKey,
        totpEncryptionKey: randomBytes(32),
        adminEmail: 'someone@example.org',
        adminPassword,
      },
      { ...nats.as('tenants'), trust: testTrust.trust },
      'silent',
    );
    await app.init();
    await app.close();
  }

  it('makes an existing account with the configured email platform admin only with its own password', async () => {
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      await owner.query(
        `insert into tenants.accounts (id, email, display_name, password_hash) values ($1, $2, 'Someone', $3)`,
        [
          '0190a000-0000-7000-8000-0000000000ee',
          'someone@example.org',
          await hashPassword('their own password'),
        ],
      );
    } finally {
      await owner.end();
    }
    await boot('a configured password');
    expect(await platformAdmins()).toEqual([]);
    await boot('their own password');
    expect(await platformAdmins()).toEqual(['someone@example.org']);
  });
});
