import { Inject, Injectable } from '@nestjs/common';
import {
  EventsEvents,
  forbidden,
  notFound,
  type RequestContext,
  type RsvpChangedEvent,
  type RsvpListView,
  type RsvpView,
  type SessionIdRequest,
  type SessionMemberRequest,
} from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { EventsDatabase } from '../events-database';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import { allows, authorise, ownMemberIds } from '../events-access';
import { MemberLookup } from '../members/member-lookup.service';
import { ensureNotErased } from '../members/member-status.repository';
import { SessionsRepository } from '../sessions/sessions.repository';
import type { Session } from '../programme/session.entity';
import { Rsvp } from './rsvp.entity';
import { sessionCancelled } from '../sessions/sessions.exception';
import { WaitlistService } from './waitlist.service';
import { RsvpsRepository } from './rsvps.repository';
import { rsvpForSelfOnly, sessionStarted } from './rsvps.exception';

@Injectable()
export class RsvpsService {
  constructor(
    private readonly db: EventsDatabase,
    private readonly sessions: SessionsRepository,
    private readonly waitlist: WaitlistService,
    private readonly rsvps: RsvpsRepository,
    private readonly members: MemberLookup,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
  ) {}

  private now = () => this.options.now?.() ?? new Date();

  /**
   * Going while there is room, else waitlisted. The session row is locked for the transaction, so
   * simultaneous RSVPs are counted one after another and capacity is never overbooked.
   */
  async create(ctx: RequestContext, dto: SessionMemberRequest): Promise<RsvpView> {
    const a = authorise(ctx.actor, dto.tenantId, 'read', 'Session', 'Session');
    if (!allows(a, 'create', 'Rsvp', { memberId: dto.memberId })) throw rsvpForSelfOnly();
    await this.members.ensureActive(ctx, a.tenantId, dto.memberId);
    return this.db.forTenant(a.tenantId).em.transactional(async (em) => {
      // Membership said active, but its erasure may have reached this service since (as for a check-in).
      await ensureNotErased(em, a.tenantId, dto.memberId);
      const locked = await this.sessions.lock(em, dto.sessionId);
      if (!locked) throw notFound('Session');
      const { session } = locked;
      this.ensureOpen(session);
      const existing = await this.rsvps.find(em, session.id, dto.memberId);
      if (existing) return { sessionId: session.id, memberId: dto.memberId, status: existing.status };
      const going = await this.rsvps.countGoing(em, session.id);
      const status = session.capacity === null || going < session.capacity ? 'going' : 'waitlisted';
      em.persist(
        em.create(Rsvp, {
          tenantId: a.tenantId,
          sessionId: session.id,
          memberId: dto.memberId,
          status,
          createdAt: this.now(),
        }),
      );
      this.record(em, EventsEvents.rsvpCreated, session, dto.memberId, status);
      return { sessionId: session.id, memberId: dto.memberId, status };
    });
  }

  /** Withdraws an RSVP; a freed place goes to the first on the waitlist. */
  async delete(ctx: RequestContext, dto: SessionMemberRequest): Promise<{ deleted: true }> {
    const a = authorise(ctx.actor, dto.tenantId, 'read', 'Session', 'Session');
    if (!allows(a, 'delete', 'Rsvp', { memberId: dto.memberId })) throw rsvpForSelfOnly();
    return this.db.forTenant(a.tenantId).em.transactional(async (em) => {
      const locked = await this.sessions.lock(em, dto.sessionId);
      if (!locked) throw notFound('Session');
      const { session } = locked;
      const rsvp = await this.rsvps.find(em, session.id, dto.memberId);
      if (!rsvp) throw notFound('RSVP');
      em.remove(rsvp);
      await em.flush();
      this.record(em, EventsEvents.rsvpCancelled, session, dto.memberId, 'cancelled');
      if (rsvp.status === 'going' && session.status === 'scheduled' && session.startsAt > this.now())
        await this.waitlist.promote(em, session);
      return { deleted: true as const };
    });
  }

  /** Staff and volunteers see everyone's RSVPs; a member sees only their own. */
  async list(ctx: RequestContext, dto: SessionIdRequest): Promise<RsvpListView> {
    const a = authorise(ctx.actor, dto.tenantId, 'read', 'Session', 'Session');
    const everyone = allows(a, 'read', 'Rsvp');
    const own = ownMemberIds(a);
    if (!everyone && own.length === 0) throw forbidden();
    const { em } = this.db.forTenant(a.tenantId);
    const session = await this.sessions.get(a.tenantId, dto.sessionId);
    if (!session) throw notFound('Session');
    const rows = await this.rsvps.listed(em, dto.sessionId, everyone ? 'everyone' : own);
    const names = await this.members.names(
      ctx,
      a.tenantId,
      rows.map((r) => r.memberId as string),
    );
    return {
      items: rows.map((r) => ({
        memberId: r.memberId as string,
        displayName: names.get(r.memberId as string) ?? null,
        status: r.status,
      })),
    };
  }

  private ensureOpen(session: Session): void {
    if (session.status === 'cancelled') throw sessionCancelled();
    if (session.startsAt <= this.now()) throw sessionStarted();
  }

  private record(
    em: Parameters<typeof recordEvent>[0],
    subject: typeof EventsEvents.rsvpCreated | typeof EventsEvents.rsvpCancelled,
    session: Session,
    memberId: string,
    status: RsvpChangedEvent['status'],
  ): void {
    const event: RsvpChangedEvent = { tenantId: session.tenantId, sessionId: session.id, memberId, status };
    recordEvent(em, subject, event, session.tenantId);
  }
}
