import { RotaRequest, VolunteeringSubjects as S, type RequestContext } from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { RotaService } from './rota.service';

/** NATS handlers: one-line delegations; the rules live in the service. */
@MessageController()
export class RotaController {
  constructor(private readonly rota: RotaService) {}

  @Answer(S.rota) week(@Ctx() ctx: RequestContext, @Data(RotaRequest) dto: RotaRequest) {
    return this.rota.week(ctx, dto);
  }
}
