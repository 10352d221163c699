import { AppError, type DomainEvent } from '@hearth/contracts';
import { MetricsRegistry } from '@hearth/platform';
import { InProcessBus, InProcessClient } from './in-process.transport';
import { InProcessEventBus } from './in-process-event-bus';
import { MessageClient } from './message-client';
import { countedConsumer, countedPublisher, measuredProxy } from './messaging-metrics';
import type { ProcessOutcome } from './event-consumer';

/** The samples of one metric, as `labels → value` lines, e.g. `subject=a.b.c,code=OK 1`. */
async function samples(metrics: MetricsRegistry, name: string): Promise<string[]> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) return [];
  const { values } = await metric.get();
  return values.map(
    (v) =>
      `${Object.entries(v.labels)
        .map(([k, l]) => `${k}=${l}`)
        .join(',')} ${v.value}`,
  );
}

describe('messaging metrics', () => {
  it('counts requests a client sends by what came back, and a timeout apart', async () => {
    const metrics = new MetricsRegistry();
    const bus = new InProcessBus();
    bus.register('events.session.get', async () => ({ kind: 'answer', value: { id: 's' } }));
    bus.register('events.session.list', async () => ({
      kind: 'error',
      error: new AppError('NOT_FOUND', 'No such session.').toShape(),
    }));
    bus.register('events.session.slow', () => new Promise(() => undefined));
    const client = new MessageClient(measuredProxy(new InProcessClient(bus), metrics), 50);
    const ctx = { requestId: 'r', token: 't' };

    await expect(client.request('events.session.get', ctx, {})).resolves.toEqual({ id: 's' });
    await expect(client.request('events.session.list', ctx, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.request('events.session.slow', ctx, {})).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    await expect(client.request('events.session.none', ctx, {})).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });

    expect((await samples(metrics, 'hearth_nats_requests_total')).sort()).toEqual([
      'subject=events.session.get,code=OK 1',
      'subject=events.session.list,code=NOT_FOUND 1',
      'subject=events.session.none,code=UNAVAILABLE 1',
      'subject=events.session.slow,code=TIMEOUT 1',
    ]);
    expect(await samples(metrics, 'hearth_nats_request_timeouts_total')).toEqual([
      'subject=events.session.slow 1',
    ]);
    const durations = await samples(metrics, 'hearth_nats_request_duration_seconds');
    expect(durations).toContain('le=+Inf,subject=events.session.slow 1');
    // The timed-out request waited its 50 ms: not in any bucket below that. (How much longer it took depends on
    // the machine's load, so no upper bound is asserted; the sum says it waited at least the 50 ms.)
    expect(durations).toContain('le=0.025,subject=events.session.slow 0');
    const histogram = await metrics.registry.getSingleMetric('hearth_nats_request_duration_seconds')!.get();
    const sum = histogram.values.find(
      (v) =>
        (v as { metricName?: string }).metricName === 'hearth_nats_request_duration_seconds_sum' &&
        v.labels.subject === 'events.session.slow',
    );
    expect(sum?.value).toBeGreaterThanOrEqual(0.049);
  });

  it('counts a consumer’s deliveries by outcome and its redeliveries', async () => {
    const metrics = new MetricsRegistry();
    const outcomes: ProcessOutcome[] = ['retry', 'retry', 'handled'];
    let calls = 0;
    const consumer = countedConsumer(
      { name: 'events-members', subjects: ['evt.membership.>'], process: async () => outcomes[calls++] },
      metrics,
    );
    const bus = new InProcessEventBus({ retryDelayMs: 1 });
    bus.subscribe(consumer);
    const event: DomainEvent = {
      id: '01900000-0000-7000-8000-000000000001',
      subject: 'evt.membership.member.erased',
      occurredAt: '2026-01-01T00:00:00.000Z',
      tenantId: null,
      data: {},
    };

    await bus.publish(event);

    const deliveries = await samples(metrics, 'hearth_event_deliveries_total');
    expect(deliveries).toContain('consumer=events-members,outcome=retry 2');
    expect(deliveries).toContain('consumer=events-members,outcome=handled 1');
    expect(deliveries).toContain('consumer=events-members,outcome=dead 0');
    expect(await samples(metrics, 'hearth_event_redeliveries_total')).toEqual(['consumer=events-members 2']);
  });

  it('counts the events an outbox relay handed on, not those the transport refused', async () => {
    const metrics = new MetricsRegistry();
    let refuse = true;
    const publisher = countedPublisher(
      {
        publish: async () => {
          if (refuse) throw new Error('stream full');
        },
      },
      'events',
      metrics,
    );
    const event = {
      id: 'e',
      subject: 'evt.events.session.created',
      occurredAt: '',
      tenantId: null,
      data: {},
    };

    await expect(publisher.publish(event)).rejects.toThrow('stream full');
    expect(await samples(metrics, 'hearth_outbox_relayed_total')).toEqual(['service=events 0']);
    refuse = false;
    await publisher.publish(event);
    expect(await samples(metrics, 'hearth_outbox_relayed_total')).toEqual(['service=events 1']);
  });
});
