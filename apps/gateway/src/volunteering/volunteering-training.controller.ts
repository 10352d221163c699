import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  CreateTrainingDto,
  ListTrainingQuery,
  UpdateTrainingDto,
  VolunteeringClient,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

@ApiTag('volunteering')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/volunteering/training')
export class VolunteeringTrainingController {
  constructor(private readonly volunteering: VolunteeringClient) {}

  @Post()
  @ApiDoc({
    summary: 'Add training or a check to the LERO’s catalogue',
    description:
      '`{name, kind, validityMonths?}`: `kind` is `training` (safeguarding, naloxone, first aid) or `check` (a DBS ' +
      'check); `validityMonths` (1–120) is how long a completion stays valid, left out or `null` for no expiry. Roles ' +
      'name these as their requirements. Answers the item `{id, name, kind, validityMonths, createdAt, updatedAt}`.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors: '403 for its volunteers and members; 404 for region and platform staff.',
  })
  @ApiContractBody(CreateTrainingDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(CreateTrainingDto)) dto: CreateTrainingDto,
  ) {
    return this.volunteering.createTraining(ctx, tenantId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The LERO’s catalogue of training and checks',
    description: 'A page of the catalogue (`limit` 50 unless given, at most 100), optionally of one `kind`.',
    who: 'Anyone holding a role in the LERO: tenant-admins, coordinators, volunteers, members.',
    errors: '404 for region and platform staff.',
  })
  @ApiContractQuery(ListTrainingQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListTrainingQuery)) query: ListTrainingQuery,
  ) {
    return this.volunteering.listTraining(ctx, tenantId, query);
  }

  @Patch(':trainingId')
  @ApiDoc({
    summary: 'Change an item of the catalogue',
    description:
      'Fields left out stay as they are; `validityMonths: null` makes completions never expire. Answers the item.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors: '403 for its volunteers and members; 404 for an item that is not in this LERO’s catalogue.',
  })
  @ApiContractBody(UpdateTrainingDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('trainingId') trainingId: string,
    @Body(new ContractPipe(UpdateTrainingDto)) dto: UpdateTrainingDto,
  ) {
    return this.volunteering.updateTraining(ctx, tenantId, trainingId, dto);
  }
}
