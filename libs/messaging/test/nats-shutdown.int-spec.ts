import type { NatsConnection } from '@nats-io/transport-node';
import {
  Controller,
  Injectable,
  Module,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern } from '@nestjs/microservices';
import { inboxPrefixOf } from '@hearth/contracts';
import { startTestNats, type TestNats } from '@hearth/testing';
import { HearthNatsServer } from '../src';

/**
 * A service stopping on NATS (`HearthNatsServer.close`): it stops taking messages, lets an answer being made
 * finish and go out, and does not sit out a fixed grace period when nothing is in flight.
 */
describe('a NATS service stopping', () => {
  let nats: TestNats;
  let asker: NatsConnection;

  beforeAll(async () => {
    nats = await startTestNats({ provision: false });
    asker = await nats.connect('standalone');
  });

  afterAll(async () => {
    await asker?.close();
    await nats?.stop();
  });

  /**
   * A server answering `events.activity.<name>` (subjects standalone's NATS user may ask and answer) after `ms`,
   * and a promise that settles when a message arrives.
   */
  async function serve(name: string, ms: number) {
    const server = new HearthNatsServer(nats.as('standalone'));
    let arrived!: () => void;
    const started = new Promise<void>((res) => (arrived = res));
    server.addHandler(`events.activity.${name}`, async (data: unknown) => {
      arrived();
      await new Promise((res) => setTimeout(res, ms));
      return { echoed: data };
    });
    await new Promise<void>((res, rej) => server.listen((err) => (err ? rej(err as Error) : res())));
    return { server, started };
  }

  const ask = (name: string, data: unknown) =>
    asker.request(
      `events.activity.${name}`,
      JSON.stringify({ pattern: `events.activity.${name}`, data, id: name }),
      {
        timeout: 5_000,
      },
    );

  jest.setTimeout(15_000);

  it('answers a message it is still handling when told to stop, then stops taking messages', async () => {
    const { server, started } = await serve('get', 400);
    const reply = ask('get', 'still answered');
    await started;
    await server.close();
    expect((await reply).json<{ response: unknown }>().response).toEqual({ echoed: 'still answered' });
    await expect(ask('get', 'too late')).rejects.toThrow();
  });

  it('answers a request already on its way to it when told to stop (drains, not drops, its subscriptions)', async () => {
    const { server } = await serve('update', 0);
    const inbox = `${inboxPrefixOf('standalone')}.in-transit`;
    const answers = asker.subscribe(inbox, { max: 1, timeout: 5_000 });
    await asker.flush();
    // Published on the server's own connection just before it stops: NATS reads it, and routes it to the
    // subscription, before it reads the unsubscribe, so the message is on its way back to the server when close()
    // begins (on Kubernetes: a request that reached a replica as its pod was told to stop). The answer goes to the
    // asker's inbox, as a caller's would.
    const own = (server as unknown as { natsClient: NatsConnection }).natsClient;
    own.publish(
      'events.activity.update',
      JSON.stringify({ pattern: 'events.activity.update', data: 'in transit', id: 'update' }),
      { reply: inbox },
    );
    await server.close();
    for await (const answer of answers) {
      expect(answer.json<{ response: unknown }>().response).toEqual({ echoed: 'in transit' });
    }
    expect(answers.getProcessed()).toBe(1);
  });

  it('waits for an answer made behind interceptors (a Nest handler outside @Answer: Nest runs it after handleMessage resolved)', async () => {
    // Nest's interceptor pipeline hands the server a deferred stream: the handler runs when the server subscribes to
    // it, after `handleMessage` has returned, so counting only `handleMessage` counts nothing in flight.
    @Injectable()
    class PassThrough implements NestInterceptor {
      intercept(_ctx: ExecutionContext, next: CallHandler) {
        return next.handle();
      }
    }
    let arrived!: () => void;
    const started = new Promise<void>((res) => (arrived = res));
    @Controller()
    @UseInterceptors(PassThrough)
    class Slow {
      @MessagePattern('events.activity.get')
      async slow(data: unknown) {
        arrived();
        await new Promise((res) => setTimeout(res, 400));
        return { echoed: data };
      }
    }
    @Module({ controllers: [Slow], providers: [PassThrough] })
    class SlowModule {}
    const server = new HearthNatsServer(nats.as('standalone'));
    const app = await NestFactory.createMicroservice(SlowModule, { strategy: server, logger: false });
    await app.listen();
    const reply = ask('get', 'answered behind an interceptor');
    await started;
    await server.close();
    expect((await reply).json<{ response: unknown }>().response).toEqual({
      echoed: 'answered behind an interceptor',
    });
    await app.close();
  });

  it('waits for an answer Hearth makes itself (an @Answer handler, ADR 0092), then stops', async () => {
    const server = new HearthNatsServer(nats.as('standalone'));
    let arrived!: () => void;
    const started = new Promise<void>((res) => (arrived = res));
    // Nest knows the subject (it registers every handler); Hearth's answerer answers it.
    server.addHandler('events.activity.create', () => Promise.reject(new Error('Nest’s handler ran')));
    server.useAnswers(
      new Map([
        [
          'events.activity.create',
          async (payload: unknown) => {
            arrived();
            await new Promise((res) => setTimeout(res, 400));
            return { kind: 'answer' as const, value: { echoed: payload } };
          },
        ],
      ]),
    );
    await new Promise<void>((res, rej) => server.listen((err) => (err ? rej(err as Error) : res())));
    const reply = ask('create', 'answered by Hearth');
    await started;
    await server.close();
    expect((await reply).json<{ response: unknown }>().response).toEqual({ echoed: 'answered by Hearth' });
  });

  it('stops at once after a handler failed before answering (no reply packet is coming for it)', async () => {
    const server = new HearthNatsServer(nats.as('standalone'));
    let failed!: () => void;
    const failure = new Promise<void>((res) => (failed = res));
    server.addHandler('events.activity.delete', () => {
      setImmediate(failed);
      return Promise.reject(new Error('broken before any answer'));
    });
    await new Promise<void>((res, rej) => server.listen((err) => (err ? rej(err as Error) : res())));
    void ask('delete', 'fails').catch(() => 'no answer');
    await failure;
    const outcome = await Promise.race([
      server.close().then(() => 'stopped'),
      new Promise((res) => setTimeout(() => res('still waiting after 1.5 s'), 1_500)),
    ]);
    expect(outcome).toBe('stopped');
  });

  it('stops at once when nothing is in flight, not after a fixed grace period', async () => {
    const { server } = await serve('list', 0);
    expect((await ask('list', 1)).json<{ response: unknown }>().response).toEqual({ echoed: 1 });
    const outcome = await Promise.race([
      server.close().then(() => 'stopped'),
      new Promise((res) => setTimeout(() => res('still waiting after 1.5 s'), 1_500)),
    ]);
    expect(outcome).toBe('stopped');
  });
});
