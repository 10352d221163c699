import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { uuidv7 } from 'uuidv7';

@Entity({ tableName: 'accounts' })
export class Account {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** Stored lower-cased and trimmed; unique. */
  @Property({ type: 'text', unique: true })
  email!: string;

  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'text', hidden: true })
  passwordHash!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** A disabled account keeps its grants but cannot sign in or refresh (set by a platform admin). */
  @Property({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null = null;
}
