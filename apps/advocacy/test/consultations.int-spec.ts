import type { Client } from 'pg';
import type { Actor, AdvocacyClient } from '@hearth/contracts';
import { consultationFields, eventually, UUID_V4 } from '@hearth/testing';
import { ClosingSweep } from '../src/consultations/closing-sweep.service';
import { ctx, failure, lero } from './consultation-fixture';
import { startAdvocacyService, type AdvocacyService } from './advocacy.harness';

/** Consultations over NATS, as the gateway asks, and what the database keeps of a response. */
describe('consultations with anonymous responses', () => {
  let service: AdvocacyService;
  let client: AdvocacyClient;
  let owner: Client;
  const a = lero();
  const b = lero();
  // The service's clock: tests move it past a closing time instead of waiting for it.
  let ahead = 0;

  beforeAll(async () => {
    service = await startAdvocacyService({
      answerBatchSize: 5,
      closeSweepIntervalMs: 250,
      now: () => new Date(Date.now() + ahead),
    });
    ({ client, owner } = service);
  });

  afterAll(async () => {
    await service?.close();
  });

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await owner.query<{ n: string }>(`select count(*) as n ${sql}`, params)).rows[0].n);
  const respond = (member: Actor, id: string, choice = 0, age?: number, text?: string) =>
    client.respond(ctx(member), a.tenantId, id, {
      answers: [
        { question: 'q1', choice },
        { question: 'q2', scale: 4 },
        ...(text ? [{ question: 'q3', text }] : []),
        ...(age === undefined ? [] : [{ question: 'a1', choice: age }]),
      ],
    });

  it('runs a draft, freezes its questions once open, and keeps it from members while a draft', async () => {
    const draft = await client.createConsultation(ctx(a.coordinator), a.tenantId, consultationFields());
    expect(draft).toMatchObject({ status: 'draft', owner: 'lero', resultsThreshold: 5 });
    expect(draft.questions.map((q) => q.key)).toEqual(['q1', 'q2', 'q3']);
    expect(draft.questions[1].options).toEqual(['1', '2', '3', '4', '5']);
    const member = a.member();
    expect(await failure(client.getConsultation(ctx(member), a.tenantId, draft.id))).toEqual({
      code: 'NOT_FOUND',
    });
    const changed = await client.updateConsultation(ctx(a.admin), a.tenantId, draft.id, {
      title: 'Drop-in hours',
    });
    expect(changed.title).toBe('Drop-in hours');
    await client.openConsultation(ctx(a.admin), a.tenantId, draft.id);
    expect(
      await failure(client.updateConsultation(ctx(a.admin), a.tenantId, draft.id, { title: 'x' })),
    ).toEqual({
      code: 'CONFLICT',
      reason: 'ConsultationNotDraft',
    });
    expect((await client.getConsultation(ctx(member), a.tenantId, draft.id)).status).toBe('open');
    expect(await failure(client.getConsultation(ctx(b.admin), b.tenantId, draft.id))).toEqual({
      code: 'NOT_FOUND',
    });
  });

  it('keeps a consultation off the public page unless chosen, and takes `public` alone at any status (ADR 0075)', async () => {
    const made = await client.createConsultation(ctx(a.admin), a.tenantId, consultationFields());
    const link = await client.createConsultation(
      ctx(a.admin),
      a.tenantId,
      consultationFields({ audience: 'public' }),
    );
    const chosen = await client.createConsultation(
      ctx(a.admin),
      a.tenantId,
      consultationFields({ audience: 'public', public: false }),
    );
    expect([made.public, link.public, chosen.public]).toEqual([false, true, false]);
    // A draft's change that leaves it out keeps it, also when the audience changes.
    const relinked = await client.updateConsultation(ctx(a.admin), a.tenantId, link.id, {
      audience: 'members',
    });
    expect(relinked.public).toBe(true);
    await client.openConsultation(ctx(a.admin), a.tenantId, made.id);
    await client.closeConsultation(ctx(a.admin), a.tenantId, made.id);
    const shown = await client.updateConsultation(ctx(a.coordinator), a.tenantId, made.id, { public: true });
    expect([shown.public, shown.status, shown.title]).toEqual([true, 'closed', made.title]);
    expect(
      await failure(
        client.updateConsultation(ctx(a.admin), a.tenantId, made.id, { public: false, title: 'x' }),
      ),
    ).toEqual({ code: 'CONFLICT', reason: 'ConsultationNotDraft' });
    expect(await failure(client.updateConsultation(ctx(a.admin), a.tenantId, made.id, {}))).toEqual({
      code: 'CONFLICT',
      reason: 'ConsultationNotDraft',
    });
    expect(
      await failure(client.updateConsultation(ctx(a.member()), a.tenantId, made.id, { public: false })),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await failure(client.updateConsultation(ctx(b.admin), b.tenantId, made.id, { public: false })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await failure(client.updateConsultation(ctx(a.admin), a.tenantId, made.id, { public: null } as never)),
    ).toMatchObject({ code: 'VALIDATION' });
    expect((await client.getConsultation(ctx(a.admin), a.tenantId, made.id)).public).toBe(true);
    const [row] = (
      await owner.query<{ public: boolean }>('select public from advocacy.consultations where id = $1', [
        made.id,
      ])
    ).rows;
    expect(row.public).toBe(true);
  });

  it('refuses a threshold below 5, a region audience for a LERO and closing before opening', async () => {
    expect(
      await failure(
        client.createConsultation(ctx(a.admin), a.tenantId, consultationFields({ resultsThreshold: 4 })),
      ),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(
      await failure(
        client.createConsultation(ctx(a.admin), a.tenantId, consultationFields({ audience: 'region' })),
      ),
    ).toMatchObject({ code: 'VALIDATION' });
    const closesFirst = consultationFields({ closesAt: new Date(Date.now() - 120_000).toISOString() });
    expect(await failure(client.createConsultation(ctx(a.admin), a.tenantId, closesFirst))).toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('stores answers with v4 ids, no time and no respondent, in other transactions than the hashes, with no event', async () => {
    const members = Array.from({ length: 4 }, () => a.member());
    const fifth = a.member();
    const c = await client.createConsultation(ctx(a.admin), a.tenantId, consultationFields());
    await client.openConsultation(ctx(a.admin), a.tenantId, c.id);
    for (const [i, m] of members.entries()) await respond(m, c.id, i % 2, i % 2, `note ${i}`);
    // Four wait for their batch: no answer yet, no figure.
    expect(await count('from advocacy.answers where consultation_id = $1', [c.id])).toBe(0);
    expect(await count('from advocacy.pending_answers where consultation_id = $1', [c.id])).toBe(4);
    expect((await client.consultationResults(ctx(a.admin), a.tenantId, c.id, {})).shown).toBe(false);
    await respond(fifth, c.id, 1, undefined, 'note 4');
    expect(await count('from advocacy.pending_answers where consultation_id = $1', [c.id])).toBe(0);
    const answers = await owner.query<{ id: string; xmin: string; answers: object }>(
      'select id, xmin::text, answers from advocacy.answers where consultation_id = $1',
      [c.id],
    );
    expect(answers.rows).toHaveLength(5);
    for (const row of answers.rows) expect(row.id).toMatch(UUID_V4);
    const hashes = await owner.query<{ xmin: string }>(
      'select xmin::text from advocacy.respondents where consultation_id = $1',
      [c.id],
    );
    expect(hashes.rows).toHaveLength(5);
    const hashTransactions = new Set(hashes.rows.map((r) => r.xmin));
    expect(hashTransactions.size).toBe(5);
    for (const row of answers.rows) expect(hashTransactions.has(row.xmin)).toBe(false);
    // No column of any response table holds a time, an account or a member.
    const columns = await owner.query<{ table_name: string; column_name: string; data_type: string }>(
      `select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'advocacy' and table_name in ('answers', 'pending_answers', 'respondents')`,
    );
    expect(columns.rows.filter((r) => /time|date/.test(r.data_type))).toEqual([]);
    expect(columns.rows.map((r) => r.column_name).filter((n) => /account|member|actor|_at$/.test(n))).toEqual(
      [],
    );
    const stored = JSON.stringify(answers.rows.map((r) => r.answers));
    for (const m of [...members, fifth]) {
      expect(stored).not.toContain(m.accountId);
      expect(stored).not.toContain(m.grants[0].memberId as string);
    }
    // The outbox has the consultation's opening and nothing per response.
    const events = await owner.query<{ subject: string }>(
      `select subject from advocacy.outbox where payload->>'consultationId' = $1`,
      [c.id],
    );
    expect(events.rows.map((r) => r.subject)).toEqual(['evt.advocacy.consultation.opened']);
    const results = await client.consultationResults(ctx(a.coordinator), a.tenantId, c.id, {});
    expect(results).toMatchObject({ shown: true, responses: 5 });
    expect(results.questions[0].counts).toEqual([2, 3]);
    expect(results.questions[1].counts).toEqual([0, 0, 0, 5, 0]);
    expect([...(results.questions[2].texts ?? [])].sort()).toEqual([
      'note 0',
      'note 1',
      'note 2',
      'note 3',
      'note 4',
    ]);
  });

  it('takes one response per member, and answers another LERO’s consultation as a missing one', async () => {
    const c = await client.createConsultation(ctx(a.admin), a.tenantId, consultationFields());
    await client.openConsultation(ctx(a.admin), a.tenantId, c.id);
    const member = a.member();
    await respond(member, c.id);
    expect(await failure(respond(member, c.id))).toEqual({ code: 'CONFLICT', reason: 'AlreadyResponded' });
    const stranger = b.member();
    expect(await failure(client.respond(ctx(stranger), a.tenantId, c.id, { answers: [] }))).toEqual({
      code: 'NOT_FOUND',
    });
    expect(await failure(client.consultationResults(ctx(b.admin), a.tenantId, c.id, {}))).toEqual({
      code: 'NOT_FOUND',
    });
    expect(await failure(client.consultationResults(ctx(b.admin), b.tenantId, c.id, {}))).toEqual({
      code: 'NOT_FOUND',
    });
  });

  it('moves results only after k responses of accounts older than the opening, cross-tabulates only full cells, closes', async () => {
    const old = Array.from({ length: 12 }, () => a.member());
    const c = await client.createConsultation(ctx(a.admin), a.tenantId, consultationFields());
    await client.openConsultation(ctx(a.admin), a.tenantId, c.id);
    for (const m of old.slice(0, 5)) await respond(m, c.id, 0, 0);
    expect((await client.consultationResults(ctx(a.admin), a.tenantId, c.id, {})).responses).toBe(5);
    // Five accounts made after it opened: their answers are written, but the results do not move for them.
    for (let i = 0; i < 5; i += 1) await respond(a.member(), c.id, 1, 1);
    expect(await count('from advocacy.answers where consultation_id = $1', [c.id])).toBe(10);
    const still = await client.consultationResults(ctx(a.admin), a.tenantId, c.id, {});
    expect(still.responses).toBe(5);
    expect(still.questions[0].counts).toEqual([5, 0]);
    // Five more that count: now the results move, with every answer written so far.
    for (const m of old.slice(5, 10)) await respond(m, c.id, 0, 1);
    const moved = await client.consultationResults(ctx(a.admin), a.tenantId, c.id, { by: 'a1' });
    expect(moved.responses).toBe(15);
    expect(moved.questions[0].counts).toEqual([10, 5]);
    // Under 35: 5 × Mornings, 0 × Evenings: a cell below 5, so no cross-tabulation at all.
    expect(moved.crossTab).toMatchObject({ by: 'a1', shown: false, questions: [] });
    expect(
      await failure(client.consultationResults(ctx(a.admin), a.tenantId, c.id, { by: 'a9' })),
    ).toMatchObject({ code: 'VALIDATION' });
    // Two wait for a batch; closing writes them and gives the final results.
    for (const m of old.slice(10, 12)) await respond(m, c.id, 1);
    expect(await count('from advocacy.pending_answers where consultation_id = $1', [c.id])).toBe(2);
    await client.closeConsultation(ctx(a.coordinator), a.tenantId, c.id);
    expect(await count('from advocacy.pending_answers where consultation_id = $1', [c.id])).toBe(0);
    const final = await client.consultationResults(ctx(a.admin), a.tenantId, c.id, {});
    expect(final).toMatchObject({ status: 'closed', responses: 17 });
    expect(await failure(respond(a.member(), c.id))).toEqual({
      code: 'CONFLICT',
      reason: 'ConsultationNotOpen',
    });
  });

  it('closes by itself at closesAt: responses refused from then, the last batch written, one closed event', async () => {
    const hour = 3_600_000;
    const closingIn = (ms: number) =>
      consultationFields({ closesAt: new Date(Date.now() + ms).toISOString() });
    const c = await client.createConsultation(ctx(a.admin), a.tenantId, closingIn(hour));
    await client.openConsultation(ctx(a.admin), a.tenantId, c.id);
    const later = await client.createConsultation(ctx(a.admin), a.tenantId, closingIn(2 * hour));
    await client.openConsultation(ctx(a.admin), a.tenantId, later.id);
    for (let i = 0; i < 3; i += 1) await respond(a.member(), c.id, i % 2);
    const sweep = service.app.get(ClosingSweep);
    const closedEvents = (id: string) =>
      count(`from advocacy.outbox where payload->>'consultationId' = $1 and subject like '%.closed'`, [id]);
    await sweep.beforeApplicationShutdown(); // its timer stopped: nothing closes but what this test calls
    try {
      // Past its closing time, before any sweep: a response is refused, though the row still says open.
      ahead = hour + 1_000;
      expect(await failure(respond(a.member(), c.id))).toEqual({
        code: 'CONFLICT',
        reason: 'ConsultationNotOpen',
      });
      expect((await client.getConsultation(ctx(a.admin), a.tenantId, c.id)).status).toBe('open');
      // Two sweeps at once (as two replicas): it is closed once, the three waiting answers written.
      expect((await Promise.all([sweep.sweep(), sweep.sweep()])).reduce((x, y) => x + y)).toBe(1);
      expect((await client.getConsultation(ctx(a.admin), a.tenantId, c.id)).status).toBe('closed');
      expect((await client.getConsultation(ctx(a.admin), a.tenantId, later.id)).status).toBe('open');
      expect(await count('from advocacy.pending_answers where consultation_id = $1', [c.id])).toBe(0);
      expect(await count('from advocacy.answers where consultation_id = $1', [c.id])).toBe(3);
      expect(await count('from advocacy.closings where consultation_id = $1', [c.id])).toBe(0);
      expect(await sweep.sweep()).toBe(0);
      expect(await closedEvents(c.id)).toBe(1);
      expect(await failure(client.closeConsultation(ctx(a.admin), a.tenantId, c.id))).toMatchObject({
        code: 'VALIDATION',
      });
      // Its timer again (every 250 ms here): `later` is closed with nobody calling, and announced once.
      ahead = 2 * hour + 1_000;
      sweep.onApplicationBootstrap();
      await eventually(async () =>
        expect((await client.getConsultation(ctx(a.admin), a.tenantId, later.id)).status).toBe('closed'),
      );
      expect(await closedEvents(later.id)).toBe(1);
    } finally {
      ahead = 0;
    }
  });
});
