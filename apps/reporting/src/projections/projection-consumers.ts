import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEventConsumer, EventConsumerHost } from '@hearth/messaging';
import { ReportingDatabase } from '../reporting-database';
import { DEFAULT_TIME_ZONE, REPORTING_OPTIONS, type ReportingOptions } from '../reporting.options';
import { AggregatesRepository } from './aggregates.repository';
import { MemberKeys } from './member-key.util';
import { projectTenantsEvent } from './tenants-projection';
import { projectMembershipEvent } from './membership-projection';
import { projectEventsEvent } from './events-projection';

/** The durable consumer names: one per source service, each filtered on one subject (NATS 2.9 has no lists). */
export const PROJECTION_CONSUMERS = {
  tenants: 'reporting-tenants',
  membership: 'reporting-membership',
  events: 'reporting-events',
} as const;

/**
 * Reporting's projections: durable, idempotent consumers (the inbox row and the effect commit together), each
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
        name: PROJECTION_CONSUMERS.tenants,
        subjects: ['evt.tenants.>'],
        db: this.db,
        handle: (em, event) => projectTenantsEvent(em, event, this.aggregates),
      }),
    );
    await this.host.register(
      new DomainEventConsumer({
        name: PROJECTION_CONSUMERS.membership,
        subjects: ['evt.membership.>'],
        db: this.db,
        handle: (em, event) =>
          projectMembershipEvent(em, event, { aggregates: this.aggregates, keys: this.keys, timeZone }),
      }),
    );
    await this.host.register(
      new DomainEventConsumer({
        name: PROJECTION_CONSUMERS.events,
        subjects: ['evt.events.>'],
        db: this.db,
        handle: (em, event) => projectEventsEvent(em, event, this.aggregates),
      }),
    );
  }
}
