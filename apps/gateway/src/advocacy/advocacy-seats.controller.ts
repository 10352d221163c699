import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  AdvocacyRepresentationClient,
  CreateSeatDto,
  ListSeatsQuery,
  UpdateSeatDto,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';
import { REPRESENTATION_NOT_STAFF as NOT_STAFF, REPRESENTATION_STAFF as STAFF } from './representation-docs';

const SEAT_SHAPE =
  '`{id, body: {name, kind}, role, since, until, createdAt, updatedAt}` (`until` null while the seat lasts)';

/** A LERO's seats on boards, partnerships and forums, the first half of its representation log (ADR 0069). */
@ApiTag('advocacy')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/advocacy/seats')
export class AdvocacySeatsController {
  constructor(private readonly representation: AdvocacyRepresentationClient) {}

  @Post()
  @ApiDoc({
    summary: 'Record a seat',
    description:
      '`{body: {name, kind: council | nhs-trust | treatment-provider | housing-association | police | other}, ' +
      'role: member | chair | co-chair | vice-chair | observer | other, since: YYYY-MM-DD, until?}`: a board, ' +
      `partnership or forum where the LERO has a place, the role it holds, since when and (once ended) until when. Answers ${SEAT_SHAPE}.`,
    who: STAFF,
    errors: `400 naming the field (a kind or role not in the list, a date that is not a real day, until before since); ${NOT_STAFF}`,
  })
  @ApiContractBody(CreateSeatDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(CreateSeatDto)) dto: CreateSeatDto,
  ) {
    return this.representation.createSeat(ctx, tenantId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The LERO’s seats',
    description:
      'A page of seats in the order they were recorded (`limit` 50 unless given, at most 100); `current=true` ' +
      'the ones not ended by today, `current=false` the ended ones.',
    who: STAFF,
    errors: `400 for a bad query; ${NOT_STAFF}`,
  })
  @ApiContractQuery(ListSeatsQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListSeatsQuery)) query: ListSeatsQuery,
  ) {
    return this.representation.listSeats(ctx, tenantId, query);
  }

  @Get(':seatId')
  @ApiDoc({
    summary: 'One seat',
    description: `Answers ${SEAT_SHAPE}.`,
    who: STAFF,
    errors: `404 for a seat not of this LERO; ${NOT_STAFF}`,
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('seatId') seatId: string,
  ) {
    return this.representation.getSeat(ctx, tenantId, seatId);
  }

  @Patch(':seatId')
  @ApiDoc({
    summary: 'Change a seat',
    description:
      'Fields left out stay as they are (`body`, `role`, `since`, `until`); `until` ends the seat, `until: null` ' +
      'says it has not ended. Answers the seat.',
    who: STAFF,
    errors: `400 naming the field; 404 for a seat not of this LERO; ${NOT_STAFF}`,
  })
  @ApiContractBody(UpdateSeatDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('seatId') seatId: string,
    @Body(new ContractPipe(UpdateSeatDto)) dto: UpdateSeatDto,
  ) {
    return this.representation.updateSeat(ctx, tenantId, seatId, dto);
  }

  @Delete(':seatId')
  @HttpCode(204)
  @ApiDoc({
    summary: 'Delete a seat recorded by mistake',
    description:
      'A seat that ended takes `until` instead. Meetings held at it keep its body and lose the link. Answers 204.',
    who: STAFF,
    errors: `404 for a seat not of this LERO; ${NOT_STAFF}`,
  })
  async remove(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('seatId') seatId: string,
  ): Promise<void> {
    await this.representation.deleteSeat(ctx, tenantId, seatId);
  }
}
