import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  CorrectTrainingRecordDto,
  ExpiringTrainingQuery,
  PageQuery,
  RecordTrainingDto,
  VolunteeringClient,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

const RECORD_SHAPE =
  '`{id, memberId, trainingId, name, kind, completedOn, expiresOn, status, how, verifiedBy, acceptedFrom, recordedAt, ' +
  'updatedAt}` (`expiresOn` null: never; `status` `valid` or, from `expiresOn` on, `expired`; `verifiedBy`: the ' +
  'account id that recorded or last corrected it; `acceptedFrom`: `{id, name}` of the passport issuer it was ' +
  'accepted from, else null)';
const EXPIRY_SHAPE = '`{items: [{memberId, recordId, trainingId, name, kind, expiresOn}], nextCursor}`';
const STAFF = 'The LERO’s tenant-admins and coordinators.';

@ApiTag('volunteering')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/volunteering')
export class VolunteeringTrainingRecordsController {
  constructor(private readonly volunteering: VolunteeringClient) {}

  @Post('volunteers/:memberId/training')
  @ApiDoc({
    summary: 'Record a volunteer’s training or check',
    description:
      '`{trainingId, completedOn: YYYY-MM-DD, how: certificate-seen | delivered-by-us | accepted-from-passport}`: ' +
      'an item of the LERO’s catalogue the volunteer completed (or a check made of them), verified by the ' +
      'caller. `expiresOn` follows from the item’s validity. Only the item and the dates are kept: a DBS check ' +
      `is criminal-offence data (no number, no outcome, no free text). Answers ${RECORD_SHAPE}.`,
    who: STAFF,
    errors:
      '400 naming the field (a date to come, a training id not in this LERO’s catalogue, an unknown field); 403 ' +
      'for volunteers and members; 404 for a member this LERO does not know; 409 `NotAVolunteer` for a member who ' +
      'left or lacks the volunteer community role.',
  })
  @ApiContractBody(RecordTrainingDto)
  record(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
    @Body(new ContractPipe(RecordTrainingDto)) dto: RecordTrainingDto,
  ) {
    return this.volunteering.recordTraining(ctx, tenantId, memberId, dto);
  }

  @Get('volunteers/:memberId/training')
  @ApiDoc({
    summary: 'A volunteer’s training and check records',
    description: `A page of the member’s records by id (\`limit\` 50 unless given, at most 100), each ${RECORD_SHAPE}.`,
    who: `${STAFF} The volunteer themselves, for their own member record.`,
    errors: '403 for other people of the LERO; 404 for a member this LERO does not know.',
  })
  @ApiContractQuery(PageQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
    @Query(new ContractPipe(PageQuery)) query: PageQuery,
  ) {
    return this.volunteering.listTrainingRecords(ctx, tenantId, memberId, query);
  }

  @Patch('volunteers/:memberId/training/:recordId')
  @ApiDoc({
    summary: 'Correct a training or check record',
    description:
      'Any of `trainingId`, `completedOn`, `how`; left out stays as it is. A new item or date recomputes ' +
      '`expiresOn`; the caller becomes the verifier. Answers the record.',
    who: STAFF,
    errors:
      '400 naming the field; 403 for volunteers and members; 404 for a record not of this member and LERO.',
  })
  @ApiContractBody(CorrectTrainingRecordDto)
  correct(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
    @UuidParam('recordId') recordId: string,
    @Body(new ContractPipe(CorrectTrainingRecordDto)) dto: CorrectTrainingRecordDto,
  ) {
    return this.volunteering.correctTrainingRecord(ctx, tenantId, memberId, recordId, dto);
  }

  @Delete('volunteers/:memberId/training/:recordId')
  @HttpCode(204)
  @ApiDoc({
    summary: 'Remove a training or check record',
    description: 'For a record made in error. Answers 204.',
    who: STAFF,
    errors: '403 for volunteers and members; 404 for a record not of this member and LERO.',
  })
  async remove(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
    @UuidParam('recordId') recordId: string,
  ): Promise<void> {
    await this.volunteering.removeTrainingRecord(ctx, tenantId, memberId, recordId);
  }

  @Get('training-records/expiring')
  @ApiDoc({
    summary: 'Training and checks expiring soon',
    description:
      `Active volunteers’ records that expire within \`days\` (1–365, 30 unless given; UK dates), soonest first, ` +
      `paged (\`limit\`, \`cursor\`): ${EXPIRY_SHAPE}. A record another of the same item outlasts is left out.`,
    who: STAFF,
    errors: '400 naming `days`, `limit` or `cursor`; 403 for volunteers and members.',
  })
  @ApiContractQuery(ExpiringTrainingQuery)
  expiring(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ExpiringTrainingQuery)) query: ExpiringTrainingQuery,
  ) {
    return this.volunteering.expiringTraining(ctx, tenantId, query);
  }

  @Get('training-records/expired')
  @ApiDoc({
    summary: 'Expired training and checks',
    description:
      `Active volunteers’ records expired by today (UK), soonest expiry first, paged: ${EXPIRY_SHAPE}. A record ` +
      'renewed by a later one of the same item is left out.',
    who: STAFF,
    errors: '400 naming `limit` or `cursor`; 403 for volunteers and members.',
  })
  @ApiContractQuery(PageQuery)
  expired(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(PageQuery)) query: PageQuery,
  ) {
    return this.volunteering.expiredTraining(ctx, tenantId, query);
  }
}
