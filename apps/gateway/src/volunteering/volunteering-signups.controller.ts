import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { CreateSignupDto, ShiftDateQuery, VolunteeringClient, type RequestContext } from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

const SIGNUP_SHAPE =
  '`{shiftId, date, startsAt, memberId, status}` (`status`: `confirmed` or `waitlisted`; `startsAt` with the ' +
  'zone’s offset)';
const WHO =
  'The LERO’s tenant-admins and coordinators (anyone who volunteers); an account linked to a member record, for ' +
  'that member (a shift of an open role).';
const DATE_400 =
  '400 naming `date` (missing for a recurring shift, not a day, not one of the shift’s dates) or the bad field';

@ApiTag('volunteering')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/volunteering/shifts/:shiftId/signups')
export class VolunteeringSignupsController {
  constructor(private readonly volunteering: VolunteeringClient) {}

  @Post()
  @HttpCode(200)
  @ApiDoc({
    summary: 'Sign up to a shift',
    description:
      '`{memberId, date?}`: `date` is the occurrence’s local date (`YYYY-MM-DD`; required for a recurring shift). ' +
      'The member must be a volunteer of the LERO (their community roles, never the access grant) holding the ' +
      'role’s requirements. A place while there is room, else the waitlist; signing up again answers the same. ' +
      `Answers ${SIGNUP_SHAPE}.`,
    who: WHO,
    errors:
      `${DATE_400}; 403 for someone else’s member record; 404 for a shift not of this LERO; 409 \`ShiftCancelled\`, ` +
      '`RoleClosed`, `ShiftStarted`, `NotAVolunteer`, `RequirementsMissing` (with `missingRequirements: [{id, name, ' +
      'kind}]`).',
  })
  @ApiContractBody(CreateSignupDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('shiftId') shiftId: string,
    @Body(new ContractPipe(CreateSignupDto)) dto: CreateSignupDto,
  ) {
    return this.volunteering.createSignup(ctx, tenantId, shiftId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'Who is signed up to an occurrence of a shift',
    description:
      '`date` as for signing up → `{shiftId, date, startsAt, capacity, items: [{memberId, status}]}`, first come ' +
      'first (member ids only).',
    who: 'The LERO’s tenant-admins and coordinators (everyone); an account linked to a member record (only its own).',
    errors: `${DATE_400}; 403 for an account with no member record; 404 for a shift not of this LERO.`,
  })
  @ApiContractQuery(ShiftDateQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('shiftId') shiftId: string,
    @Query(new ContractPipe(ShiftDateQuery)) query: ShiftDateQuery,
  ) {
    return this.volunteering.listSignups(ctx, tenantId, shiftId, query);
  }

  @Delete(':memberId')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Cancel a sign-up',
    description:
      'Up to the occurrence’s start; a freed place goes to the first on the waitlist. A cancel within 24 hours of ' +
      'the start is recorded as `late`, without blame: no score, no count, shown only in this answer. Answers ' +
      `${SIGNUP_SHAPE} with \`status: cancelled\` and \`late\`.`,
    who: WHO,
    errors: `${DATE_400}; 403 for someone else’s sign-up; 404 when there is no such sign-up; 409 \`ShiftStarted\`.`,
  })
  @ApiContractQuery(ShiftDateQuery)
  cancel(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('shiftId') shiftId: string,
    @UuidParam('memberId') memberId: string,
    @Query(new ContractPipe(ShiftDateQuery)) query: ShiftDateQuery,
  ) {
    return this.volunteering.cancelSignup(ctx, tenantId, shiftId, memberId, query);
  }
}
