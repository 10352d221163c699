import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CreateMemberDto,
  ListMembersQuery,
  MembershipClient,
  UpdateMeDto,
  UpdateMemberDto,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

/**
 * A LERO's people. The guard checks that the LERO exists for the caller and is open; the membership service
 * decides what the caller may do (tenant-admin and coordinator everything, volunteer names and roles, member
 * only `/me`). Imports and exports of spreadsheets are in `member-sheets.controller.ts`.
 */
@ApiTags('members')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId')
export class MembersController {
  constructor(private readonly membership: MembershipClient) {}

  @Post('members')
  @ApiContractBody(CreateMemberDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(CreateMemberDto)) dto: CreateMemberDto,
  ) {
    return this.membership.createMember(ctx, tenantId, dto);
  }

  @Get('members')
  @ApiContractQuery(ListMembersQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListMembersQuery)) query: ListMembersQuery,
  ) {
    return this.membership.listMembers(ctx, tenantId, query);
  }

  @Get('members/:memberId')
  get(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
  ) {
    return this.membership.getMember(ctx, tenantId, memberId);
  }

  @Patch('members/:memberId')
  @ApiContractBody(UpdateMemberDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
    @Body(new ContractPipe(UpdateMemberDto)) dto: UpdateMemberDto,
  ) {
    return this.membership.updateMember(ctx, tenantId, memberId, dto);
  }

  @Post('members/:memberId/leave')
  @HttpCode(200)
  leave(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
  ) {
    return this.membership.leaveMember(ctx, tenantId, memberId);
  }

  @Post('members/:memberId/rejoin')
  @HttpCode(200)
  rejoin(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
  ) {
    return this.membership.rejoinMember(ctx, tenantId, memberId);
  }

  /** Erasure (UK GDPR art. 17): personal values destroyed, the record gone for good. */
  @Delete('members/:memberId')
  @HttpCode(204)
  async erase(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
  ): Promise<void> {
    await this.membership.eraseMember(ctx, tenantId, memberId);
  }

  @Get('members/:memberId/consents')
  consents(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
  ) {
    return this.membership.listConsents(ctx, tenantId, memberId);
  }

  /**
   * Everything Hearth holds about the person, gathered from every service (UK GDPR art. 15 and 20); whole or
   * not at all: 503 with `missing` (and Retry-After) when a service that holds a part did not answer.
   */
  @Get('members/:memberId/export')
  export(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
  ) {
    return this.membership.exportMember(ctx, tenantId, memberId);
  }

  @Get('me')
  getMe(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.membership.getMe(ctx, tenantId);
  }

  @Patch('me')
  @ApiContractBody(UpdateMeDto)
  updateMe(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(UpdateMeDto)) dto: UpdateMeDto,
  ) {
    return this.membership.updateMe(ctx, tenantId, dto);
  }

  @Get('me/export')
  exportMe(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.membership.exportMe(ctx, tenantId);
  }
}
