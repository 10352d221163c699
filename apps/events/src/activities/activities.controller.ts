import {
  ActivityIdRequest,
  CreateActivityRequest,
  EventsSubjects as S,
  ListActivitiesRequest,
  TransitionActivityRequest,
  UpdateActivityRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { ActivitiesService } from './activities.service';
import { ActivityLifecycleService } from './activity-lifecycle.service';

/** NATS handlers: one-line delegations; the rules live in the services. */
@MessageController()
export class ActivitiesController {
  constructor(
    private readonly activities: ActivitiesService,
    private readonly lifecycle: ActivityLifecycleService,
  ) {}

  @Answer(S.createActivity) create(
    @Ctx() ctx: RequestContext,
    @Data(CreateActivityRequest) dto: CreateActivityRequest,
  ) {
    return this.activities.create(ctx, dto);
  }

  @Answer(S.listActivities) list(
    @Ctx() ctx: RequestContext,
    @Data(ListActivitiesRequest) dto: ListActivitiesRequest,
  ) {
    return this.activities.list(ctx, dto);
  }

  @Answer(S.getActivity) get(@Ctx() ctx: RequestContext, @Data(ActivityIdRequest) dto: ActivityIdRequest) {
    return this.activities.get(ctx, dto);
  }

  @Answer(S.updateActivity) update(
    @Ctx() ctx: RequestContext,
    @Data(UpdateActivityRequest) dto: UpdateActivityRequest,
  ) {
    return this.activities.update(ctx, dto);
  }

  @Answer(S.deleteActivity) delete(
    @Ctx() ctx: RequestContext,
    @Data(ActivityIdRequest) dto: ActivityIdRequest,
  ) {
    return this.activities.delete(ctx, dto);
  }

  @Answer(S.transitionActivity) transition(
    @Ctx() ctx: RequestContext,
    @Data(TransitionActivityRequest) dto: TransitionActivityRequest,
  ) {
    return this.lifecycle.transition(ctx, dto);
  }
}
