import { Entity, Property } from '@mikro-orm/decorators/legacy';
import type { ShiftStatus } from '@hearth/contracts';
import { TenantOwnedEntity } from '@hearth/persistence';

/**
 * A shift of a volunteering role: a one-off or a recurring schedule (its RRULE kept, expanded on read; ADR 0051),
 * where, and how many people it needs.
 */
@Entity({ tableName: 'shifts' })
export class Shift extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  roleId!: string;

  /** Wall-clock start of the first occurrence in `timezone`, `YYYY-MM-DDTHH:mm:ss`. */
  @Property({ type: 'text', fieldName: 'starts_at_local' })
  startsAtLocal!: string;

  @Property({ type: 'integer' })
  durationMinutes!: number;

  @Property({ type: 'text' })
  timezone!: string;

  @Property({ type: 'text', nullable: true })
  rrule: string | null = null;

  @Property({ type: 'text', nullable: true })
  place: string | null = null;

  @Property({ type: 'integer' })
  capacity!: number;

  @Property({ type: 'uuid', nullable: true })
  sessionId: string | null = null;

  @Property({ type: 'text' })
  status: ShiftStatus = 'scheduled';

  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null = null;

  /** When the first occurrence starts, and the last (null: the rule has no end). For reading a week's rota. */
  @Property({ type: 'timestamptz' })
  firstStartsAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  lastStartsAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
