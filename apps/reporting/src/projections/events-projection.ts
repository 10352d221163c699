import type { EntityManager } from '@mikro-orm/postgresql';
import { EventsEvents, type DomainEvent } from '@hearth/contracts';
import type { AggregatesRepository } from './aggregates.repository';
import { categoryDimension, isDate, isName, malformed, monthOf, payloadOf } from './projection-events.util';

/**
 * sessionsHeld, attendances (check-ins and walk-ins: everyone through the door), walkIns and
 * uniqueParticipants, on the session's own local date and by its category. Attendance events carry a
 * pseudonymous participantKey, never a member id; RSVP events are not reporting's business and are ignored.
 */
export async function projectEventsEvent(
  em: EntityManager,
  event: DomainEvent,
  aggregates: AggregatesRepository,
): Promise<void> {
  const counted: string[] = [
    EventsEvents.sessionHeld,
    EventsEvents.attendanceRecorded,
    EventsEvents.attendanceRemoved,
    EventsEvents.walkInsRecorded,
  ];
  if (!counted.includes(event.subject)) return;
  const data = payloadOf(event);
  if (!isDate(data.sessionDate) || !isName(data.category))
    throw malformed(event, 'no session date or category');
  const tenantId = event.tenantId!;
  const day = data.sessionDate;
  const dimension = categoryDimension(data.category);
  await aggregates.enterTenant(em, tenantId);
  switch (event.subject) {
    case EventsEvents.sessionHeld:
      await aggregates.add(em, tenantId, day, 'sessionsHeld', dimension, 1);
      break;
    case EventsEvents.attendanceRecorded:
    case EventsEvents.attendanceRemoved: {
      const key = data.participantKey;
      if (typeof key !== 'string' || key.length < 8 || key.length > 200)
        throw malformed(event, 'no participant key');
      const delta = event.subject === EventsEvents.attendanceRecorded ? 1 : -1;
      await aggregates.add(em, tenantId, day, 'attendances', dimension, delta);
      await aggregates.countKey(em, tenantId, monthOf(day), 'uniqueParticipants', dimension, key, delta);
      break;
    }
    case EventsEvents.walkInsRecorded: {
      const change = data.change;
      if (typeof change !== 'number' || !Number.isInteger(change)) throw malformed(event, 'no change');
      await aggregates.add(em, tenantId, day, 'attendances', dimension, change);
      await aggregates.add(em, tenantId, day, 'walkIns', dimension, change);
      break;
    }
  }
}
