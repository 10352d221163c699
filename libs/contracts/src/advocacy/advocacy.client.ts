import type { RequestContext } from '../envelope';
import type { Requester } from '../requester';
import type { Page } from '../paging';
import { AdvocacySubjects as S } from './subjects';
import type {
  ConsultationView,
  CreateConsultationDto,
  ListConsultationsQuery,
  ResultsQuery,
  ResultsView,
  UpdateConsultationDto,
} from './consultation.dto';
import type { RespondDto, ResponseReceivedView } from './response.dto';
import type { PublicConsultationView, PublicRespondDto } from './public-response.dto';
import type { PublishedTextsView, PublishTextsDto } from './published-texts.dto';

/** The typed face of the advocacy service for its callers (the gateway). */
export class AdvocacyClient {
  constructor(private readonly bus: Requester) {}

  createConsultation = (ctx: RequestContext, tenantId: string, dto: CreateConsultationDto) =>
    this.bus.request<ConsultationView>(S.createConsultation, ctx, { ...dto, tenantId });
  listConsultations = (ctx: RequestContext, tenantId: string, query: ListConsultationsQuery) =>
    this.bus.request<Page<ConsultationView>>(S.listConsultations, ctx, { ...query, tenantId });
  getConsultation = (ctx: RequestContext, tenantId: string, consultationId: string) =>
    this.bus.request<ConsultationView>(S.getConsultation, ctx, { tenantId, consultationId });
  updateConsultation = (
    ctx: RequestContext,
    tenantId: string,
    consultationId: string,
    dto: UpdateConsultationDto,
  ) => this.bus.request<ConsultationView>(S.updateConsultation, ctx, { ...dto, tenantId, consultationId });
  openConsultation = (ctx: RequestContext, tenantId: string, consultationId: string) =>
    this.bus.request<ConsultationView>(S.openConsultation, ctx, { tenantId, consultationId });
  closeConsultation = (ctx: RequestContext, tenantId: string, consultationId: string) =>
    this.bus.request<ConsultationView>(S.closeConsultation, ctx, { tenantId, consultationId });
  consultationResults = (
    ctx: RequestContext,
    tenantId: string,
    consultationId: string,
    query: ResultsQuery,
  ) => this.bus.request<ResultsView>(S.consultationResults, ctx, { ...query, tenantId, consultationId });

  createRegionConsultation = (ctx: RequestContext, regionId: string, dto: CreateConsultationDto) =>
    this.bus.request<ConsultationView>(S.createRegionConsultation, ctx, { ...dto, regionId });
  listRegionConsultations = (ctx: RequestContext, regionId: string, query: ListConsultationsQuery) =>
    this.bus.request<Page<ConsultationView>>(S.listRegionConsultations, ctx, { ...query, regionId });
  getRegionConsultation = (ctx: RequestContext, regionId: string, consultationId: string) =>
    this.bus.request<ConsultationView>(S.getRegionConsultation, ctx, { regionId, consultationId });
  updateRegionConsultation = (
    ctx: RequestContext,
    regionId: string,
    consultationId: string,
    dto: UpdateConsultationDto,
  ) =>
    this.bus.request<ConsultationView>(S.updateRegionConsultation, ctx, { ...dto, regionId, consultationId });
  openRegionConsultation = (ctx: RequestContext, regionId: string, consultationId: string) =>
    this.bus.request<ConsultationView>(S.openRegionConsultation, ctx, { regionId, consultationId });
  closeRegionConsultation = (ctx: RequestContext, regionId: string, consultationId: string) =>
    this.bus.request<ConsultationView>(S.closeRegionConsultation, ctx, { regionId, consultationId });
  regionConsultationResults = (
    ctx: RequestContext,
    regionId: string,
    consultationId: string,
    query: ResultsQuery,
  ) =>
    this.bus.request<ResultsView>(S.regionConsultationResults, ctx, { ...query, regionId, consultationId });

  /** A member's anonymous response to a consultation of their LERO or of its region. */
  respond = (ctx: RequestContext, tenantId: string, consultationId: string, dto: RespondDto) =>
    this.bus.request<ResponseReceivedView>(S.respond, ctx, { ...dto, tenantId, consultationId });

  /** A public consultation's questions and a fresh proof-of-work challenge (no sign-in; ADR 0067). */
  getPublicConsultation = (ctx: RequestContext, consultationId: string) =>
    this.bus.request<PublicConsultationView>(S.getPublicConsultation, ctx, { consultationId });

  /** An anonymous response through a public link, with its solved challenge (no sign-in). */
  respondInPublic = (ctx: RequestContext, consultationId: string, dto: PublicRespondDto) =>
    this.bus.request<ResponseReceivedView>(S.respondInPublic, ctx, { ...dto, consultationId });

  /** Publishes a text question's answers as reviewed and edited by the LERO's staff (the whole list). */
  publishTexts = (
    ctx: RequestContext,
    tenantId: string,
    consultationId: string,
    question: string,
    dto: PublishTextsDto,
  ) =>
    this.bus.request<PublishedTextsView>(S.publishTexts, ctx, { ...dto, tenantId, consultationId, question });
  publishRegionTexts = (
    ctx: RequestContext,
    regionId: string,
    consultationId: string,
    question: string,
    dto: PublishTextsDto,
  ) =>
    this.bus.request<PublishedTextsView>(S.publishRegionTexts, ctx, {
      ...dto,
      regionId,
      consultationId,
      question,
    });
}
