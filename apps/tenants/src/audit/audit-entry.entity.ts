import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { TenantOwnedEntity } from '@hearth/persistence';

/** What happened in a LERO's space, for its own admins. Tenant-owned: row-level security applies. */
@Entity({ tableName: 'audit_entries' })
export class AuditEntry extends TenantOwnedEntity {
  @Property({ type: 'timestamptz' })
  at: Date = new Date();

  @Property({ type: 'uuid', nullable: true })
  actorAccountId: string | null = null;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'json' })
  details: Record<string, unknown> = {};
}
