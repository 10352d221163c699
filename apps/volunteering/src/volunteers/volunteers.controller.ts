import { ListVolunteersRequest, VolunteeringSubjects as S, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { VolunteersService } from './volunteers.service';

/** NATS handlers: one-line delegations; the rules live in the service. */
@MessageController()
export class VolunteersController {
  constructor(private readonly volunteers: VolunteersService) {}

  @Answer(S.listVolunteers) list(
    @Ctx() ctx: RequestContext,
    @Data(ListVolunteersRequest) dto: ListVolunteersRequest,
  ) {
    return this.volunteers.list(ctx, dto);
  }
}
