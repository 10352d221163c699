import type { DomainEvent } from '@hearth/contracts';
import { DeliveryDeferredError, InProcessEventBus } from './in-process-event-bus';
import type { EventProcessor, ProcessOutcome } from './event-consumer';

const event = (subject: string): DomainEvent => ({
  id: '01900000-0000-7000-8000-000000000001',
  subject,
  occurredAt: '2026-01-01T00:00:00.000Z',
  tenantId: null,
  data: { nested: { n: 1 } },
});

function processor(name: string, subjects: string[], outcomes: ProcessOutcome[]) {
  const calls: { event: DomainEvent; attempt: number }[] = [];
  const p: EventProcessor = {
    name,
    subjects,
    process: async (e, attempt) => {
      calls.push({ event: e, attempt });
      return outcomes[Math.min(attempt - 1, outcomes.length - 1)];
    },
  };
  return { p, calls };
}

describe('InProcessEventBus', () => {
  it('delivers to every consumer whose subjects match, and to no other', async () => {
    const bus = new InProcessEventBus({ retryDelayMs: 1 });
    const a = processor('a', ['evt.tenants.>'], ['handled']);
    const b = processor('b', ['evt.*.tenant.onboarded'], ['handled']);
    const c = processor('c', ['evt.events.>'], ['handled']);
    [a, b, c].forEach(({ p }) => bus.subscribe(p));

    await bus.publish(event('evt.tenants.tenant.onboarded'));

    expect([a.calls.length, b.calls.length, c.calls.length]).toEqual([1, 1, 0]);
  });

  it('retries with increasing attempt numbers until the consumer stops asking', async () => {
    const bus = new InProcessEventBus({ retryDelayMs: 1 });
    const a = processor('a', ['evt.>'], ['retry', 'retry', 'handled']);
    bus.subscribe(a.p);

    await bus.publish(event('evt.x.y.z'));

    expect(a.calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
  });

  it('puts a delivery off, never dead-lettering it, when a consumer still fails after its quick tries', async () => {
    const bus = new InProcessEventBus({ retryDelayMs: 1, quickAttempts: 2 });
    const ok = processor('ok', ['evt.>'], ['handled']);
    const failing = processor('failing', ['evt.>'], ['retry', 'retry', 'retry', 'handled']);
    [ok, failing].forEach(({ p }) => bus.subscribe(p));

    const first = bus.publish(event('evt.x.y.z'));
    await expect(first).rejects.toBeInstanceOf(DeliveryDeferredError);
    await expect(first).rejects.toMatchObject({ consumers: ['failing'] });
    expect(bus.lag('failing')).toBe(1);
    expect(bus.lag('ok')).toBe(0);

    // The relay offers it again (its second delivery): the attempts go on counting, and it is taken.
    await bus.publish(event('evt.x.y.z'), { attempt: 2 });
    expect(failing.calls.map((c) => c.attempt)).toEqual([1, 2, 3, 4]);
    expect(bus.lag('failing')).toBe(0);
  });

  it('puts a delivery off at once while the consumer’s database is away', async () => {
    const bus = new InProcessEventBus({ retryDelayMs: 1 });
    const away = processor('away', ['evt.>'], ['unavailable']);
    bus.subscribe(away.p);

    await expect(bus.publish(event('evt.x.y.z'))).rejects.toBeInstanceOf(DeliveryDeferredError);
    expect(away.calls).toHaveLength(1);
  });

  it('takes a dead-lettered event as delivered', async () => {
    const bus = new InProcessEventBus({ retryDelayMs: 1 });
    const dead = processor('dead', ['evt.>'], ['dead']);
    bus.subscribe(dead.p);

    await bus.publish(event('evt.x.y.z'));
    expect(bus.lag('dead')).toBe(0);
  });

  it('hands each consumer and each attempt its own JSON copy of the event', async () => {
    const bus = new InProcessEventBus({ retryDelayMs: 1 });
    const original = event('evt.x.y.z');
    const mutate = (e: DomainEvent) => ((e.data as { nested: { n: number } }).nested.n = 99);
    const a: EventProcessor = {
      name: 'a',
      subjects: ['evt.>'],
      process: async (e, attempt) => {
        expect((e.data as { nested: { n: number } }).nested.n).toBe(1);
        mutate(e);
        return attempt === 1 ? 'retry' : 'handled';
      },
    };
    bus.subscribe(a);

    await bus.publish(original);

    expect(original.data).toEqual({ nested: { n: 1 } });
  });

  it('resolves only after every matching consumer finished', async () => {
    const bus = new InProcessEventBus();
    let slowDone = false;
    bus.subscribe({
      name: 'slow',
      subjects: ['evt.>'],
      process: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        slowDone = true;
        return 'handled';
      },
    });
    bus.subscribe(processor('fast', ['evt.>'], ['duplicate']).p);

    await bus.publish(event('evt.x.y.z'));

    expect(slowDone).toBe(true);
  });

  it('puts a delivery off when a consumer could not process or dead-letter, after the others finished', async () => {
    const bus = new InProcessEventBus();
    const ok = processor('ok', ['evt.>'], ['handled']);
    bus.subscribe(ok.p);
    bus.subscribe({
      name: 'broken',
      subjects: ['evt.>'],
      process: () => Promise.reject(new Error('database down')),
    });

    await expect(bus.publish(event('evt.x.y.z'))).rejects.toMatchObject({ consumers: ['broken'] });
    expect(ok.calls).toHaveLength(1);
  });

  it('refuses two consumers with the same durable name', () => {
    const bus = new InProcessEventBus();
    bus.subscribe(processor('same', ['evt.>'], ['handled']).p);
    expect(() => bus.subscribe(processor('same', ['evt.>'], ['handled']).p)).toThrow('already subscribed');
  });
});
