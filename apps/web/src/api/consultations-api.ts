import type {
  ConsultationStatus,
  ConsultationView,
  CreateConsultationDto,
  Page,
  PublishedTextsView,
  RespondDto,
  ResponseReceivedView,
  ResultsView,
  UpdateConsultationDto,
} from '@hearth/contracts';
import type { CallContext, HearthApi } from './hearth-api';
import { queryString } from './directory-feed-api';

/** The API path of a LERO's consultations (`/api/v1/tenants/{tenantId}/advocacy/consultations`). */
export const leroConsultationsApiPath = (tenantId: string) =>
  `/api/v1/tenants/${encodeURIComponent(tenantId)}/advocacy/consultations`;

/** The API path of a region's own consultations (`/api/v1/regions/{regionId}/advocacy/consultations`). */
export const regionConsultationsApiPath = (regionId: string) =>
  `/api/v1/regions/${encodeURIComponent(regionId)}/advocacy/consultations`;

/**
 * One owner's consultations (ADRs 0062, 0067), as the viewer: a LERO's or a region's, whose routes are the same
 * below their path (a region's have no responses: members answer them through their own LERO).
 */
export class ConsultationsApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
    private readonly path: string,
  ) {}

  private call = <T>(method: string, rest: string, body?: unknown) =>
    this.api.request<T>(method, `${this.path}${rest}`, this.ctx, body);

  list = (query: { status?: ConsultationStatus; cursor?: string } = {}) =>
    this.call<Page<ConsultationView>>('GET', queryString({ limit: 100, ...query }));
  get = (consultationId: string) => this.call<ConsultationView>('GET', `/${id(consultationId)}`);
  create = (dto: CreateConsultationDto) => this.call<ConsultationView>('POST', '', dto);
  change = (consultationId: string, dto: UpdateConsultationDto) =>
    this.call<ConsultationView>('PATCH', `/${id(consultationId)}`, dto);
  open = (consultationId: string) => this.call<ConsultationView>('POST', `/${id(consultationId)}/open`);
  close = (consultationId: string) => this.call<ConsultationView>('POST', `/${id(consultationId)}/close`);
  results = (consultationId: string, by?: string) =>
    this.call<ResultsView>('GET', `/${id(consultationId)}/results${queryString({ by })}`);
  publishTexts = (consultationId: string, question: string, texts: string[]) =>
    this.call<PublishedTextsView>('PUT', `/${id(consultationId)}/published-texts/${id(question)}`, { texts });
  respond = (consultationId: string, dto: RespondDto) =>
    this.call<ResponseReceivedView>('POST', `/${id(consultationId)}/responses`, dto);
}

const id = (value: string) => encodeURIComponent(value);
