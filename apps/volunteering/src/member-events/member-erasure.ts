import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { VolunteeringEvents } from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { SignupWaitlist } from '../signups/signup-waitlist.service';
import { eraseSignups } from '../signups/signup-erasure';
import { VolunteersRepository } from '../volunteers/volunteers.repository';

/** What an erasure is about: the LERO, the member, and the instant that divides past occurrences from coming ones. */
export interface ErasedMember {
  tenantId: string;
  memberId: string;
  now: Date;
}

/** Removes or unlinks one table's rows of an erased member, in the erasure's transaction. */
type TableEraser = (em: EntityManager, e: ErasedMember) => Promise<void>;

const deleteRowsOf =
  (table: string): TableEraser =>
  async (em, e) => {
    await em.execute(
      `delete from volunteering.${table} where tenant_id = ? and member_id = ?`,
      [e.tenantId, e.memberId],
      'run',
    );
  };

/** The member's interests deleted; each open one's `interest.withdrawn` (no member id in it) in the same transaction. */
const eraseInterests: TableEraser = async (em, e) => {
  const rows = await em.execute<{ id: string; role_id: string; version: number }[]>(
    `delete from volunteering.role_interests where tenant_id = ? and member_id = ? and status = 'open'
      returning id, role_id, version`,
    [e.tenantId, e.memberId],
  );
  for (const r of rows)
    recordEvent(
      em,
      VolunteeringEvents.interestWithdrawn,
      {
        tenantId: e.tenantId,
        interestId: r.id,
        roleId: r.role_id,
        status: 'withdrawn',
        outcome: null,
        version: r.version + 1,
      },
      e.tenantId,
    );
  await deleteRowsOf('role_interests')(em, e);
};

/**
 * Everything volunteering holds of a member goes when membership erases them (ADR 0050, 0053, 0060): one small
 * function per table, run in order in the erasure's transaction under the member's advisory lock; the projection row
 * last, leaving the one-way key that keeps a late event from bringing the id back. No event names the person. A new
 * table that holds member ids adds its eraser here, before any table its rows point at (hours entries before
 * sign-ups: an hours entry references its sign-up), and the privacy test finds any it forgot.
 */
@Injectable()
export class MemberErasure {
  private readonly erasers: TableEraser[];

  constructor(waitlist: SignupWaitlist) {
    this.erasers = [
      // Training and check records, DBS checks among them: deleted (ADR 0053).
      deleteRowsOf('training_records'),
      // Hours entries, before the sign-ups they point at: deleted, with no event — an approved entry's minutes stay
      // counted in reporting, under the key reporting moves them to (ADR 0057, 0060).
      deleteRowsOf('hours_entries'),
      // Passports and credentials issued: the person's own, so unlinked, neither revoked nor deleted (ADR 0056).
      async (em, e) => {
        await em.execute(
          `update volunteering.issued_credentials set member_id = null where tenant_id = ? and member_id = ?`,
          [e.tenantId, e.memberId],
          'run',
        );
      },
      // Interest in roles, note and all: deleted (ADR 0063), with a withdrawn event for each still open (the events
      // name no one), so a consumer counting open interest per role stays right.
      eraseInterests,
      // Sign-ups: coming places freed and given to the waitlist; past places kept unnamed.
      (em, e) => eraseSignups(em, waitlist, e),
      // The projection row, replaced by the one-way key (ADR 0050).
      (em, e) => VolunteersRepository.erase(em, e.tenantId, e.memberId),
    ];
  }

  async erase(em: EntityManager, e: ErasedMember): Promise<void> {
    for (const erase of this.erasers) await erase(em, e);
  }
}
