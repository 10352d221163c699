import { jetstream } from '@nats-io/jetstream';
import { EVENT_CONSUMERS, EVENTS_STREAM } from '@hearth/contracts';
import { startTestNats, type TestNats } from './nats-server';

describe('a test file’s own NATS with Hearth’s config', () => {
  let nats: TestNats;
  beforeAll(async () => {
    nats = await startTestNats();
  });
  afterAll(() => nats?.stop());

  it('refuses a connection without credentials', async () => {
    await expect(nats.connect()).rejects.toThrow(/Authorization/i);
  });

  it('has the events stream and every durable consumer, provisioned as the migrate user', async () => {
    const nc = await nats.connect('reporting');
    try {
      const consumer = await jetstream(nc).consumers.get(
        EVENTS_STREAM,
        EVENT_CONSUMERS.reportingEvents.durable,
      );
      expect((await consumer.info()).config.filter_subject).toBe('evt.events.>');
    } finally {
      await nc.close();
    }
  });

  it('comes back on the same address after a restart', async () => {
    const url = nats.url;
    await nats.restart();
    expect(nats.url).toBe(url);
    const nc = await nats.connect('gateway');
    await nc.close();
  });
});
