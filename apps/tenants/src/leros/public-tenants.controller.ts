import { RegionBySlugRequest, TenantBySlugRequest, TenantsSubjects as S } from '@hearth/contracts';
import { Answer, Data, MessageController } from '@hearth/messaging';
import { PublicTenantsService } from './public-tenants.service';

/** What any caller may ask of the registry without signing in: active LEROs' public identities. */
@MessageController()
export class PublicTenantsController {
  constructor(private readonly tenants: PublicTenantsService) {}

  @Answer(S.tenantBySlug) bySlug(@Data(TenantBySlugRequest) dto: TenantBySlugRequest) {
    return this.tenants.bySlug(dto.slug);
  }

  @Answer(S.regionPublicLeros) inRegion(@Data(RegionBySlugRequest) dto: RegionBySlugRequest) {
    return this.tenants.inRegion(dto.slug);
  }
}
