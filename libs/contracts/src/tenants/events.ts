import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { TenantsEvents } from './subjects';
import {
  REPORTING_VISIBILITIES,
  TENANT_STATUSES,
  type ReportingVisibility,
  type TenantStatus,
} from './tenant.dto';

/** Payload of every `evt.tenants.tenant.*` event: the LERO as it is after the change. No personal data. */
export class TenantChangedEvent {
  @IsUUID('all')
  tenantId!: string;

  @IsUUID('all')
  regionId!: string;

  @IsString()
  @MaxLength(500)
  name!: string;

  @IsString()
  @MaxLength(200)
  slug!: string;

  @IsIn(TENANT_STATUSES)
  status!: TenantStatus;

  @IsIn(REPORTING_VISIBILITIES)
  reportingVisibility!: ReportingVisibility;

  /** The LERO chose to be in its region's directory (ADR 0042). Absent in events from before the choice existed. */
  @IsOptional()
  @IsBoolean()
  publishToDirectory?: boolean;

  /** The LERO chose to be in its region's OpenActive feed (ADR 0078). Absent in events from before the choice existed. */
  @IsOptional()
  @IsBoolean()
  publishToOpenActive?: boolean;

  /**
   * The LERO's contact email, only while it publishes to the directory or OpenActive (it is then public); null otherwise, so the
   * address never travels further than the tenants service until the LERO chose to publish it.
   */
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  publicContactEmail?: string | null;
}

export class RegionCreatedEvent {
  @IsUUID('all')
  regionId!: string;

  @IsString()
  @MaxLength(500)
  name!: string;

  @IsString()
  @MaxLength(200)
  slug!: string;
}

/** The tenants service's events: each subject and the class its payload is (checked by every consumer). */
export const TENANTS_EVENT_PAYLOADS = {
  [TenantsEvents.regionCreated]: RegionCreatedEvent,
  [TenantsEvents.tenantOnboarded]: TenantChangedEvent,
  [TenantsEvents.tenantUpdated]: TenantChangedEvent,
  [TenantsEvents.tenantActivated]: TenantChangedEvent,
  [TenantsEvents.tenantSuspended]: TenantChangedEvent,
  [TenantsEvents.tenantArchived]: TenantChangedEvent,
} as const;
