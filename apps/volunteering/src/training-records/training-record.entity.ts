import { Entity, Property } from '@mikro-orm/decorators/legacy';
import type { TrainingVerifiedHow } from '@hearth/contracts';
import { TenantOwnedEntity } from '@hearth/persistence';

/**
 * A volunteer's completion of a catalogue item, or a check made of them (ADR 0053): the item and the dates, how a
 * coordinator verified it and which account did. Nothing else: no number, no outcome, no free text.
 */
@Entity({ tableName: 'training_records' })
export class TrainingRecord extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  memberId!: string;

  @Property({ type: 'uuid' })
  trainingId!: string;

  /** `YYYY-MM-DD`. */
  @Property({ type: 'string', columnType: 'date' })
  completedOn!: string;

  /** `YYYY-MM-DD`, from the item's validity when recorded or corrected; null: never expires. */
  @Property({ type: 'string', columnType: 'date', nullable: true })
  expiresOn: string | null = null;

  @Property({ type: 'text' })
  how!: TrainingVerifiedHow;

  /** The account that recorded it or last corrected it. */
  @Property({ type: 'uuid' })
  verifiedBy!: string;

  /** Accepted from a passport (ADR 0056): its issuer's id and name; null otherwise. */
  @Property({ type: 'text', nullable: true })
  acceptedFromIssuer: string | null = null;

  @Property({ type: 'text', nullable: true })
  acceptedFromName: string | null = null;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
