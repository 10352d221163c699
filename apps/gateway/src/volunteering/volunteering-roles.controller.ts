import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  CreateRoleDto,
  ListRolesQuery,
  UpdateRoleDto,
  VolunteeringClient,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

const ROLE_SHAPE =
  '`{id, title, description, whatYoullDo, skills, requirements: [{id, name, kind}], where, visibility, status, createdAt, updatedAt}`';

@ApiTag('volunteering')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/volunteering/roles')
export class VolunteeringRolesController {
  constructor(private readonly volunteering: VolunteeringClient) {}

  @Post()
  @ApiDoc({
    summary: 'Add a volunteering role',
    description:
      '`{title, visibility, description?, whatYoullDo?, skills?, requirementIds?, where?, status?}`. `requirementIds` ' +
      'are ids of the LERO’s own catalogue of training and checks; `visibility` is `public` or `members`; `status` ' +
      `is \`open\` unless given (\`closed\` keeps it from volunteers and members). Answers the role ${ROLE_SHAPE}.`,
    who: 'The LERO’s tenant-admins and coordinators.',
    errors:
      '400 on `requirementIds` naming an item not in this LERO’s catalogue; 403 for its volunteers and members; 404 for region and platform staff.',
  })
  @ApiContractBody(CreateRoleDto)
  create(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(CreateRoleDto)) dto: CreateRoleDto,
  ) {
    return this.volunteering.createRole(ctx, tenantId, dto);
  }

  @Get()
  @ApiDoc({
    summary: 'The LERO’s volunteering roles',
    description:
      'A page of roles (`limit` 50 unless given, at most 100), optionally of one `status`. Volunteers and members ' +
      'see the open ones only, public and members-only alike.',
    who: 'Anyone holding a role in the LERO: tenant-admins, coordinators, volunteers, members.',
    errors: '404 for region and platform staff.',
  })
  @ApiContractQuery(ListRolesQuery)
  list(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(ListRolesQuery)) query: ListRolesQuery,
  ) {
    return this.volunteering.listRoles(ctx, tenantId, query);
  }

  @Get(':roleId')
  @ApiDoc({
    summary: 'One volunteering role',
    description: `Answers ${ROLE_SHAPE}.`,
    who: 'The LERO’s tenant-admins and coordinators; its volunteers and members while the role is open.',
    errors:
      '404 for a role not of this LERO, a closed one asked by a volunteer or member, and region and platform staff.',
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('roleId') roleId: string,
  ) {
    return this.volunteering.getRole(ctx, tenantId, roleId);
  }

  @Patch(':roleId')
  @ApiDoc({
    summary: 'Change a volunteering role',
    description:
      'Fields left out stay as they are; `null` clears `description`, `whatYoullDo` and `where`; `skills` and ' +
      '`requirementIds` are given whole. `status: closed` takes it out of sight of volunteers and members, `open` ' +
      'publishes it again. Answers the role.',
    who: 'The LERO’s tenant-admins and coordinators.',
    errors:
      '400 on `requirementIds` naming an item not in this LERO’s catalogue; 403 for its volunteers and members; 404 for a role not of this LERO.',
  })
  @ApiContractBody(UpdateRoleDto)
  update(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('roleId') roleId: string,
    @Body(new ContractPipe(UpdateRoleDto)) dto: UpdateRoleDto,
  ) {
    return this.volunteering.updateRole(ctx, tenantId, roleId, dto);
  }
}
