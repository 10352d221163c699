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
  it('collects one part from every service, once per service however many replicas run, as soon as all answered', async () => {
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
      const from = ['events', 'membership'];
      const started = Date.now();
      const { replies, silent } = await asker.ask<{ from: string }>(
        MEMBER_EXPORT_PART,
        ctx,
        { memberId: 'm-1' },
        { from, maxWaitMs: 20_000 },
      );
      // Well before the bound: it stops at the last expected answer.
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(silent).toEqual([]);
      expect(replies.map((r) => r.service).sort()).toEqual(['events', 'membership']);
      expect(replies.find((r) => r.service === 'membership')).toEqual({
        service: 'membership',
        data: { from: 'membership', echo: { memberId: 'm-1' } },
      });
      const failing = await asker.ask(MEMBER_EXPORT_PART, ctx, { fail: true }, { from });
      expect(failing.replies.find((r) => r.service === 'membership')).toEqual({
        service: 'membership',
        error: { code: 'NOT_FOUND', message: 'No such member.' },
      });
      expect(failing.silent).toEqual([]);
    } finally {
      await close();
    }
  });

  it('names the services that did not answer within the bound, rather than leaving them out', async () => {
    const options = await optionsFor();
    const { parts, asker, close } = gatherers(options, ['events', 'tenants']);
    try {
      await parts[0].answer(MEMBER_EXPORT_PART, 'events', async () => ({ from: 'events' }));
      // Tenants is stuck (its database gone, say): it never answers.
      await parts[1].answer(MEMBER_EXPORT_PART, 'tenants', () => new Promise(() => undefined));
      const started = Date.now();
      const { replies, silent } = await asker.ask(
        MEMBER_EXPORT_PART,
        ctx,
        {},
        { from: ['events', 'membership', 'tenants'], maxWaitMs: 500 },
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(450);
      expect(replies).toEqual([{ service: 'events', data: { from: 'events' } }]);
      expect(silent).toEqual(['membership', 'tenants']);
    } finally {
      await close();
    }
  });

  it('says every expected service was silent when nothing answers at all', async () => {
    const options = await optionsFor();
    const { asker, close } = gatherers(options, []);
    try {
      expect(await asker.ask(MEMBER_EXPORT_PART, ctx, {}, { from: ['events'], maxWaitMs: 300 })).toEqual({
        replies: [],
        silent: ['events'],
      });
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
      expect(await asker.ask(MEMBER_EXPORT_PART, forged, {}, { from: ['events'] })).toEqual({
        replies: [{ service: 'events', error: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }],
        silent: [],
      });
    } finally {
      await close();
    }
  });
});
