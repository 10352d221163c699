import type { EntityManager } from '@mikro-orm/postgresql';
import type { Shift } from './shift.entity';

/**
 * What happens when a shift's number of places changes, in the change's transaction with the shift row locked. Sign-ups
 * implement it (more places: their waitlist fills them, ADR 0052; either way an occurrence may become full or have a
 * gap again, ADR 0055) and the module wires it, so shifts need not know them.
 */
export abstract class ShiftCapacityChanged {
  abstract onCapacityChanged(em: EntityManager, shift: Shift, now: Date): Promise<void>;
}
