import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstreamManager } from '@nats-io/jetstream';
import {
  AppError,
  EVENTS_STREAM,
  MEMBER_EXPORT_PART,
  MembershipClient,
  MembershipEvents,
  MembershipSubjects,
  type Actor,
  type Grant,
  type MemberView,
  type RequestContext,
} from '@hearth/contracts';
import {
  EnvelopeVerifier,
  Gather,
  MessageClient,
  NatsConnectionProvider,
  createNatsClient,
} from '@hearth/messaging';
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
import { MEMBERSHIP_SCHEMA } from '../src/membership-database';
import { createMembershipApp } from '../src/membership.app';

const given = {
  actor: (...grants: Grant[]): Actor => ({
    accountId: uuidv7(),
    email: `${uniqueName('someone')}@example.org`,
    grants,
  }),
};

/** How long exports wait for every part here (a test of a silent service waits this long). */
const EXPORT_WAIT_MS = 1500;

/** The membership service on its own, spoken to over real NATS as the gateway would. */
describe('membership service over NATS', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let bus: MessageClient;
  let client: MembershipClient;
  let owner: Client;
  let nats: TestNats;
  const otherServices: { gather: Gather; nats: NatsConnectionProvider }[] = [];
  /** What the erasure told `onMemberErased` (standalone appends it to its erasure ledger). */
  const ledgered: { tenantId: string; memberId: string }[] = [];
  const lero = uuidv7();
  const otherLero = uuidv7();
  const admin = given.actor({ role: 'tenant-admin', tenantId: lero });
  const coordinator = given.actor({ role: 'coordinator', tenantId: lero });
  const volunteer = given.actor({ role: 'volunteer', tenantId: lero });
  const otherAdmin = given.actor({ role: 'tenant-admin', tenantId: otherLero });
  const ctx = (actor?: Actor): RequestContext => testTrust.ctx(actor, { tenantId: lero });

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (err: unknown) => (err instanceof AppError ? err.code : String(err)),
    );
  const errorOf = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (err: unknown) => err as AppError,
    );
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await owner.query<{ n: string }>(`select count(*) as n from ${sql}`, params)).rows[0].n);

  beforeAll(async () => {
    nats = await startTestNats();
    db = await createTestDatabase();
    await migrateAll([MEMBERSHIP_SCHEMA], db.ownerUrl, db.urlFor);
    app = await createMembershipApp(
      {
        databaseUrl: db.urlFor(MEMBERSHIP_SCHEMA.schema),
        exportWaitMs: EXPORT_WAIT_MS,
        onMemberErased: (e) => void ledgered.push(e),
      },
      { ...nats.as('membership'), trust: testTrust.trust },
      'warn',
    );
    await app.init();
    bus = new MessageClient(createNatsClient(nats.as('gateway')), 5000);
    client = new MembershipClient(bus);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    for (const s of otherServices) {
      await s.gather.onApplicationShutdown();
      await s.nats.onApplicationShutdown();
    }
    await owner?.end();
    await bus?.close();
    await app?.close();
    await db?.drop();
    await nats?.stop();
  });

  it('creates a member from a display name alone, active from today', async () => {
    const before = Date.now();
    const member = await client.createMember(ctx(admin), lero, { displayName: '  Jo  ' });
    expect(member).toEqual({
      id: expect.any(String),
      displayName: 'Jo',
      email: null,
      phone: null,
      communityRoles: [],
      pathway: null,
      preferredContact: null,
      reminders: 'none',
      consents: { contact: false, photos: false, shareStoriesAnonymously: false },
      notes: null,
      status: 'active',
      joinedAt: expect.any(String),
      leftAt: null,
      updatedAt: expect.any(String),
    });
    expect(new Date(member.joinedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await client.getMember(ctx(coordinator), lero, member.id)).toEqual(member);
  });

  it('validates data itself, whatever the gateway did: a smuggled or wrong field is refused and nothing is written', async () => {
    const before = await count('membership.members');
    const cases: [Record<string, unknown>, string][] = [
      [{ displayName: 'Smuggled', tenantId: lero, ownerId: admin.accountId }, 'ownerId'],
      [{ displayName: 'x'.repeat(81) }, 'displayName'],
      [{ displayName: '   ' }, 'displayName'],
      [{ displayName: 'Al', email: 'not-an-email' }, 'email'],
      [{ displayName: 'Al', phone: 'call me' }, 'phone'],
      [{ displayName: 'Al', communityRoles: ['admin'] }, 'communityRoles'],
      [{ displayName: 'Al', preferredContact: 'pigeon' }, 'preferredContact'],
      [
        { displayName: 'Al', consents: { contact: 'yes', photos: false, shareStoriesAnonymously: false } },
        'consents.contact',
      ],
      [
        {
          displayName: 'Al',
          consents: { contact: true, photos: false, shareStoriesAnonymously: false, sell: true },
        },
        'consents.sell',
      ],
      [{ displayName: 'Al', recoveryScore: 7 }, 'recoveryScore'],
    ];
    for (const [data, field] of cases) {
      const err = await errorOf(
        bus.request(MembershipSubjects.createMember, ctx(admin), { tenantId: lero, ...data }),
      );
      expect(err.code).toBe('VALIDATION');
      expect(err.details?.errors?.map((e) => e.field)).toContain(field);
    }
    expect(await count('membership.members')).toBe(before);
    expect(await count('membership.outbox')).toBeGreaterThan(0);
  });

  it('changes only the fields given, clears one with null, and audits field names only', async () => {
    const m = await client.createMember(ctx(admin), lero, {
      displayName: 'Robin',
      email: 'robin@example.org',
      phone: '+44 7700 900123',
      pathway: 'SMART Recovery',
      notes: 'Prefers mornings',
    });
    const changed = await client.updateMember(ctx(coordinator), lero, m.id, {
      phone: null,
      communityRoles: ['volunteer', 'peer-mentor'],
      preferredContact: 'email',
    });
    expect(changed).toMatchObject({
      displayName: 'Robin',
      email: 'robin@example.org',
      phone: null,
      pathway: 'SMART Recovery',
      communityRoles: ['volunteer', 'peer-mentor'],
      preferredContact: 'email',
    });
    const err = await errorOf(client.updateMember(ctx(admin), lero, m.id, { displayName: null } as never));
    expect(new Set(err.details?.errors?.map((e) => e.field))).toEqual(new Set(['displayName']));
    const audit = (
      await owner.query('select action, details from membership.audit_entries where member_id = $1', [m.id])
    ).rows;
    expect(audit).toContainEqual({
      action: 'member.updated',
      details: { memberId: m.id, fields: ['phone', 'communityRoles', 'preferredContact'] },
    });
    const dump = JSON.stringify((await owner.query('select * from membership.audit_entries')).rows);
    for (const value of ['Robin', 'robin@example.org', '7700', 'SMART', 'mornings'])
      expect(dump).not.toContain(value);
  });

  it('tells other services of a change of community roles, and of nothing else a change makes', async () => {
    const m = await client.createMember(ctx(admin), lero, { displayName: 'Sam', communityRoles: ['member'] });
    await client.updateMember(ctx(coordinator), lero, m.id, { communityRoles: ['member', 'volunteer'] });
    await client.updateMember(ctx(coordinator), lero, m.id, { displayName: 'Sam B', pathway: 'AA' });
    await client.updateMember(ctx(coordinator), lero, m.id, { communityRoles: ['member', 'volunteer'] });
    const { rows } = await owner.query(
      `select subject, payload from membership.outbox where payload->>'memberId' = $1 order by id`,
      [m.id],
    );
    expect(rows.map((r) => [r.subject, r.payload.communityRoles])).toEqual([
      [MembershipEvents.memberJoined, ['member']],
      [MembershipEvents.memberRolesChanged, ['member', 'volunteer']],
    ]);
    expect(JSON.stringify(rows)).not.toContain('Sam');
  });

  it('keeps consent as history, newest first, starting with those given at creation', async () => {
    const m = await client.createMember(ctx(admin), lero, {
      displayName: 'Kai',
      consents: { contact: true, photos: false, shareStoriesAnonymously: false },
    });
    await client.updateMember(ctx(coordinator), lero, m.id, { consents: { photos: true } });
    await client.updateMember(ctx(admin), lero, m.id, { consents: { contact: false, photos: true } });
    const { items } = await client.listConsents(ctx(admin), lero, m.id);
    expect(items.map((c) => [c.consent, c.given, c.recordedBy])).toEqual([
      ['contact', false, admin.accountId],
      ['photos', true, coordinator.accountId],
      ['shareStoriesAnonymously', false, admin.accountId],
      ['photos', false, admin.accountId],
      ['contact', true, admin.accountId],
    ]);
    expect(items.every((c) => c.bySelf === false && typeof c.recordedAt === 'string')).toBe(true);
    expect((await client.getMember(ctx(admin), lero, m.id)) as MemberView).toMatchObject({
      consents: { contact: false, photos: true, shareStoriesAnonymously: false },
    });
  });

  it('records leaving and rejoining, and refuses to do either twice', async () => {
    const m = await client.createMember(ctx(admin), lero, { displayName: 'Ash' });
    const left = await client.leaveMember(ctx(admin), lero, m.id);
    expect(left).toMatchObject({ status: 'left', leftAt: expect.any(String) });
    expect(await codeOf(client.leaveMember(ctx(admin), lero, m.id))).toBe('CONFLICT');
    const back = await client.rejoinMember(ctx(coordinator), lero, m.id);
    expect(back).toMatchObject({ status: 'active', leftAt: null, joinedAt: m.joinedAt });
    expect(await codeOf(client.rejoinMember(ctx(admin), lero, m.id))).toBe('CONFLICT');
    const subjects = (
      await owner.query(
        `select subject, payload from membership.outbox where payload->>'memberId' = $1 order by id`,
        [m.id],
      )
    ).rows;
    expect(subjects.map((r) => r.subject)).toEqual([
      MembershipEvents.memberJoined,
      MembershipEvents.memberLeft,
      MembershipEvents.memberRejoined,
    ]);
  });

  it('finds members by name or email, case-insensitive, and pages with a cursor', async () => {
    const tag = uniqueName('zq').replace('_', '');
    const made = [];
    for (const [name, email] of [
      [`Sam ${tag.toUpperCase()}`, null],
      [`Alex`, `${tag}@example.org`],
      [`${tag} 100% real`, null],
      [`Chris ${tag}`, 'chris@example.org'],
    ] as const) {
      made.push(
        await client.createMember(ctx(admin), lero, { displayName: name, ...(email ? { email } : {}) }),
      );
    }
    const found = await client.listMembers(ctx(admin), lero, { search: tag.toLowerCase() });
    expect(found.items.map((m) => m.id)).toEqual(made.map((m) => m.id));
    const byEmail = await client.listMembers(ctx(admin), lero, { search: `${tag.toUpperCase()}@EXAMPLE` });
    expect(byEmail.items.map((m) => m.id)).toEqual([made[1].id]);
    const literal = await client.listMembers(ctx(admin), lero, { search: '100%' });
    expect(literal.items.map((m) => m.id)).toEqual([made[2].id]);
    expect((await client.listMembers(ctx(admin), lero, { search: '_' })).items).toEqual([]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listMembers(ctx(admin), lero, {
        search: tag,
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(made.map((m) => m.id));
    expect(await codeOf(client.listMembers(ctx(admin), lero, { cursor: 'nope' }))).toBe('VALIDATION');
  });

  it('shows a volunteer names and community roles of active members only, and searches names only', async () => {
    const tag = uniqueName('vol').replace('_', '');
    const m = await client.createMember(ctx(admin), lero, {
      displayName: `Vee ${tag}`,
      email: `${tag}-hidden@example.org`,
      communityRoles: ['member'],
    });
    const gone = await client.createMember(ctx(admin), lero, { displayName: `Gone ${tag}` });
    await client.leaveMember(ctx(admin), lero, gone.id);
    const list = await client.listMembers(ctx(volunteer), lero, { search: tag });
    expect(list.items).toEqual([{ id: m.id, displayName: `Vee ${tag}`, communityRoles: ['member'] }]);
    expect((await client.listMembers(ctx(volunteer), lero, { search: `${tag}-hidden` })).items).toEqual([]);
    expect(await client.getMember(ctx(volunteer), lero, m.id)).toEqual({
      id: m.id,
      displayName: `Vee ${tag}`,
      communityRoles: ['member'],
    });
    expect(await codeOf(client.getMember(ctx(volunteer), lero, gone.id))).toBe('NOT_FOUND');
    expect(await codeOf(client.listMembers(ctx(volunteer), lero, { status: 'left' }))).toBe('FORBIDDEN');
    expect(await codeOf(client.createMember(ctx(volunteer), lero, { displayName: 'No' }))).toBe('FORBIDDEN');
    expect(await codeOf(client.listConsents(ctx(volunteer), lero, m.id))).toBe('FORBIDDEN');
  });

  it('imports all or nothing: one bad row and nothing is written, with every row error listed', async () => {
    const before = await count('membership.members');
    const beforeEvents = await count('membership.outbox');
    const csv = [
      'displayName,email,phone,communityRoles,pathway',
      'Good One,good@example.org,,member,',
      ',nobody@example.org,,,',
      'Bad Email,not-an-email,,volunteer;member,',
      'Bad Role,,,volunteer;wizard,',
      '"Quoted, Name",,01632 960001,,"12-step, mostly"',
    ].join('\n');
    const err = await errorOf(client.importMembers(ctx(admin), lero, csv));
    expect(err.code).toBe('VALIDATION');
    expect(err.details?.reason).toBe('ImportRejected');
    expect(err.details?.errors).toEqual([
      { row: 3, field: 'displayName', column: 'displayName', cell: 'A3', value: '', message: 'is required' },
      {
        row: 4,
        field: 'email',
        column: 'email',
        cell: 'B4',
        value: 'not-an-email',
        message: 'must be an email address',
      },
      {
        row: 5,
        field: 'communityRoles',
        column: 'communityRoles',
        cell: 'D5',
        value: 'wizard',
        message: expect.stringContaining('is not a role'),
      },
    ]);
    expect(await count('membership.members')).toBe(before);
    expect(await count('membership.outbox')).toBe(beforeEvents);
    const unknownColumn = await errorOf(
      client.importMembers(ctx(admin), lero, 'displayName,recoveryScore\nA,3\n'),
    );
    expect(unknownColumn.details?.errors).toEqual([
      expect.objectContaining({ row: 1, column: 'recoveryScore', cell: 'B1', message: expect.any(String) }),
    ]);
    const ragged = await errorOf(client.importMembers(ctx(admin), lero, 'displayName,email\nA,,x\n'));
    expect(ragged.details?.errors).toEqual([{ row: 2, field: '', message: 'has 3 cells; the header has 2' }]);
    expect(await codeOf(client.importMembers(ctx(admin), lero, 'displayName\n'))).toBe('VALIDATION');
    expect(await codeOf(client.importMembers(ctx(volunteer), lero, 'displayName\nA\n'))).toBe('FORBIDDEN');
    expect(await count('membership.members')).toBe(before);
  });

  it('imports 5,000 rows in one request, each a member who joined', async () => {
    const tag = uniqueName('bulk').replace('_', '');
    const rows = Array.from(
      { length: 5000 },
      (_, i) =>
        `Member ${tag} ${i},m${i}.${tag}@example.org,07700 9${String(i).padStart(5, '0')},member;volunteer,`,
    );
    // How fast is the bench's business (`npm run bench`), not a timed test's: this checks what was written.
    const result = await client.importMembers(
      ctx(admin),
      lero,
      ['displayName,email,phone,communityRoles,pathway', ...rows].join('\r\n'),
    );
    expect(result).toEqual({ created: 5000, updated: 0, unchanged: 0, errors: [] });
    expect(await count(`membership.members where display_name like $1`, [`Member ${tag} %`])).toBe(5000);
    expect(await count(`membership.audit_entries where action = 'member.imported'`)).toBeGreaterThanOrEqual(
      5000,
    );
    const sample = await client.listMembers(ctx(admin), lero, { search: `${tag} 4999` });
    expect(sample.items).toEqual([
      expect.objectContaining({ email: `m4999.${tag}@example.org`, communityRoles: ['member', 'volunteer'] }),
    ]);
  });

  it('exports everything about a person, every holder’s part, or answers 503 naming the missing ones', async () => {
    let tenantsDown = true;
    for (const [service, handler] of [
      ['events', async () => ({ attended: 3 })],
      ['volunteering', async () => ({ signups: [] })],
      [
        'tenants',
        async () => {
          if (tenantsDown) throw new AppError('UNAVAILABLE', 'down for maintenance');
          return { accounts: [] };
        },
      ],
      ['advocacy', async () => ({ testimony: [] })],
    ] as const) {
      // Each other service answers as its own NATS user, as deployed.
      const options = { ...nats.as(service), trust: testTrust.trust };
      const connection = new NatsConnectionProvider(options);
      const gather = new Gather(options, connection, new EnvelopeVerifier(options));
      await gather.answer(MEMBER_EXPORT_PART, service, handler);
      otherServices.push({ gather, nats: connection });
    }
    const m = await client.createMember(ctx(admin), lero, {
      displayName: 'Pat',
      email: 'pat@example.org',
      consents: { contact: true, photos: true, shareStoriesAnonymously: false },
    });
    // Tenants could not give its part: nothing is given, and the answer says what is missing.
    const incomplete = await errorOf(client.exportMember(ctx(coordinator), lero, m.id));
    expect(incomplete.code).toBe('UNAVAILABLE');
    expect(incomplete.details).toEqual({
      reason: 'ExportIncomplete',
      missing: ['tenants'],
      retryAfterSeconds: 30,
    });
    tenantsDown = false;
    const doc = await client.exportMember(ctx(coordinator), lero, m.id);
    expect(doc).toEqual({
      memberId: m.id,
      tenantId: lero,
      exportedAt: expect.any(String),
      parts: [
        { service: 'advocacy', data: { testimony: [] } },
        { service: 'events', data: { attended: 3 } },
        { service: 'membership', data: expect.any(Object) },
        { service: 'tenants', data: { accounts: [] } },
        { service: 'volunteering', data: { signups: [] } },
      ],
    });
    expect(doc.parts[2].data).toMatchObject({
      member: { id: m.id, displayName: 'Pat', email: 'pat@example.org' },
      consentHistory: expect.arrayContaining([expect.objectContaining({ consent: 'photos', given: true })]),
      // Both attempts are on the record: the parts were gathered each time.
      activity: [
        { at: expect.any(String), action: 'member.created' },
        { at: expect.any(String), action: 'member.exported' },
        { at: expect.any(String), action: 'member.exported' },
      ],
    });
    expect(await codeOf(client.exportMember(ctx(volunteer), lero, m.id))).toBe('FORBIDDEN');
    expect(await codeOf(client.exportMember(ctx(admin), lero, uuidv7()))).toBe('NOT_FOUND');

    // Events stops answering at all: the export waits for it no longer than its bound, then says so.
    await otherServices[0].gather.onApplicationShutdown();
    const started = Date.now();
    const silent = await errorOf(client.exportMember(ctx(coordinator), lero, m.id));
    expect(Date.now() - started).toBeGreaterThanOrEqual(EXPORT_WAIT_MS - 50);
    expect(silent.details).toMatchObject({ reason: 'ExportIncomplete', missing: ['events'] });
    // Back again (later tests export too).
    await otherServices[0].gather.answer(MEMBER_EXPORT_PART, 'events', async () => ({ attended: 3 }));
    expect((await client.exportMember(ctx(coordinator), lero, m.id)).parts).toHaveLength(5);
  });

  it('erases a person: a tombstone without personal values, 404 afterwards, and the event on JetStream', async () => {
    const m = await client.createMember(ctx(admin), lero, {
      displayName: 'Lee Erasable',
      email: 'lee@example.org',
      phone: '01632 960555',
      pathway: 'Methadone programme',
      preferredContact: 'phone',
      communityRoles: ['volunteer'],
      notes: 'Talked about their family',
      consents: { contact: true, photos: true, shareStoriesAnonymously: true },
    });
    const ledgeredBefore = ledgered.length;
    expect(await client.eraseMember(ctx(coordinator), lero, m.id)).toEqual({ erased: true });
    // Told once the erasure committed (standalone's erasure ledger); the refused second erasure tells nothing.
    expect(ledgered.slice(ledgeredBefore)).toEqual([{ tenantId: lero, memberId: m.id }]);
    for (const call of [
      client.getMember(ctx(admin), lero, m.id),
      client.updateMember(ctx(admin), lero, m.id, { displayName: 'Back' }),
      client.leaveMember(ctx(admin), lero, m.id),
      client.listConsents(ctx(admin), lero, m.id),
      client.exportMember(ctx(admin), lero, m.id),
      client.eraseMember(ctx(admin), lero, m.id),
    ])
      expect(await codeOf(call)).toBe('NOT_FOUND');
    const [row] = (await owner.query('select * from membership.members where id = $1', [m.id])).rows;
    expect(row).toMatchObject({
      status: 'erased',
      display_name: null,
      email: null,
      phone: null,
      pathway: null,
      preferred_contact: null,
      notes: null,
      consent_contact: false,
      consent_photos: false,
      consent_share_stories_anonymously: false,
      community_roles: ['volunteer'],
    });
    expect(await count('membership.consent_records where member_id = $1', [m.id])).toBe(0);
    expect(ledgered.slice(ledgeredBefore)).toHaveLength(1);
    const everything = JSON.stringify([
      row,
      (await owner.query('select * from membership.audit_entries where member_id = $1', [m.id])).rows,
      (await owner.query(`select * from membership.outbox where payload->>'memberId' = $1`, [m.id])).rows,
    ]);
    for (const value of ['Erasable', 'lee@example.org', '960555', 'Methadone', 'family']) {
      expect(everything).not.toContain(value);
    }
    const list = await client.listMembers(ctx(admin), lero, { search: 'Erasable' });
    expect(list.items).toEqual([]);
    const nc = await nats.connect('migrate');
    try {
      const jsm = await jetstreamManager(nc);
      const msg = await eventually(async () => {
        const found = await jsm.streams.getMessage(EVENTS_STREAM, {
          last_by_subj: MembershipEvents.memberErased,
        });
        if (!found) throw new Error('no erased event yet');
        return found;
      });
      const event = msg.json<{ tenantId: string; data: Record<string, unknown> }>();
      expect(event.tenantId).toBe(lero);
      expect(event.data).toEqual({
        tenantId: lero,
        memberId: m.id,
        occurredAt: expect.any(String),
        communityRoles: ['volunteer'],
      });
    } finally {
      await nc.close();
    }
  });

  it('keeps the audit log newest first, for tenant-admins only', async () => {
    const m = await client.createMember(ctx(admin), lero, { displayName: 'Audited' });
    await client.getMember(ctx(coordinator), lero, m.id);
    const page = await client.listAudit(ctx(admin), lero, { limit: 2 });
    expect(page.items.map((e) => [e.action, e.actorAccountId, e.details])).toEqual([
      ['member.read', coordinator.accountId, { memberId: m.id }],
      ['member.created', admin.accountId, { memberId: m.id }],
    ]);
    expect(page.nextCursor).toEqual(expect.any(String));
    const next = await client.listAudit(ctx(admin), lero, { limit: 2, cursor: page.nextCursor! });
    expect(next.items[0].id < page.items[1].id).toBe(true);
    expect(await codeOf(client.listAudit(ctx(coordinator), lero, {}))).toBe('FORBIDDEN');
  });

  it('answers another LERO’s member ids as not found, and outsiders as not found or forbidden', async () => {
    const theirs = await client.createMember({ ...ctx(otherAdmin), tenantId: otherLero }, otherLero, {
      displayName: 'Theirs',
    });
    for (const call of [
      client.getMember(ctx(admin), lero, theirs.id),
      client.updateMember(ctx(admin), lero, theirs.id, { notes: 'mine now' }),
      client.leaveMember(ctx(admin), lero, theirs.id),
      client.rejoinMember(ctx(admin), lero, theirs.id),
      client.listConsents(ctx(admin), lero, theirs.id),
      client.exportMember(ctx(admin), lero, theirs.id),
      client.eraseMember(ctx(admin), lero, theirs.id),
      client.getMember({ ...ctx(admin), tenantId: otherLero }, otherLero, theirs.id),
    ])
      expect(await codeOf(call)).toBe('NOT_FOUND');
    // An envelope about one LERO carrying a message about another is refused before anything is looked up.
    expect(await codeOf(client.getMember(ctx(admin), otherLero, theirs.id))).toBe('VALIDATION');
    const regionAdmin = given.actor({ role: 'region-admin', regionId: uuidv7() });
    const platformAdmin = given.actor({ role: 'platform-admin' });
    const commissioner = given.actor({ role: 'commissioner', regionId: uuidv7() });
    expect(await codeOf(client.listMembers(ctx(regionAdmin), lero, {}))).toBe('FORBIDDEN');
    expect(
      await codeOf(client.getMember({ ...ctx(platformAdmin), tenantId: otherLero }, otherLero, theirs.id)),
    ).toBe('FORBIDDEN');
    expect(await codeOf(client.listMembers(ctx(commissioner), lero, {}))).toBe('NOT_FOUND');
    expect(await codeOf(client.listMembers(ctx(), lero, {}))).toBe('UNAUTHENTICATED');
    expect(
      (await client.getMember(
        { ...ctx(otherAdmin), tenantId: otherLero },
        otherLero,
        theirs.id,
      )) as MemberView,
    ).toMatchObject({
      displayName: 'Theirs',
      notes: null,
    });
  });

  it('lets a member read and change their own record at /me, and nobody else’s', async () => {
    const m = await client.createMember(ctx(admin), lero, { displayName: 'Mo', notes: 'staff note' });
    const other = await client.createMember(ctx(admin), lero, { displayName: 'Not Mo' });
    const mo = given.actor({ role: 'member', tenantId: lero, memberId: m.id });
    const mine = await client.getMe(ctx(mo), lero);
    expect(mine).toMatchObject({ id: m.id, displayName: 'Mo' });
    // The staff's notes about them are not shown at /me (they are in the person's export).
    expect(mine).not.toHaveProperty('notes');
    const changed = await client.updateMe(ctx(mo), lero, {
      pathway: 'my own way',
      consents: { contact: true },
    });
    expect(changed).toMatchObject({ pathway: 'my own way', consents: { contact: true } });
    expect(changed).not.toHaveProperty('notes');
    expect(await client.getMember(ctx(admin), lero, m.id)).toMatchObject({ notes: 'staff note' });
    const { items } = await client.listConsents(ctx(admin), lero, m.id);
    expect(items[0]).toMatchObject({
      consent: 'contact',
      given: true,
      bySelf: true,
      recordedBy: mo.accountId,
    });
    expect(
      await codeOf(bus.request(MembershipSubjects.updateMe, ctx(mo), { tenantId: lero, notes: 'x' })),
    ).toBe('VALIDATION');
    expect(
      await codeOf(
        bus.request(MembershipSubjects.updateMe, ctx(mo), { tenantId: lero, communityRoles: ['staff'] }),
      ),
    ).toBe('VALIDATION');
    for (const call of [
      client.getMember(ctx(mo), lero, other.id),
      client.getMember(ctx(mo), lero, m.id),
      client.listMembers(ctx(mo), lero, {}),
      client.exportMember(ctx(mo), lero, m.id),
    ])
      expect(await codeOf(call)).toBe('FORBIDDEN');
    const doc = await client.exportMe(ctx(mo), lero);
    expect(doc.parts.find((p) => p.service === 'membership')?.data).toMatchObject({ member: { id: m.id } });
    expect(await codeOf(client.getMe(ctx(admin), lero))).toBe('NOT_FOUND');
    await client.eraseMember(ctx(admin), lero, m.id);
    expect(await codeOf(client.getMe(ctx(mo), lero))).toBe('NOT_FOUND');
  });
});
