import type { EntityManager } from '@mikro-orm/postgresql';
import type { Shift } from './shift.entity';

/**
 * What happens when a shift gets more places, in the change's transaction with the shift row locked. Sign-ups
 * implement it (their waitlist fills the new places; ADR 0052) and the module wires it, so shifts need not know them.
 */
export abstract class ShiftCapacityRaised {
  abstract onCapacityRaised(em: EntityManager, shift: Shift, now: Date): Promise<void>;
}
