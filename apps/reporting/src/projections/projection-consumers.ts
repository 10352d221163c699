import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EVENT_CONSUMERS } from '@hearth/contracts';
import { DomainEventConsumer, EventConsumerHost, consumerOf } from '@hearth/messaging';
import { ReportingDatabase } from '../reporting-database';
import {
  DEFAULT_TIME_ZONE,
  ERASURE_LINK_DAYS,
  REPORTING_OPTIONS,
  type ReportingOptions,
} from '../reporting.options';
import { AggregatesRepository } from './aggregates.repository';
import { MemberKeys } from './member-key.util';
import { projectTenantsEvent } from './tenants-projection';
import { projectMembershipEvent } from './membership-projection';
import { projectEventsEvent } from './events-projection';
import { projectSignpostsEvent } from './signposts-projection';
import { projectVolunteeringEvent } from './volunteering-projection';
import { projectAdvocacyEvent } from './advocacy-projection';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Reporting's consumers (one per source service, and one each for the directory's signposts, volunteering's
 * approved hours and advocacy's meetings and asks: see EVENT_CONSUMERS): durable and idempotent (the inbox row and the effect commit together),
 * each event in its LERO's transaction with its RLS setting.
 */
export function reportingConsumers(deps: {
  db: ReportingDatabase;
  aggregates: AggregatesRepository;
  keys: MemberKeys;
  options: Pick<ReportingOptions, 'timeZone' | 'now'>;
}): DomainEventConsumer[] {
  const { db, aggregates, keys, options } = deps;
  const erasure = { erasureLinkMs: ERASURE_LINK_DAYS * DAY_MS, now: () => options.now?.() ?? new Date() };
  const membership = { aggregates, keys, timeZone: options.timeZone ?? DEFAULT_TIME_ZONE, ...erasure };
  return [
    new DomainEventConsumer({
      ...consumerOf(EVENT_CONSUMERS.reportingTenants),
      db,
      handle: (em, event) => projectTenantsEvent(em, event, aggregates),
    }),
    new DomainEventConsumer({
      ...consumerOf(EVENT_CONSUMERS.reportingMembership),
      db,
      handle: (em, event) => projectMembershipEvent(em, event, membership),
    }),
    new DomainEventConsumer({
      ...consumerOf(EVENT_CONSUMERS.reportingEvents),
      db,
      handle: (em, event) => projectEventsEvent(em, event, { aggregates, keys, ...erasure }),
    }),
    new DomainEventConsumer({
      ...consumerOf(EVENT_CONSUMERS.reportingSignposts),
      db,
      handle: (em, event) => projectSignpostsEvent(em, event, aggregates),
    }),
    new DomainEventConsumer({
      ...consumerOf(EVENT_CONSUMERS.reportingVolunteering),
      db,
      handle: (em, event) => projectVolunteeringEvent(em, event, { aggregates, keys }),
    }),
    new DomainEventConsumer({
      ...consumerOf(EVENT_CONSUMERS.reportingAdvocacy),
      db,
      handle: (em, event) => projectAdvocacyEvent(em, event, aggregates),
    }),
  ];
}

/** Registers the consumers before any outbox relay starts (they start at bootstrap), whatever the transport. */
@Injectable()
export class ProjectionConsumers implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly db: ReportingDatabase,
    private readonly aggregates: AggregatesRepository,
    @Inject(MemberKeys) private readonly keys: MemberKeys,
    @Inject(REPORTING_OPTIONS) private readonly options: ReportingOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    const { db, aggregates, keys, options } = this;
    for (const consumer of reportingConsumers({ db, aggregates, keys, options }))
      await this.host.register(consumer);
  }
}
