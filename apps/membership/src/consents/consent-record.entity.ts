import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwnedEntity } from '@hearth/persistence';
import type { ConsentKind } from '@hearth/contracts';

/** One consent given or withdrawn: what, when, by whom. The history is kept, never overwritten. */
@Entity({ tableName: 'consent_records' })
export class ConsentRecord extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  memberId!: string;

  @Property({ type: 'text' })
  consent!: ConsentKind;

  @Property({ type: 'boolean' })
  given!: boolean;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();

  @Property({ type: 'uuid', nullable: true })
  recordedBy: string | null = null;

  @Property({ type: 'boolean' })
  bySelf = false;
}
