import { Entity, Property } from '@mikro-orm/decorators/legacy';
import type { HoursSource, HoursStatus } from '@hearth/contracts';
import { TenantOwnedEntity } from '@hearth/persistence';

/**
 * A volunteer's hours on one day in one role (ADR 0054): proposed from a shift they were on, or logged by hand;
 * counted only once a coordinator approves it. `version` grows with every change (the events carry it).
 */
@Entity({ tableName: 'hours_entries' })
export class HoursEntry extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  memberId!: string;

  @Property({ type: 'uuid' })
  roleId!: string;

  @Property({ type: 'text' })
  source!: HoursSource;

  @Property({ type: 'uuid', nullable: true })
  shiftId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  signupId: string | null = null;

  /** `YYYY-MM-DD`: the occurrence's local date, or the day logged. */
  @Property({ type: 'string', columnType: 'date' })
  date!: string;

  /** As proposed (the shift's length) or logged. */
  @Property({ type: 'integer' })
  minutes!: number;

  /** What counts: set when approved (perhaps adjusted), null otherwise. */
  @Property({ type: 'integer', nullable: true })
  approvedMinutes: number | null = null;

  @Property({ type: 'text' })
  status: HoursStatus = 'pending';

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'text', nullable: true })
  declineReason: string | null = null;

  /** The account that logged it (null: proposed from a shift). */
  @Property({ type: 'uuid', nullable: true })
  loggedBy: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  decidedBy: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;

  @Property({ type: 'integer' })
  version = 1;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
