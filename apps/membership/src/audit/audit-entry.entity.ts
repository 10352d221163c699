import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwnedEntity } from '@hearth/persistence';

/**
 * Who read, changed, exported or erased which member record, and when. Holds the member id, never a
 * personal value. Tenant-owned: row-level security applies.
 */
@Entity({ tableName: 'audit_entries' })
export class MemberAuditEntry extends TenantOwnedEntity {
  @Property({ type: 'timestamptz' })
  at: Date = new Date();

  @Property({ type: 'uuid', nullable: true })
  actorAccountId: string | null = null;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'uuid', nullable: true })
  memberId: string | null = null;

  @Property({ type: 'json' })
  details: Record<string, unknown> = {};
}
