import { Body, Controller, Delete, HttpCode, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth } from '@nestjs/swagger';
import { AcceptInvitationDto, TenantsClient, type RequestContext } from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';

@ApiTag('invitations')
@Controller('api/v1/invitations')
export class InvitationsController {
  constructor(private readonly tenants: TenantsClient) {}

  @Public()
  @Post('accept')
  @RouteConfig({ rateLimit: {} })
  @ApiDoc({
    summary: 'Accept an invitation: a new account, or a new role for yours',
    description:
      '`{token, password, displayName}`. For an email with no Hearth account yet, a new account with this password (at least 12 characters) and name; for one that has an account, `password` must be that account’s, and the role is added to it. Answers `{accountId}`; then sign in. The first tenant-admin to accept makes an onboarding LERO active.',
    who: 'Anyone holding an invitation’s token (no access token needed). Rate limited per client address.',
    errors:
      '400 `InvitationUnknown` on `token`; 410 `InvitationSpent`, `InvitationCancelled` or `InvitationExpired`, or for a LERO archived since; 401 `AccountPasswordMismatch` when the email has an account and the password is not its; 403 `AccountDisabled`; 403 `SelfGrant` for an invitation you made yourself; 409 `AppointmentPending` (with `takesEffectAt`) for a break-glass appointment before its notice ends, and `TenantHasAdmin` for one that has lapsed.',
  })
  @ApiContractBody(AcceptInvitationDto)
  accept(
    @Context() ctx: RequestContext,
    @Body(new ContractPipe(AcceptInvitationDto)) dto: AcceptInvitationDto,
  ) {
    return this.tenants.acceptInvitation(ctx, dto);
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiDoc({
    summary: 'Cancel an invitation nobody has accepted',
    description:
      'The invitation’s link stops working (410 `InvitationCancelled` to whoever tries it). Break-glass appointments are cancelled here too. Answers 204.',
    who: 'Whoever made the invitation, and whoever may give that role there: in a LERO its tenant-admins (any role) and coordinators (volunteers and members), its region’s admins and platform admins (tenant-admins); in a region its admins and platform admins.',
    errors:
      '403 for an invitation to a role you may not give; 404 for one you cannot see; 409 `InvitationSpent` once it has been accepted (take the role away instead).',
  })
  async cancel(
    @Context() ctx: RequestContext,
    @UuidParam('invitationId') invitationId: string,
  ): Promise<void> {
    await this.tenants.cancelInvitation(ctx, invitationId);
  }
}
