import { Controller, Get, Global, Injectable, Module } from '@nestjs/common';
import { Public } from './public.decorator';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MetricsController, MetricsRegistry, OPERATIONS_TAG } from './metrics';

/** A check's answer with what an operator wants to see beside it (a reason, a backlog, a lag). */
export interface ReadinessReport {
  ready: boolean;
  details?: Record<string, unknown>;
}

/** Something readiness depends on: the database, the broker, a consumer loop. */
export interface ReadinessCheck {
  isReady(): Promise<boolean | ReadinessReport>;
}

/** How long one check may take before it counts as down. */
const CHECK_TIMEOUT_MS = 2000;

/** Components register what the process needs to be ready (each service's database, the broker). */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  entries(): [string, ReadinessCheck][] {
    return [...this.checks.entries()];
  }
}

@Public()
@ApiTags(OPERATIONS_TAG)
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: ReadinessRegistry,
  ) {}

  /** The process is up and serving its event loop. */
  @Get('live')
  @HealthCheck()
  @ApiOperation({
    summary: 'Liveness: the process is up',
    description:
      'Answers 200 `{status: "ok"}` while the process serves requests, whatever its dependencies do: for a liveness probe (restart the process when it stops answering).\n\n**Who may call it:** Anyone, without signing in.',
  })
  live() {
    return this.health.check([]);
  }

  /** Every dependency answers: safe to route traffic here. */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: every dependency answers',
    description:
      'Answers 200 when everything this process needs answers within 2 seconds (its databases, the message broker, the services it asks), with each check and its details under `info`: for a readiness probe (send traffic here only while it is 200).\n\n**Who may call it:** Anyone, without signing in.\n\n**Errors:** 503 with the checks that failed under `error` (and why, e.g. a backlog or `no answer within 2000 ms`); through the gateway (the public port), a problem+json whose `detail` names the checks that are down and whose `checks` holds every check with its details.',
  })
  ready() {
    return this.health.check(
      this.registry.entries().map(([name, check]) => async () => {
        const session = this.indicators.check(name);
        const answer = await Promise.race([
          check.isReady().catch((err: unknown): ReadinessReport => ({
            ready: false,
            details: { reason: err instanceof Error ? err.message : String(err) },
          })),
          new Promise<ReadinessReport>((resolve) =>
            setTimeout(
              () => resolve({ ready: false, details: { reason: `no answer within ${CHECK_TIMEOUT_MS} ms` } }),
              CHECK_TIMEOUT_MS,
            ).unref(),
          ),
        ]);
        const report = typeof answer === 'boolean' ? { ready: answer } : answer;
        return report.ready ? session.up(report.details) : session.down(report.details);
      }),
    );
  }
}

/** `/health/live`, `/health/ready` (with each check's details) and `/metrics`, on the app's health port. */
@Global()
@Module({
  imports: [TerminusModule],
  controllers: [HealthController, MetricsController],
  providers: [ReadinessRegistry, MetricsRegistry],
  exports: [ReadinessRegistry, MetricsRegistry],
})
export class HealthModule {}
