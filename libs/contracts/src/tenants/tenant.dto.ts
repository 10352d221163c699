import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { TENANT_ROLES, type TenantRole } from '../envelope';
import { NormalisedText } from '../input-policy';
import { PageQuery, TenantRequest, TenantRequestOf } from '../paging';
import { SLUG_MESSAGE, SLUG_PATTERN } from './region.dto';

export const TENANT_STATUSES = ['onboarding', 'active', 'suspended', 'archived'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];
export const REPORTING_VISIBILITIES = ['per-lero', 'regional-total-only'] as const;
export type ReportingVisibility = (typeof REPORTING_VISIBILITIES)[number];
export const TENANT_TRANSITIONS = ['suspend', 'activate', 'archive'] as const;
export type TenantTransition = (typeof TENANT_TRANSITIONS)[number];

export class CreateTenantDto {
  @IsUUID('all')
  regionId!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(160)
  name!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(60)
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  @NormalisedText()
  slug!: string;

  @IsEmail({}, { message: 'must be an email address' })
  @NormalisedText()
  @MaxLength(254)
  adminEmail!: string;

  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @NormalisedText()
  @MaxLength(254)
  contactEmail?: string;
}

/** Fields left out stay as they are; `null` clears `contactEmail` and is refused for the others (ADR 0017). */
export class UpdateTenantDto {
  @ValidateIf((_o, value) => value !== undefined)
  @IsString({ message: 'must be a string (a LERO always has a name)' })
  @MinLength(2)
  @MaxLength(160)
  name?: string;

  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @NormalisedText()
  @MaxLength(254)
  contactEmail?: string | null;

  @ValidateIf((_o, value) => value !== undefined)
  @IsIn(REPORTING_VISIBILITIES, { message: `must be one of ${REPORTING_VISIBILITIES.join(', ')}` })
  reportingVisibility?: ReportingVisibility;

  /** Whether the LERO and its public activities appear in its region's directory (ADR 0042); its admins' choice. */
  @ValidateIf((_o, value) => value !== undefined)
  @IsBoolean({ message: 'must be true or false' })
  publishToDirectory?: boolean;

  /** Whether the LERO's public sessions appear in its region's OpenActive feed (ADR 0078); its admins' choice. */
  @ValidateIf((_o, value) => value !== undefined)
  @IsBoolean({ message: 'must be true or false' })
  publishToOpenActive?: boolean;
}

export class UpdateTenantRequest extends TenantRequestOf(UpdateTenantDto) {}

export class TenantIdRequest extends TenantRequest {}

export class TenantBySlugRequest {
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  @NormalisedText()
  slug!: string;
}

export class TransitionTenantRequest extends TenantIdRequest {
  @IsIn(TENANT_TRANSITIONS)
  transition!: TenantTransition;
}

export class ListTenantsQuery extends PageQuery {
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  regionId?: string;
}

export class TenantInvitationDto {
  @IsEmail({}, { message: 'must be an email address' })
  @NormalisedText()
  @MaxLength(254)
  email!: string;

  @IsIn(TENANT_ROLES, { message: `must be one of ${TENANT_ROLES.join(', ')}` })
  role!: TenantRole;

  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  memberId?: string;
}

export class InviteToTenantRequest extends TenantRequestOf(TenantInvitationDto) {}

export class ListAuditQuery extends PageQuery {}

export class ListAuditRequest extends TenantRequestOf(ListAuditQuery) {}

export interface InvitationView {
  id: string;
  email: string;
  role: string;
  token: string;
  expiresAt: string;
}

export interface TenantView {
  id: string;
  regionId: string;
  name: string;
  slug: string;
  status: TenantStatus;
  reportingVisibility: ReportingVisibility;
  contactEmail: string | null;
  /** The LERO and its public activities are in its region's directory (ADR 0042). */
  publishToDirectory: boolean;
  /** The LERO's public sessions are in its region's OpenActive feed (ADR 0078). */
  publishToOpenActive: boolean;
  /** Its region's short name, where the region's public directory and feed are: in the answer about one LERO. */
  regionSlug?: string;
  createdAt: string;
  updatedAt: string;
}

export interface OnboardedTenantView extends TenantView {
  invitation: { token: string; email: string; expiresAt: string };
}

/** What anyone may know of an active LERO. */
export interface PublicTenantView {
  id: string;
  name: string;
  slug: string;
  status: TenantStatus;
  /** Whether its figures may be shown per LERO on public pages (`per-lero`) or only in its region's totals. */
  reportingVisibility: ReportingVisibility;
}

/** A region's active LEROs, as its public pages may name them (ADR 0065). */
export interface PublicRegionLerosView {
  region: { id: string; name: string; slug: string };
  leros: PublicTenantView[];
}

/** A LERO's archive has begun (and is in its activity log): the LERO as it is, and when. */
export interface LeroExportStartView {
  lero: TenantView;
  exportedAt: string;
}

export interface TenantAccessView {
  tenantId: string;
  regionId: string;
  status: TenantStatus;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actorAccountId: string | null;
  action: string;
  details: Record<string, unknown>;
}
