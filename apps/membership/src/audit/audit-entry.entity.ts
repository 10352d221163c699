import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { AuditEntryBase } from '@hearth/persistence';

/**
 * Who read, changed, exported or erased which member record, and when. Holds the member id, never a
 * personal value. Tenant-owned: row-level security applies.
 */
@Entity({ tableName: 'audit_entries' })
export class MemberAuditEntry extends AuditEntryBase {
  @Property({ type: 'uuid', nullable: true })
  memberId: string | null = null;
}
