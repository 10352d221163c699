import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwnedEntity } from '@hearth/persistence';

/** A member checked in at a session. Walk-ins are a count on the session, never rows with names. */
@Entity({ tableName: 'attendance' })
export class AttendanceRecord extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  sessionId!: string;

  /** Null once the member was erased: the attendance still counts. */
  @Property({ type: 'uuid', nullable: true })
  memberId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  recordedBy: string | null = null;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}
