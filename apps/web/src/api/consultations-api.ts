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

/** A LERO's consultations (`/api/v1/tenants/{tenantId}/advocacy/consultations/…`, ADRs 0062, 0067), as the viewer. */
export class ConsultationsApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
  ) {}

  private call = <T>(method: string, tenantId: string, rest: string, body?: unknown) =>
    this.api.request<T>(
      method,
      `/api/v1/tenants/${encodeURIComponent(tenantId)}/advocacy/consultations${rest}`,
      this.ctx,
      body,
    );

  list = (tenantId: string, query: { status?: ConsultationStatus; cursor?: string } = {}) =>
    this.call<Page<ConsultationView>>('GET', tenantId, queryString({ limit: 100, ...query }));
  get = (tenantId: string, consultationId: string) =>
    this.call<ConsultationView>('GET', tenantId, `/${id(consultationId)}`);
  create = (tenantId: string, dto: CreateConsultationDto) =>
    this.call<ConsultationView>('POST', tenantId, '', dto);
  change = (tenantId: string, consultationId: string, dto: UpdateConsultationDto) =>
    this.call<ConsultationView>('PATCH', tenantId, `/${id(consultationId)}`, dto);
  open = (tenantId: string, consultationId: string) =>
    this.call<ConsultationView>('POST', tenantId, `/${id(consultationId)}/open`);
  close = (tenantId: string, consultationId: string) =>
    this.call<ConsultationView>('POST', tenantId, `/${id(consultationId)}/close`);
  results = (tenantId: string, consultationId: string, by?: string) =>
    this.call<ResultsView>('GET', tenantId, `/${id(consultationId)}/results${queryString({ by })}`);
  publishTexts = (tenantId: string, consultationId: string, question: string, texts: string[]) =>
    this.call<PublishedTextsView>('PUT', tenantId, `/${id(consultationId)}/published-texts/${id(question)}`, {
      texts,
    });
  respond = (tenantId: string, consultationId: string, dto: RespondDto) =>
    this.call<ResponseReceivedView>('POST', tenantId, `/${id(consultationId)}/responses`, dto);
}

const id = (value: string) => encodeURIComponent(value);
