import type {
  AcceptInvitationDto,
  ActivityTransition,
  ActivityView,
  AttendanceView,
  BreakGlassDto,
  BreakGlassView,
  ChangePasswordDto,
  CheckInView,
  ConfirmTotpDto,
  DisableTwoFactorDto,
  ConsentRecordView,
  CreateActivityDto,
  CreateMemberDto,
  CreateRegionDto,
  CreateTenantDto,
  ImpactChartQuery,
  ColumnChoice,
  ImportPreviewView,
  ImportResultView,
  InvitationView,
  LeroImpactQuery,
  LeroImpactReport,
  ListMembersQuery,
  ListSessionsQuery,
  LoginDto,
  LoginResult,
  MeView,
  MemberExportView,
  MemberSheetFormat,
  MemberSummaryView,
  MemberView,
  OnboardedTenantView,
  Page,
  PasswordResetView,
  PublicSessionsView,
  RegionImpactQuery,
  RegionImpactReport,
  RegionInvitationDto,
  RegionRole,
  RegionTeamView,
  RegionView,
  RecoveryCodesView,
  RegisterCountsView,
  RegisterEntryDto,
  RegisterEntryView,
  RsvpListView,
  RsvpView,
  SecondFactorDto,
  SessionPage,
  SessionView,
  SignInSessionView,
  TenantInvitationDto,
  TenantRole,
  TenantTeamView,
  TenantTransition,
  TenantView,
  TokenPair,
  TotpSetupView,
  TwoFactorEnabledView,
  UpdateActivityDto,
  UpdateMeDto,
  UpdateMemberDto,
} from '@hearth/contracts';
import { traceHeadersOf } from '@hearth/platform';
import { ApiError, parseJson } from './api-error';
import { SHEET_TYPES, type ApiFile, type CallContext, type SheetFile } from './api-types';
import type { ApiFetch } from './in-process-api';

export type { ApiFile, CallContext, SheetFile } from './api-types';

/**
 * The web app's only way to Hearth: the gateway's HTTP API. Every answer that is not 2xx becomes an
 * `ApiError` carrying the problem+json fields; a gateway that does not answer becomes a 503.
 */
export class HearthApi {
  constructor(
    private readonly baseUrl: () => string,
    private readonly timeoutMs = 10_000,
    private readonly fetchImpl: ApiFetch = fetch,
  ) {}

  for(ctx: CallContext): HearthApiCalls {
    return new HearthApiCalls(this, ctx);
  }

  /**
   * One call. A body is sent as JSON unless `options.contentType` says otherwise (then it is a string or bytes:
   * an imported file); `options.text` returns the answer as text (the calendar feed, a CSV or SVG report, asked
   * for with `options.accept`) and `options.bytes` as bytes (a spreadsheet) instead of parsed JSON.
   */
  async request<T>(
    method: string,
    path: string,
    ctx: CallContext,
    body?: unknown,
    options: {
      contentType?: string;
      text?: boolean;
      bytes?: boolean;
      accept?: string;
      timeoutMs?: number;
      headers?: Record<string, string>;
      redirect?: boolean; // a redirect is the answer: its Location and headers (single sign-on's start)
    } = {},
  ): Promise<T> {
    const headers = this.headers(
      ctx,
      options.accept ?? (options.text || options.bytes ? '*/*' : 'application/json'),
      options.headers,
    );
    if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl()}${path}`, {
        method,
        headers,
        body:
          body === undefined
            ? undefined
            : body instanceof Uint8Array
              ? new Uint8Array(body)
              : options.contentType
                ? String(body)
                : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs),
        redirect: 'manual',
      });
    } catch {
      throw ApiError.unavailable();
    }
    if (options.redirect && res.status >= 300 && res.status < 400 && res.headers.get('location'))
      return { location: res.headers.get('location'), headers: res.headers } as T;
    if (res.ok && options.bytes) return Buffer.from(await res.arrayBuffer()) as T;
    const text = await res.text().catch(() => '');
    if (res.ok && options.text) return text as T;
    if (!res.ok) throw ApiError.fromResponse(res, text);
    return (text ? parseJson(text) : undefined) as T;
  }

  private headers(ctx: CallContext, accept: string, extra: Record<string, string> = {}) {
    // The page's trace goes on to the gateway (ADR 0087).
    const headers: Record<string, string> = { ...extra, ...traceHeadersOf(), accept };
    if (ctx.accessToken) headers.authorization = `Bearer ${ctx.accessToken}`;
    // The gateway takes the client's address from here only where it is configured to trust this hop.
    if (ctx.clientIp) headers['x-forwarded-for'] = ctx.clientIp;
    if (ctx.requestId) headers['x-request-id'] = ctx.requestId;
    return headers;
  }

  /**
   * A file the API sends (a spreadsheet, a PDF, a LERO's archive), handed on unread as it comes. Only the wait
   * for the answer to begin is bounded: an archive can take longer to send than any call takes to answer. A
   * refusal becomes an `ApiError` as for any call.
   */
  async download(path: string, ctx: CallContext): Promise<ApiFile> {
    const started = new AbortController();
    const timer = setTimeout(() => started.abort(), this.timeoutMs);
    let res: Response;
    try {
      const headers = this.headers(ctx, '*/*');
      res = await this.fetchImpl(`${this.baseUrl()}${path}`, {
        headers,
        signal: started.signal,
        redirect: 'manual',
      });
    } catch {
      throw ApiError.unavailable();
    } finally {
      clearTimeout(timer);
    }
    if (!res.ok || !res.body) throw ApiError.fromResponse(res, await res.text().catch(() => ''));
    return {
      contentType: res.headers.get('content-type') ?? 'application/octet-stream',
      disposition: res.headers.get('content-disposition') ?? 'attachment',
      body: res.body,
    };
  }
}

const q = (params: object) => {
  const entries = Object.entries(params).filter(
    (e): e is [string, string | number] => e[1] !== undefined && e[1] !== '',
  );
  return entries.length
    ? `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}`
    : '';
};

const id = (value: string) => encodeURIComponent(value);

/** The gateway's routes the web app uses, typed with the contracts' views. */
export class HearthApiCalls {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
  ) {}

  private call = <T>(method: string, path: string, body?: unknown) =>
    this.api.request<T>(method, path, this.ctx, body);

  private lero = (tenantId: string, rest: string) => `/api/v1/tenants/${id(tenantId)}${rest}`;

  private text = (path: string, accept = '*/*') =>
    this.api.request<string>('GET', path, this.ctx, undefined, { text: true, accept });

  login = (dto: LoginDto) => this.call<LoginResult>('POST', '/api/v1/auth/login', dto);
  secondFactor = (dto: SecondFactorDto) =>
    this.call<TokenPair>('POST', '/api/v1/auth/login/second-factor', dto);
  /** Whether this token's sign-in still lasts (401 once it has ended). */
  signInSession = () => this.call<SignInSessionView>('GET', '/api/v1/auth/session');
  refresh = (refreshToken: string) => this.call<TokenPair>('POST', '/api/v1/auth/refresh', { refreshToken });
  logout = (refreshToken: string) => this.call<void>('POST', '/api/v1/auth/logout', { refreshToken });
  me = () => this.call<MeView>('GET', '/api/v1/me');

  regions = () => this.call<{ items: RegionView[] }>('GET', '/api/v1/regions');
  createRegion = (dto: CreateRegionDto) => this.call<RegionView>('POST', '/api/v1/regions', dto);
  inviteToRegion = (regionId: string, dto: RegionInvitationDto) =>
    this.call<InvitationView>('POST', `/api/v1/regions/${id(regionId)}/invitations`, dto);

  tenants = (query: { regionId?: string; cursor?: string; limit?: number } = {}) =>
    this.call<Page<TenantView>>('GET', `/api/v1/tenants${q(query)}`);
  tenant = (tenantId: string) => this.call<TenantView>('GET', `/api/v1/tenants/${id(tenantId)}`);
  createTenant = (dto: CreateTenantDto) => this.call<OnboardedTenantView>('POST', '/api/v1/tenants', dto);
  transitionTenant = (tenantId: string, transition: TenantTransition) =>
    this.call<TenantView>('POST', `/api/v1/tenants/${id(tenantId)}/${transition}`);
  inviteToTenant = (tenantId: string, dto: TenantInvitationDto) =>
    this.call<InvitationView>('POST', `/api/v1/tenants/${id(tenantId)}/invitations`, dto);

  acceptInvitation = (dto: AcceptInvitationDto) =>
    this.call<{ accountId: string }>('POST', '/api/v1/invitations/accept', dto);
  cancelInvitation = (invitationId: string) =>
    this.call<void>('DELETE', `/api/v1/invitations/${id(invitationId)}`);

  // The access lifecycle: teams, taking roles away, accounts, passwords, sessions.
  tenantTeam = (tenantId: string) => this.call<TenantTeamView>('GET', this.lero(tenantId, '/team'));
  removeTenantRole = (tenantId: string, accountId: string, role: TenantRole) =>
    this.call<void>('DELETE', this.lero(tenantId, `/team/${id(accountId)}/roles/${id(role)}`));
  breakGlass = (tenantId: string, dto: BreakGlassDto) =>
    this.call<BreakGlassView>('POST', this.lero(tenantId, '/break-glass'), dto);
  regionTeam = (regionId: string) => this.call<RegionTeamView>('GET', `/api/v1/regions/${id(regionId)}/team`);
  removeRegionRole = (regionId: string, accountId: string, role: RegionRole) =>
    this.call<void>('DELETE', `/api/v1/regions/${id(regionId)}/team/${id(accountId)}/roles/${id(role)}`);
  disableAccount = (accountId: string) =>
    this.call<void>('POST', `/api/v1/accounts/${id(accountId)}/disable`);
  enableAccount = (accountId: string) => this.call<void>('POST', `/api/v1/accounts/${id(accountId)}/enable`);
  requestPasswordReset = (accountId: string) =>
    this.call<PasswordResetView>('POST', `/api/v1/accounts/${id(accountId)}/password-reset`);
  changePassword = (dto: ChangePasswordDto) => this.call<void>('POST', '/api/v1/auth/password', dto);
  forgotPassword = (email: string) => this.call<void>('POST', '/api/v1/auth/forgot-password', { email });
  /** A session reminder's link (ADR 0081): that person gets no more reminders. */
  unsubscribeReminders = (token: string) => this.call<void>('POST', '/api/v1/public/unsubscribe', { token });
  completePasswordReset = (token: string, newPassword: string) =>
    this.call<void>('POST', '/api/v1/auth/password-reset', { token, newPassword });
  logoutAll = () => this.call<void>('POST', '/api/v1/auth/logout-all');

  // Two-factor sign-in (ADR 15).
  startTotp = () => this.call<TotpSetupView>('POST', '/api/v1/auth/two-factor/totp');
  pendingTotp = () => this.call<TotpSetupView>('GET', '/api/v1/auth/two-factor/totp');
  confirmTotp = (dto: ConfirmTotpDto) =>
    this.call<TwoFactorEnabledView>('POST', '/api/v1/auth/two-factor/totp/confirm', dto);
  regenerateRecoveryCodes = (currentPassword: string) =>
    this.call<RecoveryCodesView>('POST', '/api/v1/auth/two-factor/recovery-codes', { currentPassword });
  disableTwoFactor = (dto: DisableTwoFactorDto) =>
    this.call<void>('POST', '/api/v1/auth/two-factor/disable', dto);

  // A LERO's people (membership).
  members = (tenantId: string, query: ListMembersQuery = {}) =>
    this.call<Page<MemberView | MemberSummaryView>>('GET', this.lero(tenantId, `/members${q(query)}`));
  member = (tenantId: string, memberId: string) =>
    this.call<MemberView>('GET', this.lero(tenantId, `/members/${id(memberId)}`));
  createMember = (tenantId: string, dto: CreateMemberDto) =>
    this.call<MemberView>('POST', this.lero(tenantId, '/members'), dto);
  updateMember = (tenantId: string, memberId: string, dto: UpdateMemberDto) =>
    this.call<MemberView>('PATCH', this.lero(tenantId, `/members/${id(memberId)}`), dto);
  leaveMember = (tenantId: string, memberId: string) =>
    this.call<MemberView>('POST', this.lero(tenantId, `/members/${id(memberId)}/leave`));
  rejoinMember = (tenantId: string, memberId: string) =>
    this.call<MemberView>('POST', this.lero(tenantId, `/members/${id(memberId)}/rejoin`));
  eraseMember = (tenantId: string, memberId: string) =>
    this.call<void>('DELETE', this.lero(tenantId, `/members/${id(memberId)}`));
  memberConsents = (tenantId: string, memberId: string) =>
    this.call<{ items: ConsentRecordView[] }>(
      'GET',
      this.lero(tenantId, `/members/${id(memberId)}/consents`),
    );
  exportMember = (tenantId: string, memberId: string) =>
    this.call<MemberExportView>('GET', this.lero(tenantId, `/members/${id(memberId)}/export`));
  private upload = <T>(tenantId: string, file: SheetFile, query: Record<string, string | undefined>) =>
    this.api.request<T>('POST', this.lero(tenantId, `/members/import${q(query)}`), this.ctx, file.data, {
      contentType: SHEET_TYPES[file.format],
      timeoutMs: 35_000,
    });
  private bytes = (path: string) =>
    this.api.request<Buffer>('GET', path, this.ctx, undefined, { bytes: true, timeoutMs: 35_000 });
  /** All or nothing: any bad row is a 400 whose `errors` carry the row, column, cell and value. */
  importMembers = (tenantId: string, file: SheetFile, columns?: ColumnChoice[]) =>
    this.upload<ImportResultView>(tenantId, file, { columns: columns?.join(',') });
  /** What importing the file would do, row by row; nothing is written. */
  previewImport = (tenantId: string, file: SheetFile, columns?: ColumnChoice[]) =>
    this.upload<ImportPreviewView>(tenantId, file, { dryRun: 'true', columns: columns?.join(',') });
  /** The members list as a spreadsheet (audited), with the list's query. */
  membersSheet = (tenantId: string, format: MemberSheetFormat, query: ListMembersQuery = {}) =>
    this.bytes(this.lero(tenantId, `/members.${format}${q(query)}`));
  importTemplate = (tenantId: string, format: MemberSheetFormat) =>
    this.bytes(this.lero(tenantId, `/members/import/template.${format}`));
  myMember = (tenantId: string) => this.call<MemberView>('GET', this.lero(tenantId, '/me'));
  updateMyMember = (tenantId: string, dto: UpdateMeDto) =>
    this.call<MemberView>('PATCH', this.lero(tenantId, '/me'), dto);
  exportMyMember = (tenantId: string) =>
    this.call<MemberExportView>('GET', this.lero(tenantId, '/me/export'));

  // A LERO's programme (events).
  activities = (tenantId: string, query: { category?: string; limit?: number; cursor?: string } = {}) =>
    this.call<Page<ActivityView>>('GET', this.lero(tenantId, `/activities${q(query)}`));
  activity = (tenantId: string, activityId: string) =>
    this.call<ActivityView>('GET', this.lero(tenantId, `/activities/${id(activityId)}`));
  createActivity = (tenantId: string, dto: CreateActivityDto) =>
    this.call<ActivityView>('POST', this.lero(tenantId, '/activities'), dto);
  updateActivity = (tenantId: string, activityId: string, dto: UpdateActivityDto) =>
    this.call<ActivityView>('PATCH', this.lero(tenantId, `/activities/${id(activityId)}`), dto);
  /** Pause, resume or end: `POST /activities/{id}/pause` and so on. */
  transitionActivity = (tenantId: string, activityId: string, change: ActivityTransition) =>
    this.call<ActivityView>('POST', this.lero(tenantId, `/activities/${id(activityId)}/${change}`));
  sessions = (tenantId: string, query: ListSessionsQuery = {}) =>
    this.call<SessionPage>('GET', this.lero(tenantId, `/sessions${q(query)}`));
  session = (tenantId: string, sessionId: string) =>
    this.call<SessionView>('GET', this.lero(tenantId, `/sessions/${id(sessionId)}`));
  cancelSession = (tenantId: string, sessionId: string, reason?: string) =>
    this.call<SessionView>(
      'POST',
      this.lero(tenantId, `/sessions/${id(sessionId)}/cancel`),
      reason ? { reason } : {},
    );
  rsvps = (tenantId: string, sessionId: string) =>
    this.call<RsvpListView>('GET', this.lero(tenantId, `/sessions/${id(sessionId)}/rsvps`));
  rsvp = (tenantId: string, sessionId: string, memberId: string) =>
    this.call<RsvpView>('POST', this.lero(tenantId, `/sessions/${id(sessionId)}/rsvps`), { memberId });
  withdrawRsvp = (tenantId: string, sessionId: string, memberId: string) =>
    this.call<void>('DELETE', this.lero(tenantId, `/sessions/${id(sessionId)}/rsvps/${id(memberId)}`));
  attendance = (tenantId: string, sessionId: string) =>
    this.call<AttendanceView>('GET', this.lero(tenantId, `/sessions/${id(sessionId)}/attendance`));
  checkIn = (tenantId: string, sessionId: string, memberId: string) =>
    this.call<CheckInView>('POST', this.lero(tenantId, `/sessions/${id(sessionId)}/attendance`), {
      memberId,
    });
  undoCheckIn = (tenantId: string, sessionId: string, memberId: string) =>
    this.call<void>('DELETE', this.lero(tenantId, `/sessions/${id(sessionId)}/attendance/${id(memberId)}`));
  /** With the key the form was rendered with, a form sent twice counts once (ADR 0020). */
  walkIns = (tenantId: string, sessionId: string, count: number, idempotencyKey?: string) =>
    this.api.request<RegisterCountsView>(
      'POST',
      this.lero(tenantId, `/sessions/${id(sessionId)}/walk-ins`),
      this.ctx,
      { count },
      idempotencyKey ? { headers: { 'idempotency-key': `"${idempotencyKey}"` } } : {},
    );

  /** The register as a whole, entered afterwards: sending it again changes nothing (ADR 0034). */
  enterRegister = (tenantId: string, sessionId: string, dto: RegisterEntryDto) =>
    this.call<RegisterEntryView>('PUT', this.lero(tenantId, `/sessions/${id(sessionId)}/register`), dto);

  /** Files handed on as they come: a LERO's archive, the reports as spreadsheets and PDF (ADR 0034). */
  leroArchive = (tenantId: string) => this.api.download(this.lero(tenantId, '/export.zip'), this.ctx);
  regionImpactFile = (query: RegionImpactQuery, ext: 'xlsx' | 'pdf') =>
    this.api.download(`/api/v1/reports/impact.${ext}${q(query)}`, this.ctx);
  leroImpactFile = (tenantId: string, query: LeroImpactQuery, ext: 'csv' | 'xlsx') =>
    this.api.download(this.lero(tenantId, `/reports/impact.${ext}${q(query)}`), this.ctx);

  // Impact figures (reporting): a region's disclosure-controlled report, and a LERO's own exact figures.
  regionImpact = (query: RegionImpactQuery) =>
    this.call<RegionImpactReport>('GET', `/api/v1/reports/impact${q(query)}`);
  regionImpactCsv = (query: RegionImpactQuery) => this.text(`/api/v1/reports/impact${q(query)}`, 'text/csv');
  regionImpactChart = (query: ImpactChartQuery) =>
    this.text(`/api/v1/reports/impact/chart.svg${q(query)}`, 'image/svg+xml');
  leroImpact = (tenantId: string, query: LeroImpactQuery) =>
    this.call<LeroImpactReport>('GET', this.lero(tenantId, `/reports/impact${q(query)}`));

  // No sign-in: a LERO's public programme.
  publicSessions = (slug: string, query: { from?: string; to?: string } = {}) =>
    this.call<PublicSessionsView>('GET', `/api/v1/public/leros/${id(slug)}/sessions${q(query)}`);
  publicCalendar = (slug: string) => this.text(`/api/v1/public/leros/${id(slug)}/calendar.ics`);
}
