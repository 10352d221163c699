import type { RequestContext } from '../envelope';
import type { Requester } from '../requester';
import type { Page } from '../paging';
import { AdvocacySubjects as S } from './subjects';
import type { AskUpdateDto, AskView, CreateAskDto, ListAsksQuery, UpdateAskDto } from './ask.dto';
import type { PublicLeroPageView, PublicRegionPageView } from './public-outcomes.dto';
import type { AskConsultationsView } from './ask-consultations.dto';

/** The typed face of the advocacy service's asks and "you said, we did" pages (ADR 0065), for the gateway. */
export class AdvocacyAsksClient {
  constructor(private readonly bus: Requester) {}

  createAsk = (ctx: RequestContext, tenantId: string, dto: CreateAskDto) =>
    this.bus.request<AskView>(S.createAsk, ctx, { ...dto, tenantId });
  listAsks = (ctx: RequestContext, tenantId: string, query: ListAsksQuery) =>
    this.bus.request<Page<AskView>>(S.listAsks, ctx, { ...query, tenantId });
  getAsk = (ctx: RequestContext, tenantId: string, askId: string) =>
    this.bus.request<AskView>(S.getAsk, ctx, { tenantId, askId });
  updateAsk = (ctx: RequestContext, tenantId: string, askId: string, dto: UpdateAskDto) =>
    this.bus.request<AskView>(S.updateAsk, ctx, { ...dto, tenantId, askId });
  addAskUpdate = (ctx: RequestContext, tenantId: string, askId: string, dto: AskUpdateDto) =>
    this.bus.request<AskView>(S.addAskUpdate, ctx, { ...dto, tenantId, askId });
  askConsultations = (ctx: RequestContext, tenantId: string) =>
    this.bus.request<AskConsultationsView>(S.listAskConsultations, ctx, { tenantId });

  createRegionAsk = (ctx: RequestContext, regionId: string, dto: CreateAskDto) =>
    this.bus.request<AskView>(S.createRegionAsk, ctx, { ...dto, regionId });
  listRegionAsks = (ctx: RequestContext, regionId: string, query: ListAsksQuery) =>
    this.bus.request<Page<AskView>>(S.listRegionAsks, ctx, { ...query, regionId });
  getRegionAsk = (ctx: RequestContext, regionId: string, askId: string) =>
    this.bus.request<AskView>(S.getRegionAsk, ctx, { regionId, askId });
  updateRegionAsk = (ctx: RequestContext, regionId: string, askId: string, dto: UpdateAskDto) =>
    this.bus.request<AskView>(S.updateRegionAsk, ctx, { ...dto, regionId, askId });
  addRegionAskUpdate = (ctx: RequestContext, regionId: string, askId: string, dto: AskUpdateDto) =>
    this.bus.request<AskView>(S.addRegionAskUpdate, ctx, { ...dto, regionId, askId });

  publicLeroAsks = (ctx: RequestContext, slug: string) =>
    this.bus.request<PublicLeroPageView>(S.publicLeroAsks, ctx, { slug });
  publicRegionAsks = (ctx: RequestContext, slug: string) =>
    this.bus.request<PublicRegionPageView>(S.publicRegionAsks, ctx, { slug });
}
