import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiParam } from '@nestjs/swagger';
import {
  CreateRegionDto,
  REGION_ROLES,
  RegionInvitationDto,
  TenantsClient,
  type RegionRole,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';

@ApiTag('regions')
@ApiBearerAuth()
@Controller('api/v1/regions')
export class RegionsController {
  constructor(private readonly tenants: TenantsClient) {}

  @Post()
  @ApiDoc({
    summary: 'Create a region',
    description:
      '`{name, slug}`; the slug (lower-case words joined by hyphens, e.g. `north-east`) is one of a kind. Answers the region `{id, name, slug, createdAt}`. Appoint its staff next with `POST /api/v1/regions/{regionId}/invitations`.',
    who: 'Platform admins.',
    errors: '403 for anyone else; 409 `SlugTaken`.',
  })
  @ApiContractBody(CreateRegionDto)
  create(@Context() ctx: RequestContext, @Body(new ContractPipe(CreateRegionDto)) dto: CreateRegionDto) {
    return this.tenants.createRegion(ctx, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The regions you work in',
    description:
      'Answers `{items: [{id, name, slug, createdAt}]}` by name: every region for a platform admin, the regions of your region roles (admin, commissioner, directory curator) for anyone else (an empty list without such a role).',
    who: 'Anyone signed in.',
  })
  list(@Context() ctx: RequestContext) {
    return this.tenants.listRegions(ctx);
  }

  @Post(':regionId/invitations')
  @ApiDoc({
    summary: 'Invite someone to be a region admin, commissioner or directory curator',
    description:
      '`{email, role}` with role `region-admin`, `commissioner` or `directory-curator` (curates the region’s directory and nothing else). Answers `{id, email, role, token, expiresAt}`: the invitation is emailed when SMTP is configured; otherwise pass on the `token` (accepted at `POST /api/v1/invitations/accept`). It lasts 7 days; cancel it with `DELETE /api/v1/invitations/{invitationId}`.',
    who: 'Platform admins, and the region’s own admins.',
    errors:
      '403 `SelfGrant` for your own email (nobody gives a role to their own account); 403 for the region’s commissioners and directory curators; 404 for a region you do not work in.',
  })
  @ApiContractBody(RegionInvitationDto)
  invite(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Body(new ContractPipe(RegionInvitationDto)) dto: RegionInvitationDto,
  ) {
    return this.tenants.inviteToRegion(ctx, regionId, dto);
  }

  @Get(':regionId/team')
  @ApiDoc({
    summary: 'The region’s admins, commissioners and directory curators, and pending invitations',
    description:
      'Answers `{regionId, accounts: [{… roles}], invitations}`: every account holding a region role here, and invitations to one not yet accepted, cancelled or expired.',
    who: 'Platform admins, and the region’s own admins.',
    errors: '403 for its commissioners and directory curators; 404 for a region you do not work in.',
  })
  team(@Context() ctx: RequestContext, @UuidParam('regionId') regionId: string) {
    return this.tenants.regionTeam(ctx, regionId);
  }

  @Delete(':regionId/team/:accountId/roles/:role')
  @HttpCode(204)
  @ApiDoc({
    summary: 'Take a region role away',
    description:
      'The account keeps any other role it holds; its sign-ins end at once, so its tokens lose the role (giving up your own role leaves you signed in). Answers 204.',
    who: 'Platform admins and the region’s own admins; anyone for their own role.',
    errors:
      '403 for commissioners and directory curators taking away someone else’s role; 404 when the account does not hold that role here, or the region is not one you work in.',
  })
  @ApiParam({ name: 'role', enum: REGION_ROLES })
  async removeRole(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('accountId') accountId: string,
    @Param('role') role: string,
  ): Promise<void> {
    await this.tenants.removeRegionRole(ctx, regionId, accountId, role as RegionRole);
  }
}
