import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { uuidv7 } from 'uuidv7';
import type { ReportingVisibility, TenantStatus } from '@hearth/contracts';

/** A LERO: the tenant. Platform-level data (the registry of tenants), guarded by region/tenant grants. */
@Entity({ tableName: 'tenants' })
export class Tenant {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  regionId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', unique: true })
  slug!: string;

  @Property({ type: 'text' })
  status: TenantStatus = 'onboarding';

  @Property({ type: 'text' })
  reportingVisibility: ReportingVisibility = 'per-lero';

  @Property({ type: 'text', nullable: true })
  contactEmail: string | null = null;

  /** It and its public activities appear in its region's directory (ADR 0042): its own admins' choice. */
  @Property({ type: 'boolean' })
  publishToDirectory: boolean = false;

  /** Its public sessions appear in its region's OpenActive feed (ADR 0078): its own admins' choice. */
  @Property({ type: 'boolean', fieldName: 'publish_to_openactive' })
  publishToOpenActive: boolean = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
