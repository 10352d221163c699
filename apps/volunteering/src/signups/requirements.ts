import type { EntityManager } from '@mikro-orm/postgresql';
import { executeStatement } from '@hearth/persistence';
import type { TrainingItem } from '../training/training.entity';
import { missingRequirementsStatement } from '../training-records/training-records.repository';
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
 * The one place sign-ups decide this (ADR 0052), from the member's training and check records (ADR 0053): a record
 * completed by the date and not expired on it, read in the sign-up's own transaction (`em`, the LERO's RLS).
 */
export async function missingRequirements(
  em: EntityManager,
  check: RequirementCheck,
): Promise<MissingRequirement[]> {
  if (check.requirements.length === 0) return [];
  const statement = missingRequirementsStatement(
    check.memberId,
    check.requirements.map((r) => r.id),
    check.onDate,
  );
  const rows = await executeStatement<{ trainingId: string }[]>(em, statement);
  const missing = new Set(rows.map((r) => r.trainingId));
  return check.requirements
    .filter((r) => missing.has(r.id))
    .map((r) => ({ id: r.id, name: r.name, kind: r.kind }));
}
