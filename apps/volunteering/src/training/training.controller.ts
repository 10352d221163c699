import {
  CreateTrainingRequest,
  ListTrainingRequest,
  UpdateTrainingRequest,
  VolunteeringSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { TrainingService } from './training.service';

/** NATS handlers: one-line delegations; the rules live in the service. */
@MessageController()
export class TrainingController {
  constructor(private readonly training: TrainingService) {}

  @Answer(S.createTraining) create(
    @Ctx() ctx: RequestContext,
    @Data(CreateTrainingRequest) dto: CreateTrainingRequest,
  ) {
    return this.training.create(ctx, dto);
  }

  @Answer(S.listTraining) list(
    @Ctx() ctx: RequestContext,
    @Data(ListTrainingRequest) dto: ListTrainingRequest,
  ) {
    return this.training.list(ctx, dto);
  }

  @Answer(S.updateTraining) update(
    @Ctx() ctx: RequestContext,
    @Data(UpdateTrainingRequest) dto: UpdateTrainingRequest,
  ) {
    return this.training.update(ctx, dto);
  }
}
