import type { EntityManager } from '@mikro-orm/postgresql';
import type { TrainingItem } from '../training/training.entity';
import type { MissingRequirement } from './signups.exception';

/** What a sign-up asks of the volunteer's record: the role's requirements, held on the occurrence's date. */
export interface RequirementCheck {
  memberId: string;
  /** The role's requirements, as catalogue items of the LERO (already looked up in its transaction). */
  requirements: TrainingItem[];
  /** The occurrence's local date (`YYYY-MM-DD`): training must still be valid then. */
  onDate: string;
}

/**
 * The role's requirements the volunteer does not hold (valid on the date), in the role's order; none: may sign up.
 *
 * The one place sign-ups decide this (ADR 0052). No training records exist yet, so no volunteer holds anything and
 * every requirement is missing — the truth, not a placeholder. The training-records step replaces the body with a
 * read of the member's records (completed, not expired on `onDate`) inside the same transaction (`em`).
 */
export function missingRequirements(
  _em: EntityManager,
  check: RequirementCheck,
): Promise<MissingRequirement[]> {
  return Promise.resolve(check.requirements.map((r) => ({ id: r.id, name: r.name, kind: r.kind })));
}
