import { EventsEvents, type TypedDomainEvent, type WebhookEventType } from '@hearth/contracts';

/** A Standard Webhooks message body: the type, when it happened, and its data. */
export interface WebhookMessage {
  type: WebhookEventType;
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * The public message a domain event becomes, or null when it is no webhook's business (ADR 0079). Only ids, times,
 * categories and statuses: never a member's id, a person's name, or free text someone typed about a person (a
 * cancelled session's reason may say who is ill, so it is left out).
 */
export function webhookMessageOf(event: TypedDomainEvent): WebhookMessage | null {
  switch (event.subject) {
    case EventsEvents.sessionCancelled: {
      // A members-only activity's sessions are nobody else's news (their category, day and hour could say who
      // meets where); an event from before it carried the visibility is taken as members-only.
      const d = event.data;
      if (d.visibility !== 'public') return null;
      return {
        type: 'session.cancelled',
        timestamp: event.occurredAt,
        data: {
          tenantId: d.tenantId,
          sessionId: d.sessionId,
          activityId: d.activityId,
          category: d.category,
          sessionDate: d.sessionDate,
          startsAt: d.startsAt,
        },
      };
    }
    case EventsEvents.activityCreated:
    case EventsEvents.activityUpdated:
    case EventsEvents.activityResumed: {
      // Only what the LERO shows the public: a members-only or paused activity is nobody else's news.
      const d = event.data;
      if (d.visibility !== 'public' || (d.status && d.status !== 'active')) return null;
      return {
        type: 'activity.published',
        timestamp: event.occurredAt,
        data: { tenantId: d.tenantId, activityId: d.activityId, title: d.title, category: d.category },
      };
    }
    default:
      return null;
  }
}
