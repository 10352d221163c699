import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { AppError, EventsSubjects, type ErrorShape, type RequestContext } from '@hearth/contracts';
import { RequestScope } from '@hearth/platform';
import { startTestNats, testTrust, type TestNats } from '@hearth/testing';
import {
  Answer,
  Ctx,
  Data,
  EnvelopeVerifier,
  InProcessClient,
  MessageClient,
  MessageController,
  answerMessage,
  inProcessMessaging,
  createNatsClient,
  createServiceApp,
  type MessageOutcome,
  type MessageRoute,
  type MessagingOptions,
  type PipelineSteps,
} from '@hearth/messaging';

class EchoRequest {
  @IsUUID() tenantId!: string;
  @IsString() @MaxLength(10) word!: string;
}

// Two of the events service's subjects (no events service runs here): the NATS users' permissions stand.
const NEST_SUBJECT = EventsSubjects.listActivities;
const LEAN_SUBJECT = EventsSubjects.getActivity;

const LERO = '0190a0c0-0000-7000-8000-00000000e1e1';
const OTHER_LERO = '0190a0c0-0000-7000-8000-00000000e2e2';

/** The request id the Nest handler found in its context scope (logs read the same scope). */
let scopedRequestId: string | undefined;
const route: MessageRoute<EchoRequest> = {
  data: EchoRequest,
  handle: (ctx, dto) => {
    if (dto.word === 'forbidden') throw new AppError('FORBIDDEN', 'Not yours.');
    if (dto.word === 'crash') throw new Error('a bug in the handler');
    return {
      word: dto.word,
      tenantId: ctx.tenantId ?? null,
      accountId: ctx.actor?.accountId ?? null,
      validated: dto instanceof EchoRequest,
    };
  },
};

const actor = { accountId: '0190a0c0-0000-7000-8000-0000000acc01', email: 'a@example.org', grants: [] };

/** Messages a transport meets, good and bad; each is answered alike by every transport. */
const messages: [string, () => unknown][] = [
  [
    'a valid message',
    () => ({ ctx: testTrust.ctx(actor, { tenantId: LERO }), data: { tenantId: LERO, word: 'hi' } }),
  ],
  ['an anonymous caller', () => ({ ctx: testTrust.ctx(), data: { tenantId: LERO, word: 'hi' } })],
  ['no envelope', () => ({ word: 'hi' })],
  [
    'a forged token',
    () => ({
      ctx: { requestId: 'r-1', token: 'eyJhbGciOiJub25lIn0.e30.' },
      data: { tenantId: LERO, word: 'hi' },
    }),
  ],
  [
    'two LEROs (envelope and data disagree)',
    () => ({ ctx: testTrust.ctx(actor, { tenantId: OTHER_LERO }), data: { tenantId: LERO, word: 'hi' } }),
  ],
  [
    'an unknown field',
    () => ({ ctx: testTrust.ctx(actor), data: { tenantId: LERO, word: 'hi', admin: true } }),
  ],
  ['a field too long', () => ({ ctx: testTrust.ctx(actor), data: { tenantId: LERO, word: 'x'.repeat(11) } })],
  ['data that is not an object', () => ({ ctx: testTrust.ctx(actor), data: null })],
  [
    'a refusal in the handler',
    () => ({ ctx: testTrust.ctx(actor), data: { tenantId: LERO, word: 'forbidden' } }),
  ],
  ['a bug in the handler', () => ({ ctx: testTrust.ctx(actor), data: { tenantId: LERO, word: 'crash' } })],
];

/** An error's id differs per failure; everything else about the answer must not. */
const comparable = (outcome: MessageOutcome<unknown>) =>
  outcome.ok
    ? outcome
    : {
        ok: false,
        error: {
          ...outcome.error,
          message: outcome.error.message.replace(/\(error id [^)]+\)/, '(error id)'),
          ...(outcome.error.details?.errorId ? { details: { ...outcome.error.details, errorId: 'id' } } : {}),
        },
      };

/** Through Nest: a `@MessageController` handler, asked with the services' own client. */
async function askNest(
  client: MessageClient,
  subject: string,
  payload: unknown,
): Promise<MessageOutcome<unknown>> {
  const envelope = payload as { ctx?: RequestContext; data?: unknown };
  try {
    // `MessageClient` sends `{ ctx, data }`; a payload without an envelope goes as a raw Nest request.
    return { ok: true, value: await client.request(subject, envelope.ctx as RequestContext, envelope.data) };
  } catch (err) {
    return { ok: false, error: (err as AppError).toShape() };
  }
}

@MessageController()
class EchoController {
  constructor(private readonly scope: RequestScope) {}

  @Answer(NEST_SUBJECT) echo(@Ctx() ctx: RequestContext, @Data(EchoRequest) dto: EchoRequest) {
    scopedRequestId = this.scope.ctx().requestId;
    return route.handle(ctx, dto);
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

let nats: TestNats | undefined;
afterAll(() => nats?.stop());

describe.each([
  [
    'over NATS',
    async () => {
      nats ??= await startTestNats({ provision: false });
      // standalone on NATS: the one user that both answers and asks `events.*`.
      const as = { ...nats.as('standalone'), trust: testTrust.trust };
      return { serve: as, ask: as };
    },
  ],
  [
    'in process',
    async () => {
      const bus = inProcessMessaging();
      return { serve: { ...bus, trust: testTrust.trust }, ask: { ...bus, trust: testTrust.trust } };
    },
  ],
] as [string, () => Promise<{ serve: MessagingOptions; ask: MessagingOptions }>][])(
  'the per-message pipeline %s',
  (_name, options) => {
    let app: NestFastifyApplication;
    let client: MessageClient;
    let lean: (payload: unknown) => Promise<MessageOutcome<unknown>>;
    let closeLean: () => Promise<void> = async () => undefined;

    beforeAll(async () => {
      const { serve, ask } = await options();
      app = await createServiceApp({ module: EchoModule, controllers: [EchoController] }, serve, 'silent');
      await app.init();
      client = new MessageClient(ask.natsUrl ? createNatsClient(ask) : new InProcessClient(ask.bus!));
      // A leaner transport: the same function, no Nest, no CLS — what the performance work may use.
      const steps: PipelineSteps = { verify: (p) => new EnvelopeVerifier(serve).contextOf(p) };
      if (!serve.natsUrl) {
        lean = (payload) => answerMessage(steps, route, JSON.parse(JSON.stringify(payload)));
        return;
      }
      const served = await nats!.connect('standalone');
      served.subscribe(LEAN_SUBJECT, {
        queue: 'events',
        callback: (_err, msg) =>
          void answerMessage(steps, route, msg.json()).then((o) => msg.respond(JSON.stringify(o))),
      });
      const asking = await nats!.connect('standalone');
      lean = async (payload) =>
        (await asking.request(LEAN_SUBJECT, JSON.stringify(payload), { timeout: 5000 })).json();
      closeLean = async () => {
        await served.drain();
        await asking.drain();
      };
    });

    afterAll(async () => {
      await client?.close();
      await closeLean();
      await app?.close();
    });

    it.each(messages)(
      'answers %s the same through Nest and through the bare function',
      async (_what, make) => {
        const payload = make();
        const viaNest = await askNest(client, NEST_SUBJECT, payload);
        const viaLean = await lean(payload);
        expect(comparable(viaLean)).toEqual(comparable(viaNest));
      },
    );

    it('runs every step: verified actor, one LERO, validated data, a context scope in Nest, coded failures', async () => {
      const ctx = testTrust.ctx(actor, { tenantId: LERO });
      expect(await askNest(client, NEST_SUBJECT, { ctx, data: { tenantId: LERO, word: 'hi' } })).toEqual({
        ok: true,
        value: {
          word: 'hi',
          tenantId: LERO,
          accountId: actor.accountId,
          validated: true,
        },
      });
      expect(scopedRequestId).toBe(ctx.requestId);
      const codes = await Promise.all(
        messages.map(async ([what, make]) => [what, await lean(make())] as const),
      );
      expect(
        Object.fromEntries(codes.map(([what, o]) => [what, o.ok ? 'ok' : (o.error as ErrorShape).code])),
      ).toEqual({
        'a valid message': 'ok',
        'an anonymous caller': 'ok',
        'no envelope': 'VALIDATION',
        'a forged token': 'UNAUTHENTICATED',
        'two LEROs (envelope and data disagree)': 'VALIDATION',
        'an unknown field': 'VALIDATION',
        'a field too long': 'VALIDATION',
        'data that is not an object': 'VALIDATION',
        'a refusal in the handler': 'FORBIDDEN',
        'a bug in the handler': 'INTERNAL',
      });
    });
  },
);
