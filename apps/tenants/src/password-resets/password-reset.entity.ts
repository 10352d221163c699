import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { uuidv7 } from 'uuidv7';

/**
 * A link that lets its holder set an account's password once. Made by a LERO's admin now (`requestedBy`
 * set) and by a forgot-password flow later (`requestedBy` null); only the token's SHA-256 is stored.
 */
@Entity({ tableName: 'password_resets' })
export class PasswordReset {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  requestedBy: string | null = null;

  /** The LERO whose admin asked for it, whose activity log records it. */
  @Property({ type: 'uuid', nullable: true })
  tenantId: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
