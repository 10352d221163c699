import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { uuidv7 } from 'uuidv7';

/** One refresh token of a family (one sign-in); a spent token presented again revokes the family. */
@Entity({ tableName: 'refresh_tokens' })
export class RefreshToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'uuid' })
  familyId!: string;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  /** The sliding end: a refresh moves it on, never past `sessionExpiresAt`. */
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  /** The absolute end of the sign-in (the family), however often it is refreshed. */
  @Property({ type: 'timestamptz' })
  sessionExpiresAt!: Date;

  /** Whether the sign-in passed a second factor: only then do its tokens carry admin grants (ADR 15). */
  @Property({ type: 'boolean' })
  secondFactor: boolean = false;

  @Property({ type: 'timestamptz', nullable: true })
  spentAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
