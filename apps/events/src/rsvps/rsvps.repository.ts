import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Rsvp } from './rsvp.entity';

/** Queries of RSVPs, in the caller's tenant-bound context (with the session locked where places are counted). */
@Injectable()
export class RsvpsRepository {
  find(em: EntityManager, sessionId: string, memberId: string): Promise<Rsvp | null> {
    return em.findOne(Rsvp, { sessionId, memberId });
  }

  countGoing(em: EntityManager, sessionId: string): Promise<number> {
    return em.count(Rsvp, { sessionId, status: 'going' });
  }

  /** The first `limit` waitlisted RSVPs (all without a limit), first come first. */
  firstWaitlisted(em: EntityManager, sessionId: string, limit?: number): Promise<Rsvp[]> {
    return em.find(
      Rsvp,
      { sessionId, status: 'waitlisted' },
      { orderBy: { id: 'asc' }, ...(limit !== undefined ? { limit } : {}) },
    );
  }

  /** A session's RSVPs of named members: everyone's, or only those of `memberIds`. */
  listed(em: EntityManager, sessionId: string, memberIds: string[] | 'everyone'): Promise<Rsvp[]> {
    return em.find(
      Rsvp,
      { sessionId, memberId: memberIds === 'everyone' ? { $ne: null } : { $in: memberIds } },
      { orderBy: { id: 'asc' } },
    );
  }
}
