import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsString } from 'class-validator';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { AppError, EventsSubjects, type RequestContext } from '@hearth/contracts';
import { testTrust } from '@hearth/testing';
import {
  ANSWER_HEADER,
  Answer,
  Ctx,
  Data,
  InProcessClient,
  JsonText,
  MessageClient,
  MessageController,
  createNatsClient,
  createServiceApp,
} from '@hearth/messaging';
import { testRuntimes } from './runtimes';

/**
 * Answers written as JSON once (ADR 0094): a handler returns its answer as JSON text (`JsonText`), `request()`
 * still reads an object, `requestJson()` gets the handler's own text, and a client that knows nothing of it (Nest's)
 * still reads Nest's reply packet.
 */
class WordRequest {
  @IsString() word!: string;
}

// Subjects standalone's NATS user may both answer and ask (no events service runs here).
const TEXT = EventsSubjects.getSession;
const VALUE = EventsSubjects.getAttendance;
const OLDER = EventsSubjects.listSessions;

/** Spaced as `JSON.stringify` never writes it: text that arrives so is the handler's own, not written again. */
const textOf = (word: string, requestId: string) =>
  `{ "word": ${JSON.stringify(word)},  "requestId": ${JSON.stringify(requestId)} }`;

@MessageController()
class ReportController {
  @Answer(TEXT) text(@Data(WordRequest) dto: WordRequest, @Ctx() ctx: RequestContext) {
    if (dto.word === 'missing') throw new AppError('NOT_FOUND', 'No such report.');
    if (dto.word === 'broken') return new JsonText('{"word": ');
    return new JsonText(textOf(dto.word, ctx.requestId));
  }

  @Answer(VALUE) value(@Data(WordRequest) dto: WordRequest, @Ctx() ctx: RequestContext) {
    return { word: dto.word, requestId: ctx.requestId };
  }
}

@Module({ controllers: [ReportController] })
class ReportModule {}

const asked = () => testTrust.ctx() as RequestContext;

const failureOf = (asking: Promise<unknown>) =>
  asking.then(
    () => undefined,
    (err: unknown) => (err instanceof AppError ? err.toShape() : err),
  );

const runtimes = testRuntimes();
afterAll(() => runtimes.stop());

describe.each(runtimes.each)('an answer written as JSON text %s', (_name, options) => {
  let app: NestFastifyApplication;
  let client: MessageClient;

  beforeAll(async () => {
    const messaging = await options();
    app = await createServiceApp(
      { module: ReportModule, controllers: [ReportController] },
      messaging,
      'silent',
    );
    await app.init();
    client = new MessageClient(
      messaging.natsUrl ? createNatsClient(messaging) : new InProcessClient(messaging.bus!),
    );
  });

  afterAll(async () => {
    await client?.close();
    await app?.close();
  });

  it('is read as an object by request()', async () => {
    const ctx = asked();
    await expect(client.request(TEXT, ctx, { word: 'object' })).resolves.toEqual({
      word: 'object',
      requestId: ctx.requestId,
    });
  });

  it('is the handler’s own text, as it wrote it, to requestJson()', async () => {
    const ctx = asked();
    await expect(client.requestJson(TEXT, ctx, { word: 'text' })).resolves.toBe(
      textOf('text', ctx.requestId),
    );
  });

  it('is written for requestJson() when the handler answered with a value', async () => {
    const ctx = asked();
    await expect(client.requestJson(VALUE, ctx, { word: 'value' })).resolves.toBe(
      JSON.stringify({ word: 'value', requestId: ctx.requestId }),
    );
  });

  it('is a failure still, a coded AppError to either way of asking', async () => {
    for (const asking of [
      client.request(TEXT, asked(), { word: 'missing' }),
      client.requestJson(TEXT, asked(), { word: 'missing' }),
    ]) {
      await expect(failureOf(asking)).resolves.toMatchObject({
        code: 'NOT_FOUND',
        message: 'No such report.',
      });
    }
  });
  it('is the service’s fault when its text is not JSON: INTERNAL to request(), as an unreadable packet is', async () => {
    await expect(failureOf(client.request(TEXT, asked(), { word: 'broken' }))).resolves.toMatchObject({
      code: 'INTERNAL',
    });
  });
});

describe('an answer written as JSON text, on the wire', () => {
  let app: NestFastifyApplication;
  let raw: NatsConnection;
  const asText = () => {
    const h = natsHeaders();
    h.set(ANSWER_HEADER, 'json-text');
    return h;
  };
  const packet = (subject: string, word: string) => {
    const envelope = { ctx: testTrust.ctx(), data: { word } };
    return { envelope, body: JSON.stringify({ pattern: subject, data: envelope, id: 'abc' }) };
  };

  beforeAll(async () => {
    const nats = await runtimes.started();
    const messaging = { ...nats.as('standalone'), trust: testTrust.trust };
    app = await createServiceApp(
      { module: ReportModule, controllers: [ReportController] },
      messaging,
      'silent',
    );
    await app.init();
    raw = await nats.connect('standalone');
  });

  afterAll(async () => {
    await raw?.close();
    await app?.close();
  });

  it('goes in Nest’s reply packet to a client that did not ask for the text, set in as it was written', async () => {
    const { envelope, body } = packet(TEXT, 'nest');
    const reply = await raw.request(TEXT, body, { timeout: 5000 });
    expect(reply.headers?.get(ANSWER_HEADER) ?? '').toBe('');
    expect(reply.json()).toEqual({
      id: 'abc',
      response: { word: 'nest', requestId: envelope.ctx.requestId },
      isDisposed: true,
    });
    expect(reply.string()).toContain(textOf('nest', envelope.ctx.requestId));
  });

  it('goes alone, marked, to a client that asked for the text', async () => {
    const { envelope, body } = packet(TEXT, 'alone');
    const reply = await raw.request(TEXT, body, { timeout: 5000, headers: asText() });
    expect(reply.headers?.get(ANSWER_HEADER)).toBe('json-text');
    expect(reply.string()).toBe(textOf('alone', envelope.ctx.requestId));
  });

  it('leaves a failure in Nest’s error packet, even to a client that asked for the text', async () => {
    const reply = await raw.request(TEXT, packet(TEXT, 'missing').body, { timeout: 5000, headers: asText() });
    expect(reply.headers?.get(ANSWER_HEADER) ?? '').toBe('');
    expect(reply.json()).toMatchObject({ id: 'abc', err: { code: 'NOT_FOUND' }, isDisposed: true });
  });

  it('is written by the client when a responder that knows nothing of it answers with Nest’s packet', async () => {
    // A responder of before ADR 0094 (or Nest's): it ignores the request's headers and answers a packet.
    const older = raw.subscribe(OLDER, {
      queue: 'events',
      callback: (err, msg) => {
        if (err) return;
        const { id } = msg.json<{ id: string }>();
        msg.respond(JSON.stringify({ id, response: { figures: [1, 2] }, isDisposed: true }));
      },
    });
    await raw.flush();
    const client = new MessageClient(createNatsClient((await runtimes.started()).as('standalone')));
    try {
      await expect(client.requestJson(OLDER, asked(), { word: 'older' })).resolves.toBe('{"figures":[1,2]}');
      await expect(client.request(OLDER, asked(), { word: 'older' })).resolves.toEqual({ figures: [1, 2] });
    } finally {
      older.unsubscribe();
      await client.close();
    }
  });
});
