import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { REPORTING_OPTIONS, type ReportingOptions } from '../reporting.options';
import { PeriodicTask } from '@hearth/platform';
import { AggregatesRepository } from './aggregates.repository';

/**
 * Forgets, once ERASURE_LINK_DAYS have passed, which random key an erased member's rows moved to (at start and
 * with the release sweep's interval): from then on nothing in reporting links those rows to anyone, even for
 * someone who holds the member-key secret and the member id.
 */
@Injectable()
export class ErasureLinksService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly periodic = new PeriodicTask(
    new Logger(ErasureLinksService.name),
    'Forgetting erasure links',
    () => this.forgetExpired(),
  );

  constructor(
    private readonly aggregates: AggregatesRepository,
    @Inject(REPORTING_OPTIONS) private readonly options: ReportingOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic.start(this.options.releaseSweepIntervalMs ?? 3_600_000);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
  }

  /** Every LERO's links whose time has come; returns how many erasures were unlinked. */
  async forgetExpired(now = this.options.now?.() ?? new Date()): Promise<number> {
    let forgotten = 0;
    for (const tenantId of await this.aggregates.leroIds())
      forgotten += await this.aggregates.forgetErasureLinks(tenantId, now);
    return forgotten;
  }
}
