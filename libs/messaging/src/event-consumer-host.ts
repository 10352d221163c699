import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { MetricsRegistry, ReadinessRegistry } from '@hearth/platform';
import type { EventProcessor } from './event-consumer';
import { JetStreamConsumerRunner } from './jetstream-consumer-runner';
import { countedConsumer } from './messaging-metrics';
import { MESSAGING_OPTIONS, NatsConnectionProvider, type MessagingOptions } from './messaging.options';

const DEFAULT_REPLAY_POLL_MS = 5000;

/**
 * Runs a service's domain-event consumers on whichever transport this process uses: a durable JetStream
 * consumer with NATS, the in-process bus in standalone mode. Register from `onModuleInit`: every consumer is
 * then listening before any outbox relay starts (relays start at application bootstrap). Each consumer is part
 * of readiness (bound and consuming, with its lag) and of `/metrics`; replays an operator asked for are picked
 * up every few seconds.
 */
@Injectable()
export class EventConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runners = new Map<string, JetStreamConsumerRunner>();
  private readonly subscribed: EventProcessor[] = [];
  private readonly logger = new Logger(EventConsumerHost.name);
  private replayTimer?: NodeJS.Timeout;
  private replaying?: Promise<void>;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly nats: NatsConnectionProvider,
    @Optional() private readonly readiness?: ReadinessRegistry,
    @Optional() private readonly metrics?: MetricsRegistry,
  ) {}

  async register(processor: EventProcessor): Promise<void> {
    const consumer = countedConsumer(processor, this.metrics);
    this.subscribed.push(consumer);
    if (!this.options.natsUrl) {
      const bus = this.options.eventBus;
      if (!bus) throw new Error('The in-process transport needs an event bus.');
      bus.subscribe(consumer);
      this.readiness?.register(`consumer:${consumer.name}`, {
        isReady: async () => ({ ready: true, details: { lag: bus.lag(consumer.name) } }),
      });
      this.addMetrics(consumer.name, async () => ({
        up: 1,
        lag: bus.lag(consumer.name),
        retrying: 0,
        oldest: 0,
      }));
      return;
    }
    const runner = new JetStreamConsumerRunner(await this.nats.get(), consumer, {
      ...(this.options.retry ? { retry: this.options.retry } : {}),
      ...(this.nats.provision ? { provision: this.nats.provision } : {}),
    });
    await runner.start();
    this.runners.set(consumer.name, runner);
    this.readiness?.register(`consumer:${consumer.name}`, { isReady: () => runner.readiness() });
    this.addMetrics(consumer.name, async () => {
      const report = await runner.readiness();
      const { count, oldestSeconds } = runner.retryingStats();
      const lag = report.ready ? await runner.lag() : 0;
      return { up: report.ready ? 1 : 0, lag, retrying: count, oldest: oldestSeconds };
    });
  }

  private addMetrics(
    name: string,
    read: () => Promise<{ up: number; lag: number; retrying: number; oldest: number }>,
  ): void {
    if (!this.metrics) return;
    const labels = { consumer: name };
    const sample = (pick: (s: Awaited<ReturnType<typeof read>>) => number) => async () => [
      { labels, value: pick(await read()) },
    ];
    this.metrics.gauge(
      'hearth_event_consumer_up',
      'Whether a durable consumer is bound and consuming (0 while it or the stream is missing).',
      ['consumer'],
      sample((s) => s.up),
    );
    this.metrics.gauge(
      'hearth_event_consumer_lag',
      'Events a consumer has not acknowledged yet (pending plus in flight).',
      ['consumer'],
      sample((s) => s.lag),
    );
    this.metrics.gauge(
      'hearth_event_consumer_retrying',
      'Events that failed and are being retried with backoff.',
      ['consumer'],
      sample((s) => s.retrying),
    );
    this.metrics.gauge(
      'hearth_event_consumer_oldest_retry_seconds',
      'Age of the oldest event being retried; past the retry horizon it is an alarm.',
      ['consumer'],
      sample((s) => s.oldest),
    );
  }

  onApplicationBootstrap(): void {
    const every = this.options.replayPollMs ?? DEFAULT_REPLAY_POLL_MS;
    this.replayTimer = setInterval(() => {
      this.replaying ??= this.replayRequested().finally(() => (this.replaying = undefined));
    }, every);
    this.replayTimer.unref();
  }

  /** Replays an operator asked for, consumer by consumer; a database that is away is tried at the next poll. */
  async replayRequested(): Promise<void> {
    for (const consumer of this.subscribed) {
      try {
        await consumer.replayRequested?.();
      } catch (err) {
        this.logger.warn(
          `Looking for replays of ${consumer.name} failed: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.replayTimer);
    await this.replaying;
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
    this.runners.clear();
    for (const c of this.subscribed.splice(0)) this.options.eventBus?.unsubscribe(c);
  }
}
