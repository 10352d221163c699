import { uuidv7 } from 'uuidv7';
import {
  AdvocacyAsksClient,
  AdvocacyRepresentationClient,
  AppError,
  type Actor,
  type AskUpdateDto,
  type CreateAskDto,
  type Role,
} from '@hearth/contracts';
import { MessageClient, createNatsClient } from '@hearth/messaging';
import { testTrust, withClient } from '@hearth/testing';
import { startAdvocacyService, type AdvocacyService } from './advocacy.harness';
import { representationCases } from './representation.cases';

/** Someone holding one grant (of a LERO, or of a region when `tenantId` is left out). */
const person = (grant: Actor['grants'][number]): Actor => ({
  accountId: uuidv7(),
  email: `${grant.role}-${uuidv7().slice(-8)}@example.org`,
  grants: [grant],
});

/** A LERO of its own region, and its people. */
function lero() {
  const [tenantId, regionId] = [uuidv7(), uuidv7()];
  const of = (role: Role, memberId?: string) => person({ role, tenantId, regionId, memberId });
  return {
    tenantId,
    regionId,
    admin: of('tenant-admin'),
    coordinator: of('coordinator'),
    volunteer: of('volunteer'),
    member: of('member', uuidv7()),
    unlinked: of('member'),
    regionAdmin: person({ role: 'region-admin', regionId }),
    commissioner: person({ role: 'commissioner', regionId }),
  };
}
const ctx = (actor?: Actor) => testTrust.ctx(actor);
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof AppError)) return { code: String(err) };
    const errors = err.details?.errors as { field: string }[] | undefined;
    return { code: err.code, ...(errors ? { fields: [...new Set(errors.map((e) => e.field))] } : {}) };
  }
  return { code: 'allowed' };
};
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

const ask = (over: Partial<CreateAskDto> = {}): CreateAskDto => ({
  what: 'Open the drop-in on Saturday mornings',
  body: { name: 'Northtown Council', kind: 'council' },
  source: { kind: 'members' },
  raisedOn: daysAgo(30),
  ...over,
});
const update = (over: Partial<AskUpdateDto> = {}): AskUpdateDto => ({
  status: 'acknowledged',
  date: daysAgo(20),
  text: 'The council has the request on its agenda.',
  ...over,
});

/** Asks and their timelines over NATS, as the gateway asks, and what the outbox and RLS keep (ADR 0065). */
describe('advocacy asks', () => {
  let service: AdvocacyService;
  let client: AdvocacyAsksClient;
  let bus: MessageClient;
  const a = lero();
  const b = lero();

  beforeAll(async () => {
    service = await startAdvocacyService();
    bus = new MessageClient(createNatsClient(service.nats.as('gateway')), 10_000);
    client = new AdvocacyAsksClient(bus);
  });

  afterAll(async () => {
    await bus?.close();
    await service?.close();
  });

  it('keeps a timeline: the current status is the latest update’s, and every change is an event', async () => {
    const made = await client.createAsk(
      ctx(a.coordinator),
      a.tenantId,
      ask({ text: 'We wrote to the council.' }),
    );
    expect(made).toMatchObject({
      status: 'raised',
      public: false,
      source: { kind: 'members', consultationId: null },
      updates: [{ status: 'raised', date: daysAgo(30), text: 'We wrote to the council.', reason: null }],
    });
    await client.addAskUpdate(ctx(a.admin), a.tenantId, made.id, update());
    await client.addAskUpdate(
      ctx(a.admin),
      a.tenantId,
      made.id,
      update({ status: 'in-progress', date: daysAgo(10) }),
    );
    await client.addAskUpdate(
      ctx(a.admin),
      a.tenantId,
      made.id,
      update({ status: 'in-progress', date: daysAgo(10) }),
    );
    const done = await client.addAskUpdate(
      ctx(a.coordinator),
      a.tenantId,
      made.id,
      update({ status: 'partly-done', date: today(), text: 'Saturdays from March, not Sundays.' }),
    );
    expect(done.status).toBe('partly-done');
    expect(done.updates.map((u) => u.status)).toEqual([
      'raised',
      'acknowledged',
      'in-progress',
      'in-progress',
      'partly-done',
    ]);
    const events = await service.owner.query<{ subject: string; payload: Record<string, unknown> }>(
      `select subject, payload from advocacy.outbox where payload->>'askId' = $1 order by id`,
      [made.id],
    );
    expect(events.rows.map((e) => e.subject)).toEqual([
      'evt.advocacy.ask.raised',
      ...Array(4).fill('evt.advocacy.ask.updated'),
    ]);
    expect(events.rows[4].payload).toEqual({
      tenantId: a.tenantId,
      regionId: null,
      askId: made.id,
      status: 'partly-done',
      date: today(),
    });
  });

  it('refuses a change backwards, after a final outcome, out of date order, and declined without a reason', async () => {
    const { id } = await client.createAsk(ctx(a.admin), a.tenantId, ask());
    const bad = (over: Partial<AskUpdateDto>) =>
      failure(client.addAskUpdate(ctx(a.admin), a.tenantId, id, update(over)));
    expect(await bad({ status: 'raised' })).toEqual({ code: 'VALIDATION', fields: ['status'] });
    expect(await bad({ status: 'declined' })).toEqual({ code: 'VALIDATION', fields: ['reason'] });
    expect(await bad({ reason: 'No money.' })).toEqual({ code: 'VALIDATION', fields: ['reason'] });
    expect(await bad({ date: daysAgo(31) })).toEqual({ code: 'VALIDATION', fields: ['date'] });
    expect(await bad({ date: daysAgo(-3) })).toEqual({ code: 'VALIDATION', fields: ['date'] });
    expect(await bad({ text: 'x'.repeat(501) })).toEqual({ code: 'VALIDATION', fields: ['text'] });
    await client.addAskUpdate(ctx(a.admin), a.tenantId, id, update({ status: 'in-progress' }));
    expect(await bad({ status: 'acknowledged' })).toEqual({ code: 'VALIDATION', fields: ['status'] });
    const declined = await client.addAskUpdate(
      ctx(a.admin),
      a.tenantId,
      id,
      update({ status: 'declined', reason: 'No budget this year.' }),
    );
    expect(declined.updates.at(-1)).toMatchObject({ status: 'declined', reason: 'No budget this year.' });
    expect(await bad({ status: 'done' })).toEqual({ code: 'VALIDATION', fields: ['status'] });
    // raisedOn moves the raising with it, never past the next update.
    expect(await failure(client.updateAsk(ctx(a.admin), a.tenantId, id, { raisedOn: daysAgo(5) }))).toEqual({
      code: 'VALIDATION',
      fields: ['raisedOn'],
    });
    const moved = await client.updateAsk(ctx(a.admin), a.tenantId, id, {
      raisedOn: daysAgo(25),
      public: true,
    });
    expect([moved.raisedOn, moved.updates[0].date, moved.public]).toEqual([daysAgo(25), daysAgo(25), true]);
  });

  it('takes a consultation of its own, and only for an ask from a consultation (its region’s: the gateway e2e)', async () => {
    const body = {
      title: 'Drop-in hours',
      purpose: 'p',
      askedBy: 'us',
      useOfAnswers: 'u',
      opensAt: new Date().toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      audience: 'members' as const,
      questions: [{ kind: 'scale' as const, text: 'How useful?' }],
    };
    const consultation = await service.client.createConsultation(ctx(a.admin), a.tenantId, body);
    const theirs = await service.client.createConsultation(ctx(b.admin), b.tenantId, body);
    const from = (consultationId: string, kind: 'consultation' | 'meeting' = 'consultation') =>
      client.createAsk(ctx(a.admin), a.tenantId, ask({ source: { kind, consultationId } }));
    expect((await from(consultation.id)).source).toEqual({
      kind: 'consultation',
      consultationId: consultation.id,
    });
    // Another LERO's consultation named by a region's ask (a LERO's ask asks the tenants service for its region,
    // which this file does not run: that case is in advocacy-outcomes.cases.ts).
    expect(
      await failure(
        client.createRegionAsk(
          ctx(a.regionAdmin),
          a.regionId,
          ask({ source: { kind: 'consultation', consultationId: theirs.id } }),
        ),
      ),
    ).toEqual({ code: 'VALIDATION', fields: ['source.consultationId'] });
    expect(await failure(from(consultation.id, 'meeting'))).toEqual({
      code: 'VALIDATION',
      fields: ['source.consultationId'],
    });
  });

  it('lets staff manage, members read public asks, and answers others and other LEROs’ ids as missing', async () => {
    const hidden = await client.createAsk(ctx(a.admin), a.tenantId, ask());
    const shown = await client.createAsk(ctx(a.admin), a.tenantId, ask({ public: true }));
    for (const member of [a.member, a.unlinked]) {
      const list = await client.listAsks(ctx(member), a.tenantId, { limit: 100 });
      expect(list.items.every((x) => x.public)).toBe(true);
      expect(list.items.map((x) => x.id)).toContain(shown.id);
      expect((await client.getAsk(ctx(member), a.tenantId, shown.id)).id).toBe(shown.id);
      expect(await failure(client.getAsk(ctx(member), a.tenantId, hidden.id))).toEqual({ code: 'NOT_FOUND' });
      expect(await failure(client.createAsk(ctx(member), a.tenantId, ask()))).toEqual({ code: 'FORBIDDEN' });
      expect(await failure(client.updateAsk(ctx(member), a.tenantId, shown.id, { what: 'x' }))).toEqual({
        code: 'FORBIDDEN',
      });
      expect(await failure(client.addAskUpdate(ctx(member), a.tenantId, shown.id, update()))).toEqual({
        code: 'FORBIDDEN',
      });
    }
    const staffList = await client.listAsks(ctx(a.coordinator), a.tenantId, { public: false, limit: 100 });
    expect(staffList.items.map((x) => x.id)).toContain(hidden.id);
    expect(staffList.items.every((x) => !x.public)).toBe(true);
    expect(await failure(client.listAsks(ctx(a.volunteer), a.tenantId, {}))).toEqual({ code: 'FORBIDDEN' });
    for (const stranger of [a.regionAdmin, b.admin])
      expect(await failure(client.listAsks(ctx(stranger), a.tenantId, {}))).toEqual({ code: 'NOT_FOUND' });
    expect(await failure(client.listAsks(ctx(), a.tenantId, {}))).toEqual({ code: 'UNAUTHENTICATED' });
    // Another LERO's ask through its own admin's LERO: exactly a missing one.
    const missing = uuidv7();
    for (const id of [shown.id, missing]) {
      expect(await failure(client.getAsk(ctx(b.admin), b.tenantId, id))).toEqual({ code: 'NOT_FOUND' });
      expect(await failure(client.updateAsk(ctx(b.admin), b.tenantId, id, { what: 'x' }))).toEqual({
        code: 'NOT_FOUND',
      });
      expect(await failure(client.addAskUpdate(ctx(b.admin), b.tenantId, id, update()))).toEqual({
        code: 'NOT_FOUND',
      });
    }
  });

  it('keeps a region’s own asks, its admins’ to manage, apart from its LEROs’', async () => {
    const admin = a.regionAdmin;
    const made = await client.createRegionAsk(ctx(admin), a.regionId, ask({ public: true }));
    expect(made).toMatchObject({ owner: 'region', status: 'raised' });
    const done = await client.addRegionAskUpdate(ctx(admin), a.regionId, made.id, update({ status: 'done' }));
    expect(done.updates.map((u) => u.status)).toEqual(['raised', 'done']);
    const events = await service.owner.query<{ payload: Record<string, unknown>; tenant_id: string | null }>(
      `select payload, tenant_id from advocacy.outbox where payload->>'askId' = $1 order by id`,
      [made.id],
    );
    expect(events.rows.map((e) => [e.tenant_id, e.payload.regionId, e.payload.tenantId])).toEqual([
      [null, a.regionId, null],
      [null, a.regionId, null],
    ]);
    const leros = await client.createAsk(ctx(a.admin), a.tenantId, ask());
    expect(await failure(client.getRegionAsk(ctx(admin), a.regionId, leros.id))).toEqual({
      code: 'NOT_FOUND',
    });
    expect(await failure(client.getAsk(ctx(a.admin), a.tenantId, made.id))).toEqual({ code: 'NOT_FOUND' });
    expect((await client.listRegionAsks(ctx(admin), a.regionId, {})).items.map((x) => x.id)).toEqual([
      made.id,
    ]);
    for (const stranger of [a.admin, b.regionAdmin])
      expect(await failure(client.listRegionAsks(ctx(stranger), a.regionId, {}))).toEqual({
        code: 'NOT_FOUND',
      });
    expect(await failure(client.createRegionAsk(ctx(a.commissioner), a.regionId, ask()))).toEqual({
      code: 'FORBIDDEN',
    });
    await withClient(service.db.urlFor('advocacy'), async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.region_id', $1, true)`, [a.regionId]);
      const { rows } = await c.query<{ id: string }>(`select id from advocacy.asks`);
      expect(rows.map((r) => r.id)).toEqual([made.id]);
      await c.query('rollback');
    });
  });

  it('keeps asks and their timelines to their LERO under row-level security', async () => {
    await client.createAsk(ctx(b.admin), b.tenantId, ask());
    await withClient(service.db.urlFor('advocacy'), async (c) => {
      for (const table of ['advocacy.asks', 'advocacy.ask_updates']) {
        expect((await c.query(`select * from ${table}`)).rows).toHaveLength(0);
        await c.query('begin');
        await c.query(`select set_config('app.tenant_id', $1, true)`, [b.tenantId]);
        const { rows } = await c.query<{ tenant_id: string }>(`select tenant_id from ${table}`);
        expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set([b.tenantId]));
        await expect(c.query(`update ${table} set tenant_id = $1`, [a.tenantId])).rejects.toThrow(
          /row-level security/,
        );
        await c.query('rollback');
      }
    });
  });

  describe('the representation log (ADR 0069), in this service', () => {
    representationCases(() => ({
      client: new AdvocacyRepresentationClient(bus),
      asks: client,
      owner: service.owner,
      lero: a,
      stranger: b.admin,
    }));
  });
});
