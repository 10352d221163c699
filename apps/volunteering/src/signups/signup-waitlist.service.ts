import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { VolunteeringEvents } from '@hearth/contracts';
import type { Shift } from '../shifts/shift.entity';
import { ShiftCapacityChanged } from '../shifts/shift-capacity.hook';
import { SignupsRepository } from './signups.repository';
import { recordSignupEvent, type OccurrenceRef } from './signup-events';
import { syncOccurrenceFill } from './occurrence-fill';

/** First come, first served: free places on an occurrence go to its earliest waitlisted sign-ups (ADR 0052). */
@Injectable()
export class SignupWaitlist extends ShiftCapacityChanged {
  constructor(private readonly signups: SignupsRepository) {
    super();
  }

  /** Call with the occurrence's row locked (`SignupsRepository.lockOccurrence` or a locking read). */
  async promote(
    em: EntityManager,
    shift: Shift,
    occurrence: OccurrenceRef & { id: string },
  ): Promise<number> {
    const free = shift.capacity - (await this.signups.countConfirmed(em, occurrence.id));
    const promoted = await this.signups.promote(em, occurrence.id, free);
    for (const memberId of promoted)
      recordSignupEvent(em, VolunteeringEvents.signupPromoted, shift, occurrence, memberId, 'confirmed');
    return promoted.length;
  }

  /**
   * After a shift's capacity changed: each occurrence still to come, locked in turn, fills from its waitlist (when
   * there are more places) and says whether it is now full or has a gap (ADR 0055). Fewer places bump nobody.
   */
  async onCapacityChanged(em: EntityManager, shift: Shift, now: Date): Promise<void> {
    for (const o of await this.signups.lockComingOccurrences(em, shift.id, now)) {
      const occurrence = { id: o.id, startsAt: new Date(o.starts_at), date: o.local_date };
      await this.promote(em, shift, occurrence);
      await syncOccurrenceFill(em, shift, occurrence);
    }
  }
}
