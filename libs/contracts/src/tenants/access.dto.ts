import { NormalisedText } from '../input-policy';
import { IsEmail, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { REGION_ROLES, TENANT_ROLES, type RegionRole, type Role, type TenantRole } from '../envelope';
import { TenantRequestOf } from '../paging';

const PASSWORD_RULES = { min: 12, max: 1024 };

export class ChangePasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_RULES.max)
  currentPassword!: string;

  @IsString()
  @MinLength(PASSWORD_RULES.min, { message: 'must be at least 12 characters' })
  @MaxLength(PASSWORD_RULES.max)
  newPassword!: string;
}

/** "Forgot my password": the email a reset link goes to, if it is an account's (ADR 0077). */
export class ForgotPasswordDto {
  @IsEmail({}, { message: 'must be an email address' })
  @NormalisedText()
  @MaxLength(254)
  email!: string;
}

/** A password reset link's token, and the password its holder chooses. */
export class CompletePasswordResetDto {
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token!: string;

  @IsString()
  @MinLength(PASSWORD_RULES.min, { message: 'must be at least 12 characters' })
  @MaxLength(PASSWORD_RULES.max)
  newPassword!: string;
}

export class AccountIdRequest {
  @IsUUID('all', { message: 'must be a UUID' })
  accountId!: string;
}

export class RegionIdRequest {
  @IsUUID('all', { message: 'must be a UUID' })
  regionId!: string;
}

export class InvitationIdRequest {
  @IsUUID('all', { message: 'must be a UUID' })
  invitationId!: string;
}

/** `DELETE /tenants/{tenantId}/team/{accountId}/roles/{role}` as a message. */
export class RemoveTenantRoleRequest {
  @IsUUID('all', { message: 'must be a UUID' })
  tenantId!: string;

  @IsUUID('all', { message: 'must be a UUID' })
  accountId!: string;

  @IsIn(TENANT_ROLES, { message: `must be one of ${TENANT_ROLES.join(', ')}` })
  role!: TenantRole;
}

/** `DELETE /regions/{regionId}/team/{accountId}/roles/{role}` as a message. */
export class RemoveRegionRoleRequest {
  @IsUUID('all', { message: 'must be a UUID' })
  regionId!: string;

  @IsUUID('all', { message: 'must be a UUID' })
  accountId!: string;

  @IsIn(REGION_ROLES, { message: `must be one of ${REGION_ROLES.join(', ')}` })
  role!: RegionRole;
}

/** Break-glass: a region's admin appoints a tenant-admin of a LERO that has no enabled one, with notice. */
export class BreakGlassDto {
  @IsEmail({}, { message: 'must be an email address' })
  @NormalisedText()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(10, { message: 'must be at least 10 characters: say why the LERO needs this' })
  @MaxLength(1000)
  reason!: string;
}

export class BreakGlassRequest extends TenantRequestOf(BreakGlassDto) {}

/** One account in a team, with its roles there. */
export interface TeamAccountView<R extends Role = Role> {
  accountId: string;
  displayName: string;
  email: string;
  /** A disabled account keeps its roles but cannot sign in. */
  disabled: boolean;
  roles: { role: R; since: string; memberId?: string }[];
}

/** An invitation nobody has accepted, cancelled or let expire yet. */
export interface PendingInvitationView {
  id: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
  /** Set on a break-glass appointment: it can be accepted from then on. */
  takesEffectAt?: string;
  /** Set on a break-glass appointment: why the region appointed an admin. */
  reason?: string;
}

export interface TenantTeamView {
  tenantId: string;
  /** Whether an enabled account holds tenant-admin here (else region staff may break glass). */
  hasEnabledAdmin: boolean;
  /** Region and platform staff see the tenant-admins only; the LERO's own staff see everyone. */
  accounts: TeamAccountView<TenantRole>[];
  invitations: PendingInvitationView[];
}

export interface RegionTeamView {
  regionId: string;
  accounts: TeamAccountView<RegionRole>[];
  invitations: PendingInvitationView[];
}

/** A reset link for an account: its token only when no email could carry it (no SMTP configured). */
export interface PasswordResetView {
  accountId: string;
  email: string;
  expiresAt: string;
  emailed: boolean;
  token?: string;
}

export interface BreakGlassView {
  id: string;
  email: string;
  role: 'tenant-admin';
  token: string;
  takesEffectAt: string;
  expiresAt: string;
  reason: string;
  /** Whether the LERO's contact email was sent the notice (false when no SMTP is configured). */
  contactNotified: boolean;
}
