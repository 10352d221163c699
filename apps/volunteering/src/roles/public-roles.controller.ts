import { PublicRolesRequest, VolunteeringSubjects as S, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { PublicRolesService } from './public-roles.service';

/** NATS handler of the public page's roles: a one-line delegation. */
@MessageController()
export class PublicRolesController {
  constructor(private readonly roles: PublicRolesService) {}

  @Answer(S.publicRoles) list(@Ctx() ctx: RequestContext, @Data(PublicRolesRequest) dto: PublicRolesRequest) {
    return this.roles.list(ctx, dto);
  }
}
