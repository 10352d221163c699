import { AppError, MEMBER_EXPORT_PART, type NatsUser } from '@hearth/contracts';
import { startTestNats, testTrust, type TestNats } from '@hearth/testing';
import {
  EnvelopeVerifier,
  Gather,
  InProcessBus,
  NatsConnectionProvider,
  type MessagingOptions,
} from '@hearth/messaging';

const ctx = testTrust.ctx();

/** One Gather per process: each part as its own service's NATS user, the asker as membership. */
function gatherers(optionsFor: (user: NatsUser) => MessagingOptions, services: NatsUser[]) {
  const processes = [...services, 'membership' as const].map((user) => {
    const options = optionsFor(user);
    const provider = new NatsConnectionProvider(options);
    return { provider, gather: new Gather(options, provider, new EnvelopeVerifier(options)) };
  });
  const asker = processes.pop()!;
  return {
    parts: processes.map((p) => p.gather),
    asker: asker.gather,
    close: () => Promise.all([...processes, asker].map((p) => p.provider.onApplicationShutdown())),
  };
}

let nats: TestNats | undefined;
afterAll(() => nats?.stop());

describe.each([
  [
    'over NATS',
    async (): Promise<(user: NatsUser) => MessagingOptions> => {
      nats ??= await startTestNats({ provision: false });
      const server = nats;
      return (user) => ({ ...server.as(user), trust: testTrust.trust });
    },
  ],
  [
    'in process',
    async (): Promise<(user: NatsUser) => MessagingOptions> => {
      const bus = new InProcessBus();
      return () => ({ bus, trust: testTrust.trust });
    },
  ],
])('scatter-gather %s', (_name, optionsFor) => {
  it('collects one part from every service, once per service however many replicas run', async () => {
    const options = await optionsFor();
    const { parts, asker, close } = gatherers(options, ['membership', 'events', 'events']);
    try {
      await parts[0].answer(MEMBER_EXPORT_PART, 'membership', async (_c, data) => {
        if ((data as { fail?: boolean }).fail) throw new AppError('NOT_FOUND', 'No such member.');
        return { from: 'membership', echo: data };
      });
      await parts[1].answer(MEMBER_EXPORT_PART, 'events', async () => ({ from: 'events' }));
      if (options('events').natsUrl)
        await parts[2].answer(MEMBER_EXPORT_PART, 'events', async () => ({ from: 'events' }));
      const replies = await asker.ask<{ from: string }>(
        MEMBER_EXPORT_PART,
        ctx,
        { memberId: 'm-1' },
        { stallMs: 200 },
      );
      expect(replies.map((r) => r.service).sort()).toEqual(['events', 'membership']);
      expect(replies.find((r) => r.service === 'membership')).toEqual({
        service: 'membership',
        data: { from: 'membership', echo: { memberId: 'm-1' } },
      });
      const failing = await asker.ask(MEMBER_EXPORT_PART, ctx, { fail: true }, { stallMs: 200 });
      expect(failing.find((r) => r.service === 'membership')).toEqual({
        service: 'membership',
        error: { code: 'NOT_FOUND', message: 'No such member.' },
      });
    } finally {
      await close();
    }
  });

  it('answers nothing, rather than failing, when no service holds a part', async () => {
    const options = await optionsFor();
    const { asker, close } = gatherers(options, []);
    try {
      expect(await asker.ask(MEMBER_EXPORT_PART, ctx, {}, { stallMs: 100, maxWaitMs: 500 })).toEqual([]);
    } finally {
      await close();
    }
  });

  it('gives a part only to a caller whose token verifies', async () => {
    const options = await optionsFor();
    const { parts, asker, close } = gatherers(options, ['events']);
    try {
      await parts[0].answer(MEMBER_EXPORT_PART, 'events', async () => ({ secret: 'part' }));
      const forged = { requestId: 'forged', token: 'not-a-token' };
      expect(await asker.ask(MEMBER_EXPORT_PART, forged, {}, { stallMs: 200 })).toEqual([
        { service: 'events', error: expect.objectContaining({ code: 'UNAUTHENTICATED' }) },
      ]);
    } finally {
      await close();
    }
  });
});
