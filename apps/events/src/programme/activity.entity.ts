import { Entity, Property } from '@mikro-orm/decorators/legacy';
import type { ActivityCategory, ActivityStatus, ActivityVisibility, LocationView } from '@hearth/contracts';
import { TenantOwnedEntity } from '@hearth/persistence';

/** Something a LERO runs, once or on a schedule. Its sessions are rows of their own. */
@Entity({ tableName: 'activities' })
export class Activity extends TenantOwnedEntity {
  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  category!: ActivityCategory;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'json', nullable: true })
  location: LocationView | null = null;

  @Property({ type: 'text' })
  visibility!: ActivityVisibility;

  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  /** Wall-clock start in `timezone`, `YYYY-MM-DDTHH:mm:ss`. */
  @Property({ type: 'text' })
  startsAtLocal!: string;

  @Property({ type: 'integer' })
  durationMinutes!: number;

  @Property({ type: 'text' })
  timezone!: string;

  @Property({ type: 'text', nullable: true })
  rrule: string | null = null;

  /** Paused or ended activities have no sessions still to come, and none are laid out for them (ADR 0032). */
  @Property({ type: 'text' })
  status: ActivityStatus = 'active';

  @Property({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null = null;

  /** In the region's directory while its LERO publishes there and it is public (ADR 0042). */
  @Property({ type: 'boolean' })
  publishToDirectory: boolean = true;

  /** Public listings show the area only, never the address (ADR 0042). */
  @Property({ type: 'boolean' })
  locationOnRequest: boolean = false;

  /** Every session starting before this exists as a row; null when all of them do (a finite schedule). */
  @Property({ type: 'timestamptz', nullable: true })
  materializedUntil: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null = null;
}
