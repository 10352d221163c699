import type { TenantView, UpdateTenantDto } from '@hearth/contracts';
import type { CallContext, HearthApi } from './hearth-api';

/** A LERO's own settings (`PATCH /api/v1/tenants/{tenantId}`): a client of its own beside `HearthApiCalls`. */
export class LeroSettingsApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
  ) {}

  update = (tenantId: string, dto: UpdateTenantDto) =>
    this.api.request<TenantView>('PATCH', `/api/v1/tenants/${encodeURIComponent(tenantId)}`, this.ctx, dto);
}
