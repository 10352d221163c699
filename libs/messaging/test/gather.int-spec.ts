import { AppError } from '@hearth/contracts';
import { testServices, testTrust, uniqueName } from '@hearth/testing';
import {
  EnvelopeVerifier,
  Gather,
  InProcessBus,
  NatsConnectionProvider,
  type MessagingOptions,
} from '@hearth/messaging';

const ctx = testTrust.ctx();

async function gatherers(options: MessagingOptions, services: string[]) {
  const providers = services.map(() => new NatsConnectionProvider(options));
  const asker = new NatsConnectionProvider(options);
  const verifier = new EnvelopeVerifier(options);
  const parts = services.map((_, i) => new Gather(options, providers[i], verifier));
  return {
    parts,
    asker: new Gather(options, asker, verifier),
    close: () => Promise.all([...providers, asker].map((p) => p.onApplicationShutdown())),
  };
}

describe.each([
  [
    'over NATS',
    async (): Promise<MessagingOptions> => ({
      natsUrl: (await testServices()).natsUrl,
      prefix: uniqueName('g'),
      trust: testTrust.trust,
    }),
  ],
  [
    'in process',
    async (): Promise<MessagingOptions> => ({ bus: new InProcessBus(), trust: testTrust.trust }),
  ],
])('scatter-gather %s', (_name, optionsFor) => {
  it('collects one part from every service, once per service however many replicas run', async () => {
    const options = await optionsFor();
    const { parts, asker, close } = await gatherers(options, ['membership', 'events', 'events-replica']);
    try {
      await parts[0].answer('probe.part', 'membership', async (_c, data) => ({
        from: 'membership',
        echo: data,
      }));
      await parts[1].answer('probe.part', 'events', async () => ({ from: 'events' }));
      if (options.natsUrl) await parts[2].answer('probe.part', 'events', async () => ({ from: 'events' }));
      await parts[0].answer('probe.failing', 'membership', async () => {
        throw new AppError('NOT_FOUND', 'No such member.');
      });
      const replies = await asker.ask<{ from: string }>(
        'probe.part',
        ctx,
        { memberId: 'm-1' },
        { stallMs: 200 },
      );
      expect(replies.map((r) => r.service).sort()).toEqual(['events', 'membership']);
      expect(replies.find((r) => r.service === 'membership')).toEqual({
        service: 'membership',
        data: { from: 'membership', echo: { memberId: 'm-1' } },
      });
      const failing = await asker.ask('probe.failing', ctx, {}, { stallMs: 200 });
      expect(failing).toEqual([
        { service: 'membership', error: { code: 'NOT_FOUND', message: 'No such member.' } },
      ]);
      expect(await asker.ask('probe.nobody', ctx, {}, { stallMs: 100, maxWaitMs: 500 })).toEqual([]);
    } finally {
      await close();
    }
  });
});
