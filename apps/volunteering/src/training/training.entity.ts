import { Entity, Property } from '@mikro-orm/decorators/legacy';
import type { TrainingKind } from '@hearth/contracts';
import { TenantOwnedEntity } from '@hearth/persistence';

/** An item of a LERO's catalogue: training a volunteer completes, or a check made of them, valid for a while or for good. */
@Entity({ tableName: 'training' })
export class TrainingItem extends TenantOwnedEntity {
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  kind!: TrainingKind;

  @Property({ type: 'integer', nullable: true })
  validityMonths: number | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
