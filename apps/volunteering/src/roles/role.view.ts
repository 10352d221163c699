import type { PublicRoleView, RoleChangedEvent, RoleRequirementView, RoleView } from '@hearth/contracts';
import type { TrainingItem } from '../training/training.entity';
import type { VolunteerRole } from './role.entity';

/** The role with its requirements named from the catalogue (`catalogue` holds at least the role's). */
const requirementsOf = (r: VolunteerRole, catalogue: Map<string, TrainingItem>) =>
  r.requirementIds.flatMap((id): RoleRequirementView[] => {
    const item = catalogue.get(id);
    return item ? [{ id, name: item.name, kind: item.kind }] : [];
  });

export const roleView = (r: VolunteerRole, catalogue: Map<string, TrainingItem>): RoleView => ({
  id: r.id,
  title: r.title,
  description: r.description,
  whatYoullDo: r.whatYoullDo,
  skills: r.skills,
  requirements: requirementsOf(r, catalogue),
  where: r.where,
  visibility: r.visibility,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** What anyone may read of a public role (ADR 0058): no ids of the catalogue, no one who volunteers. */
export const publicRoleView = (r: VolunteerRole, catalogue: Map<string, TrainingItem>): PublicRoleView => ({
  id: r.id,
  title: r.title,
  description: r.description,
  whatYoullDo: r.whatYoullDo,
  skills: r.skills,
  where: r.where,
  requirements: requirementsOf(r, catalogue).map(({ name, kind }) => ({ name, kind })),
});

/** The role's event; a public role's carries what the public may read of it (`listing`), a members-only one's not. */
export const roleEvent = (r: VolunteerRole, catalogue: Map<string, TrainingItem>): RoleChangedEvent => ({
  tenantId: r.tenantId,
  roleId: r.id,
  title: r.title,
  visibility: r.visibility,
  status: r.status,
  requirementIds: r.requirementIds,
  listing:
    r.visibility === 'public'
      ? {
          description: r.description,
          whatYoullDo: r.whatYoullDo,
          skills: r.skills,
          where: r.where,
          requirements: requirementsOf(r, catalogue).map((q) => q.name),
        }
      : null,
});
