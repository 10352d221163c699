import type { ImportView, Page, StartImportDto } from '@hearth/contracts';
import type { CallContext, HearthApi } from './hearth-api';

/**
 * A region's imports of other Open Referral UK feeds (`/api/v1/regions/{regionId}/directory/imports`, ADR 0041),
 * as its curators see them: a client of its own beside `HearthApiCalls` (ADR 0045).
 */
export class DirectoryImportsApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
  ) {}

  private path = (regionId: string, rest = '') =>
    `/api/v1/regions/${encodeURIComponent(regionId)}/directory/imports${rest}`;

  start = (regionId: string, dto: StartImportDto) =>
    this.api.request<ImportView>('POST', this.path(regionId), this.ctx, dto);

  list = (regionId: string, query: { limit?: number; cursor?: string } = {}) => {
    const params = new URLSearchParams();
    if (query.limit) params.set('limit', String(query.limit));
    if (query.cursor) params.set('cursor', query.cursor);
    const search = params.toString();
    return this.api.request<Page<ImportView>>(
      'GET',
      this.path(regionId, search ? `?${search}` : ''),
      this.ctx,
    );
  };

  get = (regionId: string, importId: string) =>
    this.api.request<ImportView>('GET', this.path(regionId, `/${encodeURIComponent(importId)}`), this.ctx);
}
