import type { Client } from 'pg';
import { AppError, type Actor, type AdvocacyClient } from '@hearth/contracts';
import { consultationFields, UUID_V4 } from '@hearth/testing';
import { solveChallenge } from '../src/consultations/proof-of-work';
import { startAdvocacyService, type AdvocacyService } from './advocacy.harness';
import { ctx, failure, lero } from './consultation-fixture';

/** Responses through a public link, and free text published after staff review (ADR 0067), over NATS. */
describe('public-link responses and published free text', () => {
  let service: AdvocacyService;
  let client: AdvocacyClient;
  let owner: Client;
  const a = lero();

  beforeAll(async () => {
    service = await startAdvocacyService({ answerBatchSize: 5, proofOfWorkBits: 6 });
    ({ client, owner } = service);
  });

  afterAll(async () => {
    await service?.close();
  });

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await owner.query<{ n: string }>(`select count(*) as n ${sql}`, params)).rows[0].n);
  const respond = (member: Actor, id: string, text?: string) =>
    client.respond(ctx(member), a.tenantId, id, {
      answers: [
        { question: 'q1', choice: 0 },
        { question: 'q2', scale: 4 },
        ...(text ? [{ question: 'q3', text }] : []),
      ],
    });

  it('takes responses through a public link: honeypot empty, proof-of-work solved once, no hash row, one batch path', async () => {
    const c = await client.createConsultation(
      ctx(a.admin),
      a.tenantId,
      consultationFields({ audience: 'public' }),
    );
    const anyone = ctx();
    expect(await failure(client.getPublicConsultation(anyone, c.id))).toEqual({ code: 'NOT_FOUND' });
    await client.openConsultation(ctx(a.admin), a.tenantId, c.id);
    const members = await client.createConsultation(ctx(a.admin), a.tenantId, consultationFields());
    await client.openConsultation(ctx(a.admin), a.tenantId, members.id);
    expect(await failure(client.getPublicConsultation(anyone, members.id))).toEqual({ code: 'NOT_FOUND' });
    const answers = [
      { question: 'q1', choice: 1 },
      { question: 'q2', scale: 2 },
    ];
    const solved = async () => {
      const read = await client.getPublicConsultation(anyone, c.id);
      expect(read.proofOfWork).toMatchObject({ algorithm: 'sha256-leading-zero-bits', difficulty: 6 });
      expect(Object.keys(read)).not.toContain('status');
      const { challenge } = read.proofOfWork;
      return { challenge, nonce: solveChallenge(challenge, 6) };
    };
    const field = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (err) {
        return err instanceof AppError
          ? [err.code, (err.details?.errors as { field: string }[])[0].field]
          : err;
      }
      return 'allowed';
    };
    const pow = await solved();
    expect(
      await field(client.respondInPublic(anyone, c.id, { answers, ...pow, website: 'http://spam' })),
    ).toEqual(['VALIDATION', 'website']);
    expect(
      await field(
        client.respondInPublic(anyone, c.id, {
          answers,
          ...pow,
          nonce: solveChallenge(pow.challenge, 6, false),
        }),
      ),
    ).toEqual(expect.arrayContaining(['VALIDATION']));
    expect(await field(client.respondInPublic(anyone, members.id, { answers, ...pow }))).toEqual([
      'VALIDATION',
      'challenge',
    ]);
    // Bad answers leave the solution usable; a taken response uses it up.
    expect(await field(client.respondInPublic(anyone, c.id, { answers: [], ...pow }))).toEqual([
      'VALIDATION',
      'answers',
    ]);
    expect(await client.respondInPublic(anyone, c.id, { answers, ...pow, website: '' })).toEqual({
      received: true,
    });
    expect(await field(client.respondInPublic(anyone, c.id, { answers, ...pow }))).toEqual([
      'VALIDATION',
      'challenge',
    ]);
    for (let i = 0; i < 4; i += 1)
      await client.respondInPublic(anyone, c.id, { answers, ...(await solved()) });
    // Five: one batch, shuffled into `answers` with v4 ids; no hash row; counted towards k.
    expect(await count('from advocacy.respondents where consultation_id = $1', [c.id])).toBe(0);
    expect(await count('from advocacy.pending_answers where consultation_id = $1', [c.id])).toBe(0);
    const ids = await owner.query<{ id: string }>(
      'select id from advocacy.answers where consultation_id = $1',
      [c.id],
    );
    expect(ids.rows.map((r) => r.id)).toEqual(
      Array.from({ length: 5 }, () => expect.stringMatching(UUID_V4)),
    );
    expect(await client.consultationResults(ctx(a.admin), a.tenantId, c.id, {})).toMatchObject({
      shown: true,
      responses: 5,
    });
    // A member of the LERO answers it too, through their LERO's route, once.
    await respond(a.member(), c.id);
    await client.closeConsultation(ctx(a.admin), a.tenantId, c.id);
    expect(await failure(client.getPublicConsultation(anyone, c.id))).toEqual({ code: 'NOT_FOUND' });
    expect(await failure(client.respondInPublic(anyone, c.id, { answers, ...pow }))).toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('publishes free text only as staff reviewed it, once results are shown, to every reader of the results', async () => {
    // Members from before the opening: their responses count towards k.
    const members = Array.from({ length: 5 }, () => a.member());
    const c = await client.createConsultation(ctx(a.admin), a.tenantId, consultationFields());
    await client.openConsultation(ctx(a.admin), a.tenantId, c.id);
    const publish = (texts: string[], question = 'q3', who = a.coordinator) =>
      client.publishTexts(ctx(who), a.tenantId, c.id, question, { texts });
    for (let i = 0; i < 4; i += 1) await respond(members[i], c.id, `I live on Elm Street ${i}`);
    expect(await failure(publish(['Someone wants evening hours']))).toEqual({
      code: 'CONFLICT',
      reason: 'ResultsNotShown',
    });
    await respond(members[4], c.id, 'Evenings please');
    const before = await client.consultationResults(ctx(a.admin), a.tenantId, c.id, {});
    expect(before.questions[2]).toMatchObject({ published: [], texts: expect.any(Array) });
    const invalid = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (err) {
        return err instanceof AppError
          ? (err.details?.errors as { field: string }[]).map((e) => e.field)
          : err;
      }
      return 'allowed';
    };
    expect(await invalid(publish(['x'], 'q1'))).toEqual(['question']);
    expect(await invalid(publish(['x'], 'q9'))).toEqual(['question']);
    expect(await invalid(publish(['fine', '   ']))).toEqual(['texts[1]']);
    expect(await failure(publish(['x'], 'q3', a.member()))).toEqual({ code: 'FORBIDDEN' });
    const other = lero();
    expect(
      await failure(client.publishTexts(ctx(other.admin), other.tenantId, c.id, 'q3', { texts: [] })),
    ).toEqual({
      code: 'NOT_FOUND',
    });
    expect(await publish([' A resident asks for evening hours. ', 'Evenings please'])).toEqual({
      consultationId: c.id,
      question: 'q3',
      texts: ['A resident asks for evening hours.', 'Evenings please'],
    });
    const after = await client.consultationResults(ctx(a.admin), a.tenantId, c.id, {});
    expect(after.questions[2].published).toEqual(['A resident asks for evening hours.', 'Evenings please']);
    expect(after.questions[2].texts).toHaveLength(5); // the raw answers stay with the staff
    expect(after.questions[0].published).toBeUndefined();
    // The whole list replaces the last; [] withdraws it.
    await publish([]);
    expect(
      (await client.consultationResults(ctx(a.admin), a.tenantId, c.id, {})).questions[2].published,
    ).toEqual([]);
  });
});
