import { Entity, Property } from '@mikro-orm/decorators/legacy';
import type { SessionStatus } from '@hearth/contracts';
import { TenantOwnedEntity } from '@hearth/persistence';

/** One occurrence of an activity, with a stable id that RSVPs and the register hang on. */
@Entity({ tableName: 'sessions' })
export class Session extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  activityId!: string;

  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Property({ type: 'timestamptz' })
  endsAt!: Date;

  @Property({ type: 'text' })
  timezone!: string;

  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  @Property({ type: 'text' })
  status: SessionStatus = 'scheduled';

  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null = null;

  @Property({ type: 'integer' })
  walkIns: number = 0;

  /** When `session.held` was announced; it is announced once. */
  @Property({ type: 'timestamptz', nullable: true })
  heldAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
