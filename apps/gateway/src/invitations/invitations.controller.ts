import { Body, Controller, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiTags } from '@nestjs/swagger';
import { AcceptInvitationDto, TenantsClient, type RequestContext } from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody } from '../http/api-contract';
import { Context } from '../http/request-context';

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
}
