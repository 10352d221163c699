import type { PublicRolesView } from '@hearth/contracts';
import type { CallContext, HearthApi } from './hearth-api';

/** A LERO's public volunteering roles (`GET /api/v1/public/leros/{slug}/volunteering`; ADR 0058). */
export class PublicVolunteeringApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
  ) {}

  roles = (slug: string) =>
    this.api.request<PublicRolesView>(
      'GET',
      `/api/v1/public/leros/${encodeURIComponent(slug)}/volunteering`,
      this.ctx,
    );
}
