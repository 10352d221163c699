import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiParam } from '@nestjs/swagger';
import {
  BreakGlassDto,
  CreateTenantDto,
  TENANT_ROLES,
  ListAuditQuery,
  ListTenantsQuery,
  TenantInvitationDto,
  TenantsClient,
  UpdateTenantDto,
  type RequestContext,
  type TenantRole,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { LeroAuditService } from '../audit/lero-audit.service';

@ApiTag('tenants')
@ApiBearerAuth()
@Controller('api/v1/tenants')
export class TenantsController {
  constructor(
    private readonly tenants: TenantsClient,
    private readonly audits: LeroAuditService,
  ) {}

  @Post()
  @ApiDoc({
    summary: 'Onboard a LERO and invite its first admin',
    description:
      '`{regionId, name, slug, adminEmail, contactEmail?}`. The LERO starts `onboarding`; its first admin’s invitation is emailed when SMTP is configured and is in the answer (`invitation: {token, email, expiresAt}`) either way. When that admin accepts, the LERO becomes `active`. The slug is one of a kind across the deployment and names the LERO’s public pages.',
    who: 'Platform admins, and the admins of the region named by `regionId`.',
    errors:
      '403 for the region’s commissioners; 403 `SelfGrant` when `adminEmail` is your own; 404 for a region you do not work in; 409 `SlugTaken`.',
  })
  @ApiContractBody(CreateTenantDto)
  create(@Context() ctx: RequestContext, @Body(new ContractPipe(CreateTenantDto)) dto: CreateTenantDto) {
    return this.tenants.createTenant(ctx, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The LEROs you can see',
    description:
      'A page of LEROs, in the order they were added: every one for a platform admin, those of your regions for a region admin, and the LEROs you hold a role in. `regionId` narrows it to one region; `limit` is 20 unless given (at most 100).',
    who: 'Anyone signed in (an empty list for someone with no role that reaches a LERO, commissioners included).',
  })
  @ApiContractQuery(ListTenantsQuery)
  list(@Context() ctx: RequestContext, @Query(new ContractPipe(ListTenantsQuery)) query: ListTenantsQuery) {
    return this.tenants.listTenants(ctx, query);
  }

  @Get(':tenantId')
  @ApiDoc({
    summary: 'One LERO: name, slug, status, reporting choice, contact email',
    description:
      'Answers `{id, regionId, regionSlug, name, slug, status, reportingVisibility, contactEmail, publishToDirectory, publishToOpenActive, createdAt, updatedAt}`; `regionSlug` names its region’s public directory and feed (`/api/v1/public/regions/{regionSlug}/oruk`).',
    who: 'Anyone holding a role in the LERO; its region’s admins; platform admins.',
    errors:
      '403 `TenantClosed` for the LERO’s own people while it is suspended or archived (its region’s staff still see it); 404 for anyone else.',
  })
  get(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.tenants.getTenant(ctx, tenantId);
  }

  @Patch(':tenantId')
  @ApiDoc({
    summary: 'Change a LERO’s name, contact email, reporting choice or directory choice',
    description:
      'Fields left out stay as they are; `contactEmail: null` clears it. `reportingVisibility` is `per-lero` (the LERO’s figures appear on their own in its region’s reports) or `regional-total-only` (only inside the regional total). `publishToDirectory: true` (default false) puts the LERO, its contact email and its public activities in its region’s directory feed while it is active; `publishToOpenActive: true` (default false) puts its public sessions of physical activities, with its name and contact email, in its region’s OpenActive feed (`/api/v1/public/regions/{regionSlug}/openactive/…`) while it is active. Both are the LERO’s own admins’ choice (others: 403 `LeroAdminsOnly`); `null` is a 400. Answers the LERO.',
    who: 'The LERO’s tenant-admins. Its region’s admins and platform admins may set the name and contact email while it is onboarding or has no admin who can sign in, never the reporting or directory choice.',
    errors:
      '403 `LeroAdminsOnly` for region staff changing what is the LERO’s own to choose; 403 for its coordinators, volunteers and members; 409 for an archived LERO.',
  })
  @ApiContractBody(UpdateTenantDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(UpdateTenantDto)) dto: UpdateTenantDto,
  ) {
    return this.tenants.updateTenant(ctx, tenantId, dto);
  }

  @Post(':tenantId/suspend')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Suspend a LERO: its own people are locked out until it is activated',
    description:
      'From `onboarding` or `active` to `suspended`. Nothing is deleted; the LERO’s own people get 403 `TenantClosed` on everything inside it, while its region’s staff keep access. Answers the LERO.',
    who: 'The admins of the LERO’s region; platform admins.',
    errors: '403 for the LERO’s own people; 409 `InvalidTransition` from any other status.',
  })
  suspend(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.tenants.transitionTenant(ctx, tenantId, 'suspend');
  }

  @Post(':tenantId/activate')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Activate a LERO: open its space (again)',
    description:
      'From `onboarding` or `suspended` to `active`. (A LERO being onboarded also becomes active by itself when its first admin accepts their invitation.) Answers the LERO.',
    who: 'The admins of the LERO’s region; platform admins.',
    errors: '403 for the LERO’s own people; 409 `InvalidTransition` from any other status.',
  })
  activate(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.tenants.transitionTenant(ctx, tenantId, 'activate');
  }

  @Post(':tenantId/archive')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Archive a LERO for good',
    description:
      'From `onboarding`, `active` or `suspended` to `archived`, which is final: the LERO’s own people are locked out, nobody can be invited or appointed to it and its details can no longer change. Nothing is deleted. Answers the LERO.',
    who: 'The admins of the LERO’s region; platform admins.',
    errors: '403 for the LERO’s own people; 409 `InvalidTransition` for a LERO already archived.',
  })
  archive(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.tenants.transitionTenant(ctx, tenantId, 'archive');
  }

  @Post(':tenantId/invitations')
  @ApiDoc({
    summary: 'Invite someone to a role in a LERO',
    description:
      '`{email, role, memberId?}` with role `tenant-admin`, `coordinator`, `volunteer` or `member`. `memberId` (member invitations only) links the account to one of the LERO’s active member records, so the person can see and change it at `/me`. Answers `{id, email, role, token, expiresAt}`: the invitation is emailed when SMTP is configured; otherwise pass on the `token` (accepted at `POST /api/v1/invitations/accept`). It lasts 7 days.',
    who: 'The LERO’s tenant-admins (any role) and coordinators (volunteers and members). Its region’s admins and platform admins only its first tenant-admin, while it is onboarding.',
    errors:
      '403 `LeroAdminsOnly` for region staff asking for any other invitation (a LERO left without an admin gets one through break glass); 403 for a role you may not give; 403 `SelfGrant` for your own email; 400 on `memberId` with another role; 404 for a `memberId` that is not an active member of the LERO; 409 `TenantArchived`.',
  })
  @ApiContractBody(TenantInvitationDto)
  invite(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(TenantInvitationDto)) dto: TenantInvitationDto,
  ) {
    return this.tenants.inviteToTenant(ctx, tenantId, dto);
  }

  @Get(':tenantId/audit')
  @ApiDoc({
    summary: 'The LERO’s activity log, newest first',
    description:
      'Who did what and when: the registry’s entries (onboarding, lifecycle, invitations, roles, sign-in security) and, for the LERO’s own admins, the person-level ones (member records read, changed, exported, erased). Answers `{items: [{id, at, actorAccountId, action, details}], nextCursor}`, 50 entries unless `limit` says otherwise (at most 100).',
    who: 'The LERO’s tenant-admins; its region’s admins and platform admins, who see no person-level entries.',
    errors: '403 for its coordinators, volunteers and members.',
  })
  @ApiContractQuery(ListAuditQuery)
  audit(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListAuditQuery)) query: ListAuditQuery,
  ) {
    return this.audits.list(ctx, tenantId, query);
  }

  @Get(':tenantId/team')
  @ApiDoc({
    summary: 'The LERO’s team: accounts with their roles, and pending invitations',
    description:
      'Answers `{accounts: [{… roles}], invitations, hasEnabledAdmin}`. Region and platform admins see the LERO’s tenant-admins (and invitations to be one) only, enough to know whether it has an admin who can sign in.',
    who: 'The LERO’s tenant-admins and coordinators (everyone); its region’s admins and platform admins (its admins only).',
    errors: '403 for its volunteers and members.',
  })
  team(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.tenants.tenantTeam(ctx, tenantId);
  }

  @Delete(':tenantId/team/:accountId/roles/:role')
  @HttpCode(204)
  @ApiDoc({
    summary: 'Take a role in the LERO away',
    description:
      'The account keeps its other roles; its sign-ins end at once, so its tokens lose the role (giving up your own role leaves you signed in). Answers 204.',
    who: 'The LERO’s tenant-admins (any role) and coordinators (volunteer and member roles); anyone for their own role.',
    errors:
      '403 for a role you may not take away; 404 when the account does not hold that role here; 409 `LastTenantAdmin` for the LERO’s last tenant-admin who can sign in (invite another first).',
  })
  @ApiParam({ name: 'role', enum: TENANT_ROLES })
  async removeRole(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('accountId') accountId: string,
    @Param('role') role: string,
  ): Promise<void> {
    await this.tenants.removeTenantRole(ctx, tenantId, accountId, role as TenantRole);
  }

  @Post(':tenantId/break-glass')
  @ApiDoc({
    summary: 'Break glass: appoint a tenant-admin for a LERO that has none',
    description:
      '`{email, reason}`. For a LERO with no tenant-admin who can sign in: the LERO’s contact email is told, and the appointment (an invitation) can be accepted only after a notice period of 72 hours; until then it can be cancelled with `DELETE /api/v1/invitations/{invitationId}`. It lapses if the LERO has an admin who can sign in again by then. Audited.',
    who: 'The admins of the LERO’s region; platform admins.',
    errors:
      '403 for anyone else; 403 `SelfGrant` for your own email; 409 `TenantHasAdmin` (it has an admin, who gives its roles), `TenantOnboarding` (invite its first admin instead), `TenantArchived`, or `NoContactEmail` (add the LERO’s contact email first).',
  })
  @ApiContractBody(BreakGlassDto)
  breakGlass(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(BreakGlassDto)) dto: BreakGlassDto,
  ) {
    return this.tenants.breakGlass(ctx, tenantId, dto);
  }
}
