import type { EntityManager } from '@mikro-orm/postgresql';
import { EventsEvents, type TypedDomainEvent } from '@hearth/contracts';
import type { AggregatesRepository } from './aggregates.repository';
import type { MemberKeys } from './member-key.util';
import { categoryDimension, monthOf } from './projection-events.util';

export interface EventsProjectionDeps {
  aggregates: AggregatesRepository;
  /** Reporting's secret: erased participants' tombstones hold a keyed hash of their key, not the key. */
  keys: MemberKeys;
  /** How long after an erasure its late facts still join the erased rows (ADR 0018). */
  erasureLinkMs: number;
  now: () => Date;
}

/**
 * sessionsHeld, attendances (check-ins and walk-ins: everyone through the door), walkIns and
 * uniqueParticipants, on the session's own local date and by its category. Attendance events carry a
 * pseudonymous participantKey, never a member id; RSVP events are not reporting's business and are ignored.
 * A participant's erasure moves their months to a random key (ADR 0019), like a member's: unique participants
 * stay the same, late check-ins join the random key while the link lasts and count as nobody after.
 */
export async function projectEventsEvent(
  em: EntityManager,
  event: TypedDomainEvent,
  deps: EventsProjectionDeps,
): Promise<void> {
  const { aggregates } = deps;
  if (event.subject === EventsEvents.participantErased) {
    const { participantKey: key, tenantId } = event.data;
    await aggregates.enterTenant(em, tenantId);
    const tombstone = deps.keys.erasedParticipantKey(tenantId, key);
    await aggregates.lockKey(em, tenantId, 'participant', key);
    if (await aggregates.erasedKey(em, tenantId, 'participant', tombstone)) return;
    const linkedUntil = new Date(deps.now().getTime() + deps.erasureLinkMs);
    await aggregates.eraseKey(em, tenantId, 'participant', key, linkedUntil, tombstone);
    return;
  }
  if (
    event.subject !== EventsEvents.sessionHeld &&
    event.subject !== EventsEvents.attendanceRecorded &&
    event.subject !== EventsEvents.attendanceRemoved &&
    event.subject !== EventsEvents.walkInsRecorded
  )
    return;
  const { tenantId, sessionDate: day } = event.data;
  const dimension = categoryDimension(event.data.category);
  await aggregates.enterTenant(em, tenantId);
  switch (event.subject) {
    case EventsEvents.sessionHeld:
      await aggregates.add(em, tenantId, day, 'sessionsHeld', dimension, 1);
      break;
    case EventsEvents.attendanceRecorded:
    case EventsEvents.attendanceRemoved: {
      const key = event.data.participantKey;
      const delta = event.subject === EventsEvents.attendanceRecorded ? 1 : -1;
      // The participant's turn before any counter's row lock, as every other path takes them: the other way
      // round, two replicas working through batches could each hold what the other waits for.
      await aggregates.lockKey(em, tenantId, 'participant', key);
      await aggregates.add(em, tenantId, day, 'attendances', dimension, delta);
      const erased = await aggregates.erasedKey(
        em,
        tenantId,
        'participant',
        deps.keys.erasedParticipantKey(tenantId, key),
      );
      // Erased, and the link to their months forgotten: still through the door, but nobody in distinct counts.
      if (erased && erased.replacedBy === null) break;
      await aggregates.countKey(
        em,
        tenantId,
        monthOf(day),
        'uniqueParticipants',
        dimension,
        erased?.replacedBy ?? key,
        delta,
      );
      break;
    }
    case EventsEvents.walkInsRecorded: {
      const { change } = event.data;
      await aggregates.add(em, tenantId, day, 'attendances', dimension, change);
      await aggregates.add(em, tenantId, day, 'walkIns', dimension, change);
      break;
    }
  }
}
