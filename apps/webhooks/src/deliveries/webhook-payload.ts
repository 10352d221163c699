import {
  DirectoryEvents,
  EventsEvents,
  ReportingEvents,
  type TypedDomainEvent,
  type WebhookEventType,
} from '@hearth/contracts';

/** A Standard Webhooks message body: the type, when it happened, and its data. */
export interface WebhookMessage {
  type: WebhookEventType;
  timestamp: string;
  data: Record<string, unknown>;
}

/** Whose subscriptions a message goes to: a LERO's and its region's, or a region's alone (ADR 0082). */
export type MessageOwner = { tenantId: string } | { regionId: string };

/** The change a `directory.listing.changed` message reports, by the directory's event. */
const LISTING_CHANGES = {
  [DirectoryEvents.listingCreated]: 'created',
  [DirectoryEvents.listingUpdated]: 'updated',
  [DirectoryEvents.listingRetired]: 'retired',
} as const;

/** A region's events (the directory's listings, reporting's releases) go to its own subscriptions only. */
export function ownerOf(event: TypedDomainEvent): MessageOwner | null {
  switch (event.subject) {
    case DirectoryEvents.listingCreated:
    case DirectoryEvents.listingUpdated:
    case DirectoryEvents.listingRetired:
    case ReportingEvents.periodReleased:
      return { regionId: event.data.regionId };
    default:
      return event.tenantId ? { tenantId: event.tenantId } : null;
  }
}

/** Only the named fields of a payload: whatever else an event carries (a reason, a figure) never travels. */
const pick = <T extends object, K extends keyof T>(d: T, keys: readonly K[]): Pick<T, K> =>
  Object.fromEntries(keys.map((k) => [k, d[k]])) as Pick<T, K>;

const messageOf = (type: WebhookEventType, event: TypedDomainEvent, data: object): WebhookMessage => ({
  type,
  timestamp: event.occurredAt,
  data: data as Record<string, unknown>,
});

/**
 * The public message a domain event becomes, or null when it is no webhook's business (ADRs 0079, 0082). Only ids,
 * times, categories and statuses: never a member's id, a person's name, free text someone typed about a person (a
 * cancelled session's reason may say who is ill, so it is left out), or a report's figure.
 */
export function webhookMessageOf(event: TypedDomainEvent): WebhookMessage | null {
  switch (event.subject) {
    case EventsEvents.sessionCancelled: {
      // A members-only activity's sessions are nobody else's news (their category, day and hour could say who
      // meets where); an event from before it carried the visibility is taken as members-only.
      const d = event.data;
      if (d.visibility !== 'public') return null;
      const fields = ['tenantId', 'sessionId', 'activityId', 'category', 'sessionDate', 'startsAt'] as const;
      return messageOf('session.cancelled', event, pick(d, fields));
    }
    case EventsEvents.sessionScheduled: {
      // The same rule as a cancellation: a members-only activity's sessions are nobody else's news.
      const d = event.data;
      if (d.visibility !== 'public' || d.sessions.length === 0) return null;
      return messageOf('session.scheduled', event, {
        ...pick(d, ['tenantId', 'activityId', 'category']),
        sessions: d.sessions.map((s) => pick(s, ['sessionId', 'sessionDate', 'startsAt'])),
      });
    }
    case DirectoryEvents.listingCreated:
    case DirectoryEvents.listingUpdated:
    case DirectoryEvents.listingRetired: {
      // Ids and a status: the listing itself is in the region's open feed (ORUK) for whoever wants it.
      const d = event.data;
      return messageOf('directory.listing.changed', event, {
        ...pick(d, ['regionId', 'serviceId', 'organizationId']),
        change: LISTING_CHANGES[event.subject],
        status: d.status,
      });
    }
    case ReportingEvents.periodReleased: {
      // Which period, never a figure: the figures are for those who may read the region's report.
      const fields = ['regionId', 'period', 'label', 'from', 'until', 'releasedAt'] as const;
      return messageOf('report.released', event, pick(event.data, fields));
    }
    case EventsEvents.activityCreated:
    case EventsEvents.activityUpdated:
    case EventsEvents.activityResumed: {
      // Only what the LERO shows the public: a members-only or paused activity is nobody else's news.
      const d = event.data;
      if (d.visibility !== 'public' || (d.status && d.status !== 'active')) return null;
      return messageOf('activity.published', event, pick(d, ['tenantId', 'activityId', 'title', 'category']));
    }
    default:
      return null;
  }
}
