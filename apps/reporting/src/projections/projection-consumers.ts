import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EVENT_CONSUMERS } from '@hearth/contracts';
import { DomainEventConsumer, EventConsumerHost, consumerOf } from '@hearth/messaging';
import { ReportingDatabase } from '../reporting-database';
import { DEFAULT_TIME_ZONE, REPORTING_OPTIONS, type ReportingOptions } from '../reporting.options';
import { AggregatesRepository } from './aggregates.repository';
import { MemberKeys } from './member-key.util';
import { projectTenantsEvent } from './tenants-projection';
import { projectMembershipEvent } from './membership-projection';
import { projectEventsEvent } from './events-projection';

/**
 * Reporting's projections: durable, idempotent consumers (one per source service, see EVENT_CONSUMERS) (the inbox row and the effect commit together), each
 * running in the LERO's transaction with its RLS setting, whichever transport delivers.
 */
@Injectable()
export class ProjectionConsumers implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly db: ReportingDatabase,
    private readonly aggregates: AggregatesRepository,
    @Inject(MemberKeys) private readonly keys: MemberKeys,
    @Inject(REPORTING_OPTIONS) private readonly options: ReportingOptions,
  ) {}

  /** Registered before any outbox relay starts (they start at bootstrap). */
  async onModuleInit(): Promise<void> {
    const timeZone = this.options.timeZone ?? DEFAULT_TIME_ZONE;
    await this.host.register(
      new DomainEventConsumer({
        ...consumerOf(EVENT_CONSUMERS.reportingTenants),
        db: this.db,
        handle: (em, event) => projectTenantsEvent(em, event, this.aggregates),
      }),
    );
    await this.host.register(
      new DomainEventConsumer({
        ...consumerOf(EVENT_CONSUMERS.reportingMembership),
        db: this.db,
        handle: (em, event) =>
          projectMembershipEvent(em, event, { aggregates: this.aggregates, keys: this.keys, timeZone }),
      }),
    );
    await this.host.register(
      new DomainEventConsumer({
        ...consumerOf(EVENT_CONSUMERS.reportingEvents),
        db: this.db,
        handle: (em, event) => projectEventsEvent(em, event, this.aggregates),
      }),
    );
  }
}
