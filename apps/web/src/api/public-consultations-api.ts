import type { PublicConsultationView, PublicRespondDto, ResponseReceivedView } from '@hearth/contracts';
import type { CallContext, HearthApi } from './hearth-api';

const path = (consultationId: string) => `/api/v1/public/consultations/${encodeURIComponent(consultationId)}`;

/**
 * A consultation's public link (ADR 0067), asked as nobody signed in. The call carries the person's address
 * (`X-Forwarded-For`), so the gateway, trusting the web app (`TRUST_PROXY`), counts each person's attempts.
 */
export class PublicConsultationsApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
  ) {}

  get = (consultationId: string) =>
    this.api.request<PublicConsultationView>('GET', path(consultationId), this.ctx);
  respond = (consultationId: string, dto: PublicRespondDto) =>
    this.api.request<ResponseReceivedView>('POST', `${path(consultationId)}/responses`, this.ctx, dto);
}
