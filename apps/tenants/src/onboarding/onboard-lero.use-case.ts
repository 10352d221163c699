import { Injectable } from '@nestjs/common';
import {
  TenantsEvents,
  type CreateTenantDto,
  type OnboardedTenantView,
  type RequestContext,
} from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import { TenantsDatabase } from '../tenants-database';
import { TenantsAccess } from '../tenants-access';
import { slugTaken } from '../regions/regions.exception';
import { AuditService } from '../audit/audit.service';
import { InvitationsService } from '../invitations/invitations.service';
import { refuseOwnEmail } from '../invitations/self-grant';
import { Mailer } from '../mail/mailer';
import { Tenant } from '../leros/tenant.entity';
import { tenantEvent, tenantView } from '../leros/tenant.view';
import { TenantsRepository } from '../leros/tenants.repository';

/** Onboarding a LERO: the platform or its region's admins add it to the registry and invite its first admin. */
@Injectable()
export class OnboardLeroUseCase {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly access: TenantsAccess,
    private readonly tenants: TenantsRepository,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
  ) {}

  async onboard(ctx: RequestContext, dto: CreateTenantDto): Promise<OnboardedTenantView> {
    const { actor, region, tenantId } = await this.access.onboarding(ctx, dto.regionId);
    refuseOwnEmail(actor, dto.adminEmail);
    const result = await this.db.forTenant(tenantId).em.transactional(async (em) => {
      if (await this.tenants.slugTaken(em, dto.slug)) throw slugTaken(dto.slug);
      const tenant = new Tenant();
      Object.assign(tenant, {
        id: tenantId,
        regionId: region.id,
        name: dto.name.trim(),
        slug: dto.slug,
        contactEmail: dto.contactEmail ?? null,
      });
      em.persist(tenant);
      await em.flush(); // the tenant row must exist before rows that reference it
      const invitation = this.invitations.create(em, ctx, {
        email: dto.adminEmail,
        role: 'tenant-admin',
        regionId: region.id,
        tenantId: tenant.id,
      });
      this.audit.record(em, tenantId, ctx, 'tenant.onboarded', { name: tenant.name, slug: tenant.slug });
      recordEvent(em, TenantsEvents.tenantOnboarded, tenantEvent(tenant), tenantId);
      this.mailer.queueInvitation(em, invitation, tenant.name);
      return {
        ...tenantView(tenant),
        invitation: { token: invitation.token, email: invitation.email, expiresAt: invitation.expiresAt },
      };
    });
    return result;
  }
}
