import { Entity, Property } from '@mikro-orm/decorators/legacy';
import type { InterestOutcome, InterestStatus } from '@hearth/contracts';
import { TenantOwnedEntity } from '@hearth/persistence';

/**
 * Someone's "I'm interested" in a volunteering role (ADR 0063), open until a coordinator follows it up. It grants
 * nothing: whether they volunteer is membership's community roles.
 */
@Entity({ tableName: 'role_interests' })
export class RoleInterest extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  memberId!: string;

  @Property({ type: 'uuid' })
  roleId!: string;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: 'text' })
  status: InterestStatus = 'open';

  @Property({ type: 'text', nullable: true })
  outcome: InterestOutcome | null = null;

  /** The account that followed it up. */
  @Property({ type: 'uuid', nullable: true })
  closedBy: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  @Property({ type: 'integer' })
  version = 1;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
