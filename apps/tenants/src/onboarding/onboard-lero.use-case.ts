import { Injectable } from '@nestjs/common';
import {
  AppError,
  TenantsEvents,
  notFound,
  type CreateTenantDto,
  type OnboardedTenantView,
  type RequestContext,
} from '@hearth/contracts';
import { requireActor, subject } from '@hearth/auth';
import { asTenantId } from '@hearth/persistence';
import { recordEvent } from '@hearth/messaging';
import { TenantsDatabase } from '../tenants-database';
import { tenantsAbility } from '../tenants.ability';
import { Region } from '../regions/region.entity';
import { AuditService } from '../audit/audit.service';
import { InvitationsService } from '../invitations/invitations.service';
import { refuseOwnEmail } from '../invitations/self-grant';
import { Mailer } from '../mail/mailer';
import { Tenant } from '../leros/tenant.entity';
import { tenantEvent, tenantView } from '../leros/tenant.view';

/** Onboarding a LERO: the platform or its region's admins add it to the registry and invite its first admin. */
@Injectable()
export class OnboardLeroUseCase {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
  ) {}

  async onboard(ctx: RequestContext, dto: CreateTenantDto): Promise<OnboardedTenantView> {
    const actor = requireActor(ctx.actor);
    const ability = tenantsAbility(actor);
    const tenant = new Tenant();
    const scope = this.db.forTenant(asTenantId(tenant.id));
    const result = await scope.em.transactional(async (em) => {
      const region = await em.findOne(Region, { id: dto.regionId });
      const canSeeRegion =
        region &&
        (ability.can('read', subject('Region', { id: region.id })) ||
          ability.can('create', subject('Tenant', { regionId: region.id })));
      if (!region || !canSeeRegion) throw notFound('Region');
      if (!ability.can('create', subject('Tenant', { regionId: region.id }))) {
        throw new AppError('FORBIDDEN', 'Only the platform or this region’s admins can onboard a LERO here.');
      }
      refuseOwnEmail(actor, dto.adminEmail);
      if (await em.count(Tenant, { slug: dto.slug })) {
        throw new AppError('CONFLICT', `The slug "${dto.slug}" is already taken. Choose another.`, {
          reason: 'SlugTaken',
        });
      }
      Object.assign(tenant, {
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
      this.audit.record(em, tenant.id, ctx, 'tenant.onboarded', { name: tenant.name, slug: tenant.slug });
      recordEvent(em, TenantsEvents.tenantOnboarded, tenantEvent(tenant), tenant.id);
      return {
        ...tenantView(tenant),
        invitation: { token: invitation.token, email: invitation.email, expiresAt: invitation.expiresAt },
      };
    });
    await this.mailer.sendInvitation(result.invitation.email, result.invitation.token, result.name);
    return result;
  }
}
