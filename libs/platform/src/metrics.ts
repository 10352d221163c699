import { Controller, Get, Header, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from './public.decorator';

/** One value of a gauge, read when Prometheus scrapes. */
export interface MetricSample {
  labels: Record<string, string>;
  value: number;
}

type Source = () => Promise<MetricSample[]> | MetricSample[];

/**
 * This process's metrics (`/metrics` on its health port). A registry per application rather than prom-client's
 * global one, so the services composed in standalone (and the many apps of a test run) each register their own
 * sources without clashing. Gauges are computed when scraped, from sources that components add: one gauge may
 * have several (standalone's four databases each report their outbox backlog).
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly sources = new Map<string, Source[]>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Adds a source to the gauge `name` (created on first use); a source that fails this scrape is left out. */
  gauge(name: string, help: string, labelNames: string[], source: Source): void {
    let sources = this.sources.get(name);
    if (!sources) {
      const list: Source[] = [];
      sources = list;
      this.sources.set(name, list);
      new Gauge({
        name,
        help,
        labelNames,
        registers: [this.registry],
        async collect() {
          this.reset();
          const results = await Promise.all(
            list.map((s) =>
              Promise.resolve()
                .then(s)
                .catch(() => []),
            ),
          );
          for (const sample of results.flat()) this.set(sample.labels, sample.value);
        },
      });
    }
    sources.push(source);
  }

  /** The counter `name` of this registry, made on first use (several components count into one). */
  counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    const found = this.registry.getSingleMetric(name);
    return (found as Counter<L>) ?? new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** The histogram `name` of this registry (seconds, prom-client's default buckets 5 ms–10 s), made on first use. */
  histogram<L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> {
    const found = this.registry.getSingleMetric(name);
    return (found as Histogram<L>) ?? new Histogram({ name, help, labelNames, registers: [this.registry] });
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

/** Where the gateway's API document lists health and metrics (a tag it declares); services have no document. */
export const OPERATIONS_TAG = 'operations';

@Public()
@ApiTags(OPERATIONS_TAG)
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get('metrics')
  @ApiProduces('text/plain')
  @ApiOperation({
    summary: 'Prometheus metrics of this process',
    description:
      'The Prometheus text format, for a scraper: Node.js process metrics (event-loop lag among them) and Hearth’s own where this process has them: HTTP requests per route template, NATS requests per subject (asked and answered, with timeouts), databases up and their connection pools, outbox backlogs and events relayed, consumer lag, deliveries and redeliveries, dead letters. Counts and durations only: nothing personal, nothing secret (routes are templates, never addresses with ids).\n\n**Who may call it:** Anyone who can reach the server, without signing in.',
  })
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('cache-control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.metrics();
  }
}
