import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { uuidv7 } from 'uuidv7';

/** An account's choice of the weekly digest (ADR 0083); no row means on. */
@Entity({ tableName: 'digest_settings' })
export class DigestSetting {
  @PrimaryKey({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'boolean' })
  enabled!: boolean;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

/**
 * One account's digest of one period, claimed (unique per account and period) in the transaction that queues
 * its email; `mailId` null when there was nothing to tell. Holds the SHA-256 of the email's unsubscribe link.
 */
@Entity({ tableName: 'digest_runs' })
export class DigestRun {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'text' })
  period!: string;

  @Property({ type: 'uuid', nullable: true })
  mailId: string | null = null;

  @Property({ type: 'text', nullable: true })
  unsubscribeHash: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
