import { Body, Controller, Delete, HttpCode, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcceptInvitationDto, TenantsClient, type RequestContext } from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody } from '../http/api-contract';
import { Context, UuidParam } from '../http/request-context';

@ApiTags('invitations')
@Controller('api/v1/invitations')
export class InvitationsController {
  constructor(private readonly tenants: TenantsClient) {}

  @Public()
  @Post('accept')
  @RouteConfig({ rateLimit: {} })
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
  @ApiOperation({
    summary: 'Cancel an invitation nobody has accepted (204)',
    description:
      'Whoever may give that role there, or whoever made it; a break-glass appointment too. An accepted one: 409.',
  })
  async cancel(
    @Context() ctx: RequestContext,
    @UuidParam('invitationId') invitationId: string,
  ): Promise<void> {
    await this.tenants.cancelInvitation(ctx, invitationId);
  }
}
