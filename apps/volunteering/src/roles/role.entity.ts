import { Entity, Property } from '@mikro-orm/decorators/legacy';
import type { RoleStatus, RoleVisibility } from '@hearth/contracts';
import { TenantOwnedEntity } from '@hearth/persistence';

/** A volunteering opportunity of a LERO: what it is, what it needs of a volunteer, and who may see it. */
@Entity({ tableName: 'roles' })
export class VolunteerRole extends TenantOwnedEntity {
  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'text', nullable: true, fieldName: 'what_youll_do' })
  whatYoullDo: string | null = null;

  @Property({ type: 'text', nullable: true, fieldName: 'where' })
  where: string | null = null;

  @Property({ type: 'json' })
  skills: string[] = [];

  /** Ids of the LERO's own catalogue items a volunteer must hold. */
  @Property({ type: 'json' })
  requirementIds: string[] = [];

  @Property({ type: 'text' })
  visibility!: RoleVisibility;

  @Property({ type: 'text' })
  status!: RoleStatus;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
