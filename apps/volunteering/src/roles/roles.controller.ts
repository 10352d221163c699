import {
  CreateRoleRequest,
  ListRolesRequest,
  RoleIdRequest,
  UpdateRoleRequest,
  VolunteeringSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { RolesService } from './roles.service';

/** NATS handlers: one-line delegations; the rules live in the service. */
@MessageController()
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Answer(S.createRole) create(@Ctx() ctx: RequestContext, @Data(CreateRoleRequest) dto: CreateRoleRequest) {
    return this.roles.create(ctx, dto);
  }

  @Answer(S.listRoles) list(@Ctx() ctx: RequestContext, @Data(ListRolesRequest) dto: ListRolesRequest) {
    return this.roles.list(ctx, dto);
  }

  @Answer(S.getRole) get(@Ctx() ctx: RequestContext, @Data(RoleIdRequest) dto: RoleIdRequest) {
    return this.roles.get(ctx, dto);
  }

  @Answer(S.updateRole) update(@Ctx() ctx: RequestContext, @Data(UpdateRoleRequest) dto: UpdateRoleRequest) {
    return this.roles.update(ctx, dto);
  }
}
