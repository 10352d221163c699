import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EventsEvents, type RsvpChangedEvent } from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import type { Session } from '../programme/session.entity';
import { RsvpsRepository } from './rsvps.repository';

/** First come, first served: free places go to the earliest waitlisted RSVPs. */
@Injectable()
export class WaitlistService {
  constructor(private readonly rsvps: RsvpsRepository) {}

  /** Call with the session row locked (SessionsRepository.lock, or a locking find). */
  async promote(em: EntityManager, session: Session): Promise<number> {
    const going = await this.rsvps.countGoing(em, session.id);
    const free = session.capacity === null ? undefined : session.capacity - going;
    if (free !== undefined && free <= 0) return 0;
    const next = await this.rsvps.firstWaitlisted(em, session.id, free);
    for (const rsvp of next) {
      rsvp.status = 'going';
      // An erased member's place is promoted too (it still counts), but there is nobody left to tell.
      if (rsvp.memberId) {
        const event: RsvpChangedEvent = {
          tenantId: session.tenantId,
          sessionId: session.id,
          memberId: rsvp.memberId,
          status: 'going',
        };
        recordEvent(em, EventsEvents.rsvpPromoted, event, session.tenantId);
      }
    }
    return next.length;
  }
}
