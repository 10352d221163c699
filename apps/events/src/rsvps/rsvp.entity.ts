import { Entity, Property } from '@mikro-orm/decorators/legacy';
import type { RsvpStatus } from '@hearth/contracts';
import { TenantOwnedEntity } from '@hearth/persistence';

/** A member saying they will come. The id is time-ordered, so it is also the waitlist's order. */
@Entity({ tableName: 'rsvps' })
export class Rsvp extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  sessionId!: string;

  /** Null once the member was erased: the place still counts. */
  @Property({ type: 'uuid', nullable: true })
  memberId: string | null = null;

  @Property({ type: 'text' })
  status!: RsvpStatus;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
