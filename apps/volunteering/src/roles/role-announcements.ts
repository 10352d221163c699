import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { VolunteeringEvents } from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { TrainingRenamed } from '../training/training-renamed.hook';
import { TrainingRepository } from '../training/training.repository';
import type { TrainingItem } from '../training/training.entity';
import { RolesRepository } from './roles.repository';
import { roleEvent } from './role.view';

/**
 * A public role's event names its requirements (ADR 0058), so a renamed catalogue item announces every public role
 * that needs it again (`evt.volunteering.role.updated`), in the rename's transaction: the directory's listing and
 * anyone else keeping the public facts see the new name. Members-only roles carry no names and are left alone.
 */
@Injectable()
export class RoleAnnouncements extends TrainingRenamed {
  constructor(
    private readonly roles: RolesRepository,
    private readonly training: TrainingRepository,
  ) {
    super();
  }

  async onTrainingRenamed(em: EntityManager, item: TrainingItem): Promise<void> {
    const roles = await this.roles.publicRequiring(em, item.id);
    if (roles.length === 0) return;
    const ids = [...new Set(roles.flatMap((r) => r.requirementIds))];
    const catalogue = new Map((await this.training.findMany(em, ids)).map((t) => [t.id, t]));
    catalogue.set(item.id, item);
    for (const role of roles)
      recordEvent(em, VolunteeringEvents.roleUpdated, roleEvent(role, catalogue), role.tenantId);
  }
}
