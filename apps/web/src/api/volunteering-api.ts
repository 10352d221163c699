import type {
  CredentialStatusView,
  IssuedCredentialSummary,
  PassportImportView,
  PassportVerdict,
  PassportQuery,
  PassportView,
  CancelledSignupView,
  ChangeHoursDto,
  InterestOutcome,
  InterestView,
  RoleInterestsView,
  CorrectTrainingRecordDto,
  CreateRoleDto,
  CreateShiftDto,
  CreateTrainingDto,
  ExpiryView,
  HoursEntryView,
  HoursStatus,
  HoursTotalsView,
  LogHoursDto,
  MyShiftsView,
  Page,
  RecordTrainingDto,
  RoleStatus,
  RoleView,
  RotaView,
  ShiftView,
  SignupListView,
  SignupView,
  TrainingRecordView,
  TrainingView,
  UpdateRoleDto,
  UpdateShiftDto,
  UpdateTrainingDto,
} from '@hearth/contracts';
import type { CallContext, HearthApi } from './hearth-api';
import { queryString } from './directory-feed-api';

/** A LERO's volunteering (`/api/v1/tenants/{tenantId}/volunteering/…`, ADRs 0048–0053), as the viewer. */
export class VolunteeringApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
  ) {}

  private call = <T>(method: string, tenantId: string, rest: string, body?: unknown) =>
    this.api.request<T>(
      method,
      `/api/v1/tenants/${encodeURIComponent(tenantId)}/volunteering${rest}`,
      this.ctx,
      body,
    );

  // The catalogue of training and checks.
  training = (tenantId: string) => this.call<Page<TrainingView>>('GET', tenantId, '/training?limit=100');
  addTraining = (tenantId: string, dto: CreateTrainingDto) =>
    this.call<TrainingView>('POST', tenantId, '/training', dto);
  changeTraining = (tenantId: string, trainingId: string, dto: UpdateTrainingDto) =>
    this.call<TrainingView>('PATCH', tenantId, `/training/${id(trainingId)}`, dto);

  // Roles.
  roles = (tenantId: string, query: { status?: RoleStatus; cursor?: string } = {}) =>
    this.call<Page<RoleView>>('GET', tenantId, `/roles${queryString({ limit: 100, ...query })}`);
  role = (tenantId: string, roleId: string) => this.call<RoleView>('GET', tenantId, `/roles/${id(roleId)}`);
  createRole = (tenantId: string, dto: CreateRoleDto) => this.call<RoleView>('POST', tenantId, '/roles', dto);
  changeRole = (tenantId: string, roleId: string, dto: UpdateRoleDto) =>
    this.call<RoleView>('PATCH', tenantId, `/roles/${id(roleId)}`, dto);

  // Shifts and the rota.
  shifts = (tenantId: string, roleId: string, cursor?: string) =>
    this.call<Page<ShiftView>>(
      'GET',
      tenantId,
      `/roles/${id(roleId)}/shifts${queryString({ limit: 100, cursor })}`,
    );
  shift = (tenantId: string, shiftId: string) =>
    this.call<ShiftView>('GET', tenantId, `/shifts/${id(shiftId)}`);
  createShift = (tenantId: string, roleId: string, dto: CreateShiftDto) =>
    this.call<ShiftView>('POST', tenantId, `/roles/${id(roleId)}/shifts`, dto);
  changeShift = (tenantId: string, shiftId: string, dto: UpdateShiftDto) =>
    this.call<ShiftView>('PATCH', tenantId, `/shifts/${id(shiftId)}`, dto);
  cancelShift = (tenantId: string, shiftId: string, reason?: string) =>
    this.call<ShiftView>('POST', tenantId, `/shifts/${id(shiftId)}/cancel`, reason ? { reason } : {});
  rota = (tenantId: string, week?: string) =>
    this.call<RotaView>('GET', tenantId, `/rota${queryString({ week })}`);

  // Sign-ups to one occurrence (its local date).
  signups = (tenantId: string, shiftId: string, date: string) =>
    this.call<SignupListView>('GET', tenantId, `/shifts/${id(shiftId)}/signups${queryString({ date })}`);
  signUp = (tenantId: string, shiftId: string, memberId: string, date: string) =>
    this.call<SignupView>('POST', tenantId, `/shifts/${id(shiftId)}/signups`, { memberId, date });
  cancelSignup = (tenantId: string, shiftId: string, memberId: string, date: string) =>
    this.call<CancelledSignupView>(
      'DELETE',
      tenantId,
      `/shifts/${id(shiftId)}/signups/${id(memberId)}${queryString({ date })}`,
    );
  /** The caller's own coming places, soonest first (ADR 0055); an account with no member record has none. */
  myShifts = (tenantId: string, range: { from?: string; to?: string } = {}) =>
    this.call<MyShiftsView>('GET', tenantId, `/me/shifts${queryString(range)}`);

  // Volunteers' training records.
  records = (tenantId: string, memberId: string) =>
    this.call<Page<TrainingRecordView>>('GET', tenantId, `/volunteers/${id(memberId)}/training?limit=100`);
  record = (tenantId: string, memberId: string, dto: RecordTrainingDto) =>
    this.call<TrainingRecordView>('POST', tenantId, `/volunteers/${id(memberId)}/training`, dto);
  correctRecord = (tenantId: string, memberId: string, recordId: string, dto: CorrectTrainingRecordDto) =>
    this.call<TrainingRecordView>(
      'PATCH',
      tenantId,
      `/volunteers/${id(memberId)}/training/${id(recordId)}`,
      dto,
    );
  removeRecord = (tenantId: string, memberId: string, recordId: string) =>
    this.call<void>('DELETE', tenantId, `/volunteers/${id(memberId)}/training/${id(recordId)}`);
  expiring = (tenantId: string, days = 30) =>
    this.call<Page<ExpiryView>>(
      'GET',
      tenantId,
      `/training-records/expiring${queryString({ days, limit: 100 })}`,
    );
  expired = (tenantId: string) =>
    this.call<Page<ExpiryView>>('GET', tenantId, '/training-records/expired?limit=100');

  // Hours (ADR 0054): the LERO's entries (oldest first; `pending` is the approvals queue), the caller's own, totals.
  hours = (tenantId: string, query: { status?: HoursStatus; memberId?: string; cursor?: string } = {}) =>
    this.call<Page<HoursEntryView>>('GET', tenantId, `/hours${queryString({ limit: 100, ...query })}`);
  logHours = (tenantId: string, dto: LogHoursDto) =>
    this.call<HoursEntryView>('POST', tenantId, '/hours', dto);
  approveHours = (tenantId: string, entryId: string, minutes?: number) =>
    this.call<HoursEntryView>(
      'POST',
      tenantId,
      `/hours/${id(entryId)}/approve`,
      minutes === undefined ? {} : { minutes },
    );
  declineHours = (tenantId: string, entryId: string, reason: string) =>
    this.call<HoursEntryView>('POST', tenantId, `/hours/${id(entryId)}/decline`, { reason });
  myHours = (tenantId: string, cursor?: string) =>
    this.call<Page<HoursEntryView>>('GET', tenantId, `/me/hours${queryString({ limit: 100, cursor })}`);
  myHoursTotals = (tenantId: string) => this.call<HoursTotalsView>('GET', tenantId, '/me/hours/totals');
  hoursTotals = (tenantId: string, memberId: string) =>
    this.call<HoursTotalsView>('GET', tenantId, `/volunteers/${id(memberId)}/hours/totals`);

  // The volunteer's passport and letter of volunteering (ADRs 0056, 0064); an issued credential's public check.
  passport = (tenantId: string, query: PassportQuery) =>
    this.call<PassportView>('GET', tenantId, `/me/passport${queryString(query)}`);
  letter = (tenantId: string, query: PassportQuery) =>
    this.api.download(
      `/api/v1/tenants/${id(tenantId)}/volunteering/me/record.pdf${queryString(query)}`,
      this.ctx,
    );
  credentialStatus = (tenantId: string, credentialId: string) =>
    this.api.request<CredentialStatusView>(
      'GET',
      `/api/v1/public/volunteering/issuers/${id(tenantId)}/credentials/${id(credentialId)}`,
      this.ctx,
    );
  changeMyHours = (tenantId: string, entryId: string, dto: ChangeHoursDto) =>
    this.call<HoursEntryView>('PATCH', tenantId, `/me/hours/${id(entryId)}`, dto);
  withdrawMyHours = (tenantId: string, entryId: string) =>
    this.call<void>('DELETE', tenantId, `/me/hours/${id(entryId)}`);

  // Interest in roles (ADR 0063): the caller's own, and the staff's list and follow-up of a role's.
  myInterests = (tenantId: string) =>
    this.call<Page<InterestView>>('GET', tenantId, '/me/interests?limit=100');
  expressInterest = (tenantId: string, roleId: string, note: string) =>
    this.call<InterestView>('POST', tenantId, `/roles/${id(roleId)}/interest`, note ? { note } : {});
  withdrawInterest = (tenantId: string, roleId: string) =>
    this.call<void>('DELETE', tenantId, `/roles/${id(roleId)}/interest`);
  roleInterests = (tenantId: string, roleId: string) =>
    this.call<RoleInterestsView>('GET', tenantId, `/roles/${id(roleId)}/interests?limit=100`);
  closeInterest = (tenantId: string, interestId: string, outcome: InterestOutcome) =>
    this.call<InterestView>('POST', tenantId, `/interests/${id(interestId)}/close`, { outcome });

  // Staff: verify a passport someone gives the LERO, import its training, revoke what the LERO issued (ADR 0056).
  verifyPassport = (passport: string) =>
    this.api.request<PassportVerdict>('POST', '/api/v1/volunteering/passports/verify', this.ctx, {
      passport,
    });
  importPassport = (tenantId: string, memberId: string, passport: string) =>
    this.call<PassportImportView>('POST', tenantId, `/volunteers/${id(memberId)}/training/import`, {
      passport,
    });
  credentials = (tenantId: string, memberId: string) =>
    this.call<{ items: IssuedCredentialSummary[] }>(
      'GET',
      tenantId,
      `/volunteers/${id(memberId)}/credentials`,
    );
  revokeCredential = (tenantId: string, credentialId: string) =>
    this.call<IssuedCredentialSummary>('POST', tenantId, `/credentials/${id(credentialId)}/revoke`);
}

const id = (value: string) => encodeURIComponent(value);
