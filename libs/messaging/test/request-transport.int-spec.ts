import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsString } from 'class-validator';
import type { NatsConnection } from '@nats-io/transport-node';
import { EventsSubjects, type RequestContext } from '@hearth/contracts';
import { testTrust } from '@hearth/testing';
import {
  Answer,
  Ctx,
  Data,
  InProcessClient,
  MessageContextInterceptor,
  MessageController,
  createNatsClient,
  createServiceApp,
  type MessagingOptions,
  type RequestTransport,
} from '@hearth/messaging';
import { testRuntimes } from './runtimes';

/**
 * Hearth's own request transport (ADR 0092): `@Answer` handlers answered without Nest's per-message layers, and a
 * client that sends each request as a plain promise on one reply subscription. What the callers see is in
 * `message-pipeline.int-spec.ts`; this is what the transport itself must get right.
 */
class WaitRequest {
  @IsString() word!: string;
}

// Subjects standalone's NATS user may both answer and ask (no events service runs here).
const WAIT = EventsSubjects.getActivity;
const NOBODY = EventsSubjects.listActivities;

@MessageController()
class WaitController {
  @Answer(WAIT) async wait(@Data(WaitRequest) dto: WaitRequest, @Ctx() ctx: RequestContext) {
    const ms = Number(dto.word.split(':')[1] ?? 0);
    if (ms) await new Promise((done) => setTimeout(done, ms));
    return { word: dto.word, requestId: ctx.requestId };
  }
}

@Module({ controllers: [WaitController] })
class WaitModule {}

const envelope = (word: string) => ({ ctx: testTrust.ctx(), data: { word } });

const runtimes = testRuntimes();
afterAll(() => runtimes.stop());

describe.each(runtimes.each)('the request transport %s', (_name, options) => {
  let app: NestFastifyApplication;
  let client: RequestTransport;
  let messaging: MessagingOptions;

  beforeAll(async () => {
    messaging = await options();
    app = await createServiceApp({ module: WaitModule, controllers: [WaitController] }, messaging, 'silent');
    await app.init();
    client = messaging.natsUrl ? createNatsClient(messaging) : new InProcessClient(messaging.bus!);
  });

  afterAll(async () => {
    await client?.close();
    await app?.close();
  });

  it('answers an @Answer handler with its arguments in their places, without Nest’s interceptor', async () => {
    const intercept = jest.spyOn(MessageContextInterceptor.prototype, 'intercept');
    const ask = envelope('hello');
    await expect(client.request(WAIT, ask, 5000)).resolves.toEqual({
      kind: 'answer',
      value: { word: 'hello', requestId: ask.ctx.requestId },
    });
    expect(intercept).not.toHaveBeenCalled();
    intercept.mockRestore();
  });

  it('gives up on an answer after the wait, and the late answer does not reach the next request', async () => {
    await expect(client.request(WAIT, envelope('late:300'), 50)).resolves.toEqual({ kind: 'timeout' });
    const next = envelope('next:400');
    await expect(client.request(WAIT, next, 5000)).resolves.toEqual({
      kind: 'answer',
      value: { word: 'next:400', requestId: next.ctx.requestId },
    });
  });

  it('answers many requests at once, each with its own answer', async () => {
    const asks = Array.from({ length: 50 }, (_, i) => envelope(`w${i}:${i % 7}`));
    const answers = await Promise.all(asks.map((ask) => client.request(WAIT, ask, 5000)));
    expect(answers).toEqual(
      asks.map((ask) => ({ kind: 'answer', value: { word: ask.data.word, requestId: ask.ctx.requestId } })),
    );
  });

  it('says at once that nothing answers a subject, without waiting out the timeout', async () => {
    const answered = await client.request(NOBODY, envelope('x'), 60_000);
    // Over NATS: nats-server's "no responders"; in process: the bus's UNAVAILABLE.
    expect(['unreachable', 'error']).toContain(answered.kind);
    if (answered.kind === 'error') expect(answered.error).toMatchObject({ code: 'UNAVAILABLE' });
  }, 10_000);
});

describe('the request transport over NATS, at its edges', () => {
  let app: NestFastifyApplication;
  let raw: NatsConnection;

  beforeAll(async () => {
    const nats = await runtimes.started();
    const messaging = { ...nats.as('standalone'), trust: testTrust.trust };
    app = await createServiceApp({ module: WaitModule, controllers: [WaitController] }, messaging, 'silent');
    await app.init();
    raw = await nats.connect('standalone');
  });

  afterAll(async () => {
    await raw?.close();
    await app?.close();
  });

  it('answers a request that is not JSON with a VALIDATION error, not silence', async () => {
    const reply = await raw.request(WAIT, 'not json {', { timeout: 5000 });
    expect(reply.json()).toMatchObject({ err: { code: 'VALIDATION' }, isDisposed: true });
  });

  it('answers in Nest’s reply packet, so a Nest client can still ask', async () => {
    const ask = envelope('nest');
    const reply = await raw.request(WAIT, JSON.stringify({ pattern: WAIT, data: ask, id: 'abc' }), {
      timeout: 5000,
    });
    expect(reply.json()).toEqual({
      id: 'abc',
      response: { word: 'nest', requestId: ask.ctx.requestId },
      isDisposed: true,
    });
  });

  it('ends a request still waiting when its connection closes: cannot be reached', async () => {
    const client = createNatsClient((await runtimes.started()).as('standalone'));
    await client.request(WAIT, envelope('warm'), 5000);
    const waiting = client.request(WAIT, envelope('slow:2000'), 60_000);
    await new Promise((done) => setTimeout(done, 100));
    await client.close();
    await expect(waiting).resolves.toEqual({ kind: 'unreachable' });
  }, 10_000);
});
