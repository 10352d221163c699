import type {
  AskConsultationsView,
  AskUpdateDto,
  AskView,
  CreateAskDto,
  Page,
  PublicLeroPageView,
  PublicRegionPageView,
  UpdateAskDto,
} from '@hearth/contracts';
import type { CallContext, HearthApi } from './hearth-api';
import { queryString } from './directory-feed-api';

/** Whose asks: a LERO's (`/tenants/{id}`) or a region's own (`/regions/{id}`), ADR 0065. */
export type AskOwner = { kind: 'lero' | 'region'; id: string };

/** An owner's asks (`…/advocacy/asks`), as the viewer: the same five routes for a LERO and a region. */
export class AdvocacyAsksApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
    private readonly owner: AskOwner,
  ) {}

  private call = <T>(method: string, rest: string, body?: unknown) =>
    this.api.request<T>(
      method,
      `/api/v1/${this.owner.kind === 'lero' ? 'tenants' : 'regions'}/${id(this.owner.id)}/advocacy/asks${rest}`,
      this.ctx,
      body,
    );

  list = (cursor?: string) => this.call<Page<AskView>>('GET', queryString({ limit: 100, cursor }));
  get = (askId: string) => this.call<AskView>('GET', `/${id(askId)}`);
  create = (dto: CreateAskDto) => this.call<AskView>('POST', '', dto);
  change = (askId: string, dto: UpdateAskDto) => this.call<AskView>('PATCH', `/${id(askId)}`, dto);
  addUpdate = (askId: string, dto: AskUpdateDto) => this.call<AskView>('POST', `/${id(askId)}/updates`, dto);
  /** What a LERO's ask may name as its consultation (ADR 0075); a region's form offers none. */
  consultations = () =>
    this.owner.kind === 'lero'
      ? this.call<AskConsultationsView>('GET', '/consultations')
      : Promise.resolve<AskConsultationsView>({ items: [] });
}

/** The "you said, we did" pages anyone may read (`/api/v1/public/{leros|regions}/{slug}/you-said-we-did`). */
export class PublicAsksApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
  ) {}

  lero = (slug: string) =>
    this.api.request<PublicLeroPageView>('GET', `/api/v1/public/leros/${id(slug)}/you-said-we-did`, this.ctx);
  region = (slug: string) =>
    this.api.request<PublicRegionPageView>(
      'GET',
      `/api/v1/public/regions/${id(slug)}/you-said-we-did`,
      this.ctx,
    );
}

const id = (value: string) => encodeURIComponent(value);
