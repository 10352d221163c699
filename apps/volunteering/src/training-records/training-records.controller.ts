import {
  CorrectTrainingRecordRequest,
  ExpiredTrainingRequest,
  ExpiringTrainingRequest,
  ListTrainingRecordsRequest,
  RecordTrainingRequest,
  RemoveTrainingRecordRequest,
  VolunteeringSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { TrainingRecordsService } from './training-records.service';

/** NATS handlers: one-line delegations; the rules live in the service. */
@MessageController()
export class TrainingRecordsController {
  constructor(private readonly records: TrainingRecordsService) {}

  @Answer(S.recordTraining) record(
    @Ctx() ctx: RequestContext,
    @Data(RecordTrainingRequest) dto: RecordTrainingRequest,
  ) {
    return this.records.record(ctx, dto);
  }

  @Answer(S.listTrainingRecords) list(
    @Ctx() ctx: RequestContext,
    @Data(ListTrainingRecordsRequest) dto: ListTrainingRecordsRequest,
  ) {
    return this.records.list(ctx, dto);
  }

  @Answer(S.correctTrainingRecord) correct(
    @Ctx() ctx: RequestContext,
    @Data(CorrectTrainingRecordRequest) dto: CorrectTrainingRecordRequest,
  ) {
    return this.records.correct(ctx, dto);
  }

  @Answer(S.removeTrainingRecord) remove(
    @Ctx() ctx: RequestContext,
    @Data(RemoveTrainingRecordRequest) dto: RemoveTrainingRecordRequest,
  ) {
    return this.records.remove(ctx, dto);
  }

  @Answer(S.expiringTraining) expiring(
    @Ctx() ctx: RequestContext,
    @Data(ExpiringTrainingRequest) dto: ExpiringTrainingRequest,
  ) {
    return this.records.expiring(ctx, dto);
  }

  @Answer(S.expiredTraining) expired(
    @Ctx() ctx: RequestContext,
    @Data(ExpiredTrainingRequest) dto: ExpiredTrainingRequest,
  ) {
    return this.records.expired(ctx, dto);
  }
}
