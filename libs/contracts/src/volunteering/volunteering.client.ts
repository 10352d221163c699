import type { RequestContext } from '../envelope';
import type { Requester } from '../requester';
import type { Page, PageQuery } from '../paging';
import { LERO_EXPORT_PAGE_TIMEOUT_MS, type LeroExportPage } from '../lero-export';
import { VolunteeringSubjects as S } from './subjects';
import type { VolunteeringExportPart } from './lero-export.dto';
import type { CreateTrainingDto, ListTrainingQuery, TrainingView, UpdateTrainingDto } from './training.dto';
import type {
  CancelShiftDto,
  CreateShiftDto,
  RotaQuery,
  RotaView,
  ShiftView,
  UpdateShiftDto,
} from './shift.dto';
import type { PublicRolesView } from './public-role.dto';
import type { CreateRoleDto, ListRolesQuery, RoleView, UpdateRoleDto } from './role.dto';
import type { ListVolunteersQuery, VolunteerView } from './volunteer.dto';
import type {
  CorrectTrainingRecordDto,
  ExpiringTrainingQuery,
  ExpiryView,
  RecordTrainingDto,
  TrainingRecordView,
} from './training-record.dto';
import type {
  CancelledSignupView,
  CreateSignupDto,
  ShiftDateQuery,
  SignupListView,
  SignupView,
} from './signup.dto';
import type {
  CredentialStatusView,
  ImportPassportDto,
  IssuedCredentialSummary,
  PassportImportView,
  PassportQuery,
  PassportVerdict,
  PassportView,
} from './passport.dto';
import type {
  ChangeHoursDto,
  ApproveHoursDto,
  DeclineHoursDto,
  HoursEntryView,
  HoursTotalsView,
  ListHoursQuery,
  LogHoursDto,
  MyHoursQuery,
} from './hours.dto';
import type { MyShiftsQuery, MyShiftsView } from './my-shifts.dto';
import type {
  CloseInterestDto,
  ExpressInterestDto,
  InterestView,
  ListInterestsQuery,
  RoleInterestsView,
} from './interest.dto';

/** The typed face of the volunteering service for its callers (the gateway). */
export class VolunteeringClient {
  constructor(private readonly bus: Requester) {}

  createTraining = (ctx: RequestContext, tenantId: string, dto: CreateTrainingDto) =>
    this.bus.request<TrainingView>(S.createTraining, ctx, { ...dto, tenantId });
  listTraining = (ctx: RequestContext, tenantId: string, query: ListTrainingQuery) =>
    this.bus.request<Page<TrainingView>>(S.listTraining, ctx, { ...query, tenantId });
  updateTraining = (ctx: RequestContext, tenantId: string, trainingId: string, dto: UpdateTrainingDto) =>
    this.bus.request<TrainingView>(S.updateTraining, ctx, { ...dto, tenantId, trainingId });

  createRole = (ctx: RequestContext, tenantId: string, dto: CreateRoleDto) =>
    this.bus.request<RoleView>(S.createRole, ctx, { ...dto, tenantId });
  listRoles = (ctx: RequestContext, tenantId: string, query: ListRolesQuery) =>
    this.bus.request<Page<RoleView>>(S.listRoles, ctx, { ...query, tenantId });
  getRole = (ctx: RequestContext, tenantId: string, roleId: string) =>
    this.bus.request<RoleView>(S.getRole, ctx, { tenantId, roleId });
  updateRole = (ctx: RequestContext, tenantId: string, roleId: string, dto: UpdateRoleDto) =>
    this.bus.request<RoleView>(S.updateRole, ctx, { ...dto, tenantId, roleId });

  listVolunteers = (ctx: RequestContext, tenantId: string, query: ListVolunteersQuery) =>
    this.bus.request<Page<VolunteerView>>(S.listVolunteers, ctx, { ...query, tenantId });
  createShift = (ctx: RequestContext, tenantId: string, roleId: string, dto: CreateShiftDto) =>
    this.bus.request<ShiftView>(S.createShift, ctx, { ...dto, tenantId, roleId });
  listShifts = (ctx: RequestContext, tenantId: string, roleId: string, query: PageQuery) =>
    this.bus.request<Page<ShiftView>>(S.listShifts, ctx, { ...query, tenantId, roleId });
  getShift = (ctx: RequestContext, tenantId: string, shiftId: string) =>
    this.bus.request<ShiftView>(S.getShift, ctx, { tenantId, shiftId });
  updateShift = (ctx: RequestContext, tenantId: string, shiftId: string, dto: UpdateShiftDto) =>
    this.bus.request<ShiftView>(S.updateShift, ctx, { ...dto, tenantId, shiftId });
  cancelShift = (ctx: RequestContext, tenantId: string, shiftId: string, dto: CancelShiftDto) =>
    this.bus.request<ShiftView>(S.cancelShift, ctx, { ...dto, tenantId, shiftId });
  rota = (ctx: RequestContext, tenantId: string, query: RotaQuery) =>
    this.bus.request<RotaView>(S.rota, ctx, { ...query, tenantId });

  recordTraining = (ctx: RequestContext, tenantId: string, memberId: string, dto: RecordTrainingDto) =>
    this.bus.request<TrainingRecordView>(S.recordTraining, ctx, { ...dto, tenantId, memberId });
  listTrainingRecords = (ctx: RequestContext, tenantId: string, memberId: string, query: PageQuery) =>
    this.bus.request<Page<TrainingRecordView>>(S.listTrainingRecords, ctx, { ...query, tenantId, memberId });
  correctTrainingRecord = (
    ctx: RequestContext,
    tenantId: string,
    memberId: string,
    recordId: string,
    dto: CorrectTrainingRecordDto,
  ) =>
    this.bus.request<TrainingRecordView>(S.correctTrainingRecord, ctx, {
      ...dto,
      tenantId,
      memberId,
      recordId,
    });
  removeTrainingRecord = (ctx: RequestContext, tenantId: string, memberId: string, recordId: string) =>
    this.bus.request<{ removed: true }>(S.removeTrainingRecord, ctx, { tenantId, memberId, recordId });
  expiringTraining = (ctx: RequestContext, tenantId: string, query: ExpiringTrainingQuery) =>
    this.bus.request<Page<ExpiryView>>(S.expiringTraining, ctx, { ...query, tenantId });
  expiredTraining = (ctx: RequestContext, tenantId: string, query: PageQuery) =>
    this.bus.request<Page<ExpiryView>>(S.expiredTraining, ctx, { ...query, tenantId });
  createSignup = (ctx: RequestContext, tenantId: string, shiftId: string, dto: CreateSignupDto) =>
    this.bus.request<SignupView>(S.createSignup, ctx, { ...dto, tenantId, shiftId });
  cancelSignup = (
    ctx: RequestContext,
    tenantId: string,
    shiftId: string,
    memberId: string,
    query: ShiftDateQuery,
  ) => this.bus.request<CancelledSignupView>(S.cancelSignup, ctx, { ...query, tenantId, shiftId, memberId });
  listSignups = (ctx: RequestContext, tenantId: string, shiftId: string, query: ShiftDateQuery) =>
    this.bus.request<SignupListView>(S.listSignups, ctx, { ...query, tenantId, shiftId });
  issuePassport = (ctx: RequestContext, tenantId: string, query: PassportQuery) =>
    this.bus.request<PassportView>(S.issuePassport, ctx, { ...query, tenantId });
  verifyPassport = (ctx: RequestContext, passport: string) =>
    this.bus.request<PassportVerdict>(S.verifyPassport, ctx, { passport });
  passportKeys = (ctx: RequestContext) => this.bus.request<{ keys: object[] }>(S.passportKeys, ctx, {});
  statusList = (ctx: RequestContext, tenantId: string, listId: string) =>
    this.bus.request<{ credential: string }>(S.statusList, ctx, { tenantId, listId });
  credentialStatus = (ctx: RequestContext, tenantId: string, credentialId: string) =>
    this.bus.request<CredentialStatusView>(S.credentialStatus, ctx, { tenantId, credentialId });
  importPassport = (ctx: RequestContext, tenantId: string, memberId: string, dto: ImportPassportDto) =>
    this.bus.request<PassportImportView>(S.importPassport, ctx, { ...dto, tenantId, memberId });
  listCredentials = (ctx: RequestContext, tenantId: string, memberId: string) =>
    this.bus.request<{ items: IssuedCredentialSummary[] }>(S.listCredentials, ctx, { tenantId, memberId });
  revokeCredential = (ctx: RequestContext, tenantId: string, credentialId: string) =>
    this.bus.request<IssuedCredentialSummary>(S.revokeCredential, ctx, { tenantId, credentialId });
  publicRoles = (ctx: RequestContext, slug: string) =>
    this.bus.request<PublicRolesView>(S.publicRoles, ctx, { slug });

  logHours = (ctx: RequestContext, tenantId: string, dto: LogHoursDto) =>
    this.bus.request<HoursEntryView>(S.logHours, ctx, { ...dto, tenantId });
  listHours = (ctx: RequestContext, tenantId: string, query: ListHoursQuery) =>
    this.bus.request<Page<HoursEntryView>>(S.listHours, ctx, { ...query, tenantId });
  approveHours = (ctx: RequestContext, tenantId: string, entryId: string, dto: ApproveHoursDto) =>
    this.bus.request<HoursEntryView>(S.approveHours, ctx, { ...dto, tenantId, entryId });
  declineHours = (ctx: RequestContext, tenantId: string, entryId: string, dto: DeclineHoursDto) =>
    this.bus.request<HoursEntryView>(S.declineHours, ctx, { ...dto, tenantId, entryId });
  myHours = (ctx: RequestContext, tenantId: string, query: MyHoursQuery) =>
    this.bus.request<Page<HoursEntryView>>(S.myHours, ctx, { ...query, tenantId });
  hoursTotals = (ctx: RequestContext, tenantId: string, memberId: string) =>
    this.bus.request<HoursTotalsView>(S.hoursTotals, ctx, { tenantId, memberId });
  myHoursTotals = (ctx: RequestContext, tenantId: string) =>
    this.bus.request<HoursTotalsView>(S.myHoursTotals, ctx, { tenantId });
  changeMyHours = (ctx: RequestContext, tenantId: string, entryId: string, dto: ChangeHoursDto) =>
    this.bus.request<HoursEntryView>(S.changeMyHours, ctx, { ...dto, tenantId, entryId });
  withdrawMyHours = (ctx: RequestContext, tenantId: string, entryId: string) =>
    this.bus.request<{ withdrawn: boolean }>(S.withdrawMyHours, ctx, { tenantId, entryId });

  expressInterest = (ctx: RequestContext, tenantId: string, roleId: string, dto: ExpressInterestDto) =>
    this.bus.request<InterestView>(S.expressInterest, ctx, { ...dto, tenantId, roleId });
  withdrawInterest = (ctx: RequestContext, tenantId: string, roleId: string) =>
    this.bus.request<{ withdrawn: boolean }>(S.withdrawInterest, ctx, { tenantId, roleId });
  myInterests = (ctx: RequestContext, tenantId: string, query: PageQuery) =>
    this.bus.request<Page<InterestView>>(S.myInterests, ctx, { ...query, tenantId });
  listInterests = (ctx: RequestContext, tenantId: string, roleId: string, query: ListInterestsQuery) =>
    this.bus.request<RoleInterestsView>(S.listInterests, ctx, { ...query, tenantId, roleId });
  closeInterest = (ctx: RequestContext, tenantId: string, interestId: string, dto: CloseInterestDto) =>
    this.bus.request<InterestView>(S.closeInterest, ctx, { ...dto, tenantId, interestId });
  /** A page of one of volunteering's parts of a LERO's archive (ADR 0060); its tenant-admins only. */
  leroExportPage = (ctx: RequestContext, tenantId: string, part: VolunteeringExportPart, cursor?: string) =>
    this.bus.request<LeroExportPage>(
      S.leroExportPage,
      ctx,
      { tenantId, part, ...(cursor ? { cursor } : {}) },
      { timeoutMs: LERO_EXPORT_PAGE_TIMEOUT_MS },
    );
  myShifts = (ctx: RequestContext, tenantId: string, query: MyShiftsQuery) =>
    this.bus.request<MyShiftsView>(S.myShifts, ctx, { ...query, tenantId });
}
