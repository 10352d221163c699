import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  CloseInterestDto,
  ExpressInterestDto,
  ListInterestsQuery,
  MAX_INTEREST_NOTE,
  PageQuery,
  VolunteeringClient,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

const INTEREST_SHAPE =
  '`{id, roleId, roleTitle, memberId, note, status, outcome, closedAt, createdAt, version}` (`status` `open` | ' +
  '`closed`; `outcome` `became-volunteer` | `not-now`, set when closed)';
const PAGE = 'A page by id, oldest first (`limit` 50 unless given, at most 100, `cursor`)';
const STAFF = 'The LERO’s tenant-admins and coordinators.';
const OWN = 'An account linked to a member record of the LERO, for that member.';
const OWN_403 = '403 for an account linked to no member record of the LERO';

/** "I'm interested" in a volunteering role, and the LERO's follow-up of it (ADR 0063). */
@ApiTag('volunteering')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/volunteering')
export class VolunteeringInterestsController {
  constructor(private readonly volunteering: VolunteeringClient) {}

  @Post('roles/:roleId/interest')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Say I’m interested in a volunteering role',
    description:
      `\`{note?}\`: an open role (public or members-only) the caller would like to volunteer in, perhaps with a note ` +
      `(at most ${MAX_INTEREST_NOTE} characters) the LERO’s coordinators read — it **must not name anyone else**. ` +
      'Saying it again while the interest is open changes nothing (the first note stays). Being interested grants ' +
      `nothing: a coordinator follows it up. Answers ${INTEREST_SHAPE}.`,
    who: OWN,
    errors: `400 naming the field; ${OWN_403}; 404 for a role not of this LERO; 409 \`RoleClosed\`.`,
  })
  @ApiContractBody(ExpressInterestDto)
  express(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('roleId') roleId: string,
    @Body(new ContractPipe(ExpressInterestDto)) dto: ExpressInterestDto,
  ) {
    return this.volunteering.expressInterest(ctx, tenantId, roleId, dto);
  }

  @Delete('roles/:roleId/interest')
  @HttpCode(204)
  @ApiDoc({
    summary: 'No longer interested in a volunteering role',
    description:
      'Withdraws the caller’s open interest in the role (it is deleted, note and all). Answers 204, also when ' +
      'there was none; an interest already followed up stays as it was.',
    who: OWN,
    errors: `${OWN_403}; 404 for a role not of this LERO.`,
  })
  async withdraw(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('roleId') roleId: string,
  ): Promise<void> {
    await this.volunteering.withdrawInterest(ctx, tenantId, roleId);
  }

  @Get('me/interests')
  @ApiDoc({
    summary: 'My interest in volunteering roles',
    description: `${PAGE} of the caller’s own interests, open and followed up, each ${INTEREST_SHAPE}.`,
    who: OWN,
    errors: `400 naming \`limit\` or \`cursor\`; ${OWN_403}.`,
  })
  @ApiContractQuery(PageQuery)
  mine(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(PageQuery)) query: PageQuery,
  ) {
    return this.volunteering.myInterests(ctx, tenantId, query);
  }

  @Get('roles/:roleId/interests')
  @ApiDoc({
    summary: 'Who is interested in a volunteering role',
    description:
      `${PAGE} of the role’s interests (perhaps of one \`status\`), each ${INTEREST_SHAPE} and \`displayName\`, ` +
      'asked of membership as it is read (null for someone who has left); `names: unavailable` when membership ' +
      'could not be asked (the list is still answered).',
    who: STAFF,
    errors:
      '400 naming `status`, `limit` or `cursor`; 403 for volunteers and members; 404 for a role not of this LERO.',
  })
  @ApiContractQuery(ListInterestsQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('roleId') roleId: string,
    @Query(new ContractPipe(ListInterestsQuery)) query: ListInterestsQuery,
  ) {
    return this.volunteering.listInterests(ctx, tenantId, roleId, query);
  }

  @Post('interests/:interestId/close')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Mark an interest as followed up',
    description:
      '`{outcome: became-volunteer | not-now}`: what came of it. Closing again with another outcome corrects it; ' +
      'with the same one changes nothing. Making someone a volunteer is their community roles in membership: ' +
      'this only records the follow-up. Answers the interest.',
    who: STAFF,
    errors: '400 naming the field; 403 for volunteers and members; 404 for an interest not of this LERO.',
  })
  @ApiContractBody(CloseInterestDto)
  close(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('interestId') interestId: string,
    @Body(new ContractPipe(CloseInterestDto)) dto: CloseInterestDto,
  ) {
    return this.volunteering.closeInterest(ctx, tenantId, interestId, dto);
  }
}
