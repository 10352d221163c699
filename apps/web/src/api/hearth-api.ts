import type {
  AcceptInvitationDto,
  CreateRegionDto,
  CreateTenantDto,
  InvitationView,
  LoginDto,
  MeView,
  OnboardedTenantView,
  Page,
  RegionInvitationDto,
  RegionView,
  TenantInvitationDto,
  TenantTransition,
  TenantView,
  TokenPair,
} from '@hearth/contracts';
import { ApiError } from './api-error';
import type { ApiFetch } from './in-process-api';

/** Who a call is made for: the person's access token, their address (rate limits) and the request id (logs). */
export interface CallContext {
  accessToken?: string;
  clientIp?: string;
  requestId?: string;
}

interface Problem {
  code?: string;
  detail?: string;
  reason?: string;
  errors?: { field: string; message: string }[];
  errorId?: string;
  requestId?: string;
}

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

  async request<T>(method: string, path: string, ctx: CallContext, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (ctx.accessToken) headers.authorization = `Bearer ${ctx.accessToken}`;
    // The gateway takes the client's address from here only where it is configured to trust this hop.
    if (ctx.clientIp) headers['x-forwarded-for'] = ctx.clientIp;
    if (ctx.requestId) headers['x-request-id'] = ctx.requestId;
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl()}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
    } catch {
      throw ApiError.unavailable();
    }
    const text = await res.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (res.ok) return parsed as T;
    const problem = (parsed && typeof parsed === 'object' ? parsed : {}) as Problem;
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new ApiError(
      res.status,
      problem.code ?? 'INTERNAL',
      problem.detail ?? `The API answered ${res.status}.`,
      {
        reason: problem.reason,
        errors: Array.isArray(problem.errors) ? problem.errors : undefined,
        errorId: problem.errorId,
        requestId: problem.requestId ?? res.headers.get('x-request-id') ?? undefined,
        retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      },
    );
  }
}

const q = (params: Record<string, string | number | undefined>) => {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined);
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

  login = (dto: LoginDto) => this.call<TokenPair>('POST', '/api/v1/auth/login', dto);
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
}
