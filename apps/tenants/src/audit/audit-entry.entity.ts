import { Entity } from '@mikro-orm/decorators/legacy';
import { AuditEntryBase } from '@hearth/persistence';

/** What happened in a LERO's space, for its own admins. Tenant-owned: row-level security applies. */
@Entity({ tableName: 'audit_entries' })
export class AuditEntry extends AuditEntryBase {}
