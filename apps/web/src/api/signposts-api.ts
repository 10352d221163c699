import type { RecordSignpostDto, SignpostView } from '@hearth/contracts';
import type { CallContext, HearthApi } from './hearth-api';

/** The gateway's signpost routes (ADR 0039), as the viewer: a client of its own beside `HearthApiCalls`. */
export class SignpostsApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
  ) {}

  record = (tenantId: string, dto: RecordSignpostDto) =>
    this.api.request<SignpostView>(
      'POST',
      `/api/v1/tenants/${encodeURIComponent(tenantId)}/signposts`,
      this.ctx,
      dto,
    );
}
