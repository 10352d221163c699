import { ArrayType } from '@mikro-orm/core';
import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwnedEntity } from '@hearth/persistence';
import type { CommunityRole, PreferredContact, ReminderChoice } from '@hearth/contracts';

/** Stored status; `erased` is a tombstone that keeps counts right and holds no personal value. */
export type StoredMemberStatus = 'active' | 'left' | 'erased';

/** One person of a LERO: just enough to run its activities. No scores, targets or outcome fields. */
@Entity({ tableName: 'members' })
export class Member extends TenantOwnedEntity {
  @Property({ type: 'text', nullable: true })
  displayName: string | null = null;

  @Property({ type: 'text', nullable: true })
  email: string | null = null;

  @Property({ type: 'text', nullable: true })
  phone: string | null = null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  communityRoles: CommunityRole[] = [];

  @Property({ type: 'text', nullable: true })
  pathway: string | null = null;

  @Property({ type: 'text', nullable: true })
  preferredContact: PreferredContact | null = null;

  /** Session reminders (ADR 0081): sent only while `consentContact` is given and there is an email. */
  @Property({ type: 'text' })
  reminders: ReminderChoice = 'none';

  @Property({ type: 'boolean' })
  consentContact = false;

  @Property({ type: 'boolean' })
  consentPhotos = false;

  @Property({ type: 'boolean' })
  consentShareStoriesAnonymously = false;

  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Property({ type: 'text' })
  status: StoredMemberStatus = 'active';

  @Property({ type: 'timestamptz' })
  joinedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  leftAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
