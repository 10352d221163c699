import type { RoleChangedEvent, RoleRequirementView, RoleView } from '@hearth/contracts';
import type { TrainingItem } from '../training/training.entity';
import type { VolunteerRole } from './role.entity';

/** The role with its requirements named from the catalogue (`catalogue` holds at least the role's). */
export const roleView = (r: VolunteerRole, catalogue: Map<string, TrainingItem>): RoleView => ({
  id: r.id,
  title: r.title,
  description: r.description,
  whatYoullDo: r.whatYoullDo,
  skills: r.skills,
  requirements: r.requirementIds.flatMap((id): RoleRequirementView[] => {
    const item = catalogue.get(id);
    return item ? [{ id, name: item.name, kind: item.kind }] : [];
  }),
  where: r.where,
  visibility: r.visibility,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export const roleEvent = (r: VolunteerRole): RoleChangedEvent => ({
  tenantId: r.tenantId,
  roleId: r.id,
  title: r.title,
  visibility: r.visibility,
  status: r.status,
  requirementIds: r.requirementIds,
});
