import {
  ImportPassportRequest,
  MemberCredentialsRequest,
  PassportRequest,
  RevokeCredentialRequest,
  StatusListRequest,
  VerifyPassportDto,
  VolunteeringSubjects as S,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { PassportsService } from './passports.service';
import { PassportImportService } from './passport-import.service';

/** NATS handlers: one-line delegations. Verify, the keys and status lists answer without an actor too. */
@MessageController()
export class PassportsController {
  constructor(
    private readonly passports: PassportsService,
    private readonly imports: PassportImportService,
  ) {}

  @Answer(S.issuePassport) issue(@Ctx() ctx: RequestContext, @Data(PassportRequest) dto: PassportRequest) {
    return this.passports.issue(ctx, dto);
  }

  @Answer(S.verifyPassport) verify(
    @Ctx() ctx: RequestContext,
    @Data(VerifyPassportDto) dto: VerifyPassportDto,
  ) {
    return this.passports.verify(ctx, dto);
  }

  @Answer(S.passportKeys) keys() {
    return this.passports.jwks();
  }

  @Answer(S.statusList) statusList(
    @Ctx() ctx: RequestContext,
    @Data(StatusListRequest) dto: StatusListRequest,
  ) {
    return this.passports.statusList(ctx, dto);
  }

  @Answer(S.importPassport) import(
    @Ctx() ctx: RequestContext,
    @Data(ImportPassportRequest) dto: ImportPassportRequest,
  ) {
    return this.imports.import(ctx, dto);
  }

  @Answer(S.listCredentials) credentials(
    @Ctx() ctx: RequestContext,
    @Data(MemberCredentialsRequest) dto: MemberCredentialsRequest,
  ) {
    return this.passports.credentials(ctx, dto);
  }

  @Answer(S.revokeCredential) revoke(
    @Ctx() ctx: RequestContext,
    @Data(RevokeCredentialRequest) dto: RevokeCredentialRequest,
  ) {
    return this.passports.revoke(ctx, dto);
  }
}
