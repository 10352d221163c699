import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type BreakGlassRequest, type BreakGlassView, type RequestContext } from '@hearth/contracts';
import { subject } from '@hearth/auth';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, horizonOf, type TenantsOptions } from '../tenants.options';
import { TenantsAccess } from '../tenants-access';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AuditService } from '../audit/audit.service';
import { InvitationsService } from '../invitations/invitations.service';
import { refuseOwnEmail } from '../invitations/self-grant';
import type { Tenant } from '../leros/tenant.entity';
import { TenantsRepository } from '../leros/tenants.repository';
import { Mailer } from '../mail/mailer';
import {
  appointWhileOnboarding,
  leroHasAdmin,
  noAppointmentToArchived,
  noContactEmail,
  onlyRegionAppoints,
} from './team.exception';

/**
 * Break glass, so no LERO is locked out: when a LERO has no enabled tenant-admin, its region's admins (or a
 * platform admin) may appoint one. It needs a reason, is audited, and the LERO's contact email is told a
 * notice period (72 h) before it takes effect: until then the appointment's invitation cannot be accepted,
 * and it can be cancelled. It lapses if the LERO has an enabled admin again by the time it is accepted.
 */
@Injectable()
export class BreakGlassService {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly access: TenantsAccess,
    private readonly tenants: TenantsRepository,
    private readonly accounts: AccountsRepository,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  async appoint(ctx: RequestContext, dto: BreakGlassRequest): Promise<BreakGlassView> {
    const { actor, ability, tenant, tenantId } = await this.access.lero(ctx, dto.tenantId);
    if (!ability.can('create', subject('AdminAppointment', { regionId: tenant.regionId })))
      throw onlyRegionAppoints();
    if (tenant.status === 'onboarding') throw appointWhileOnboarding(tenant.name);
    if (tenant.status === 'archived') throw noAppointmentToArchived();
    refuseOwnEmail(actor, dto.email);
    await this.ensureNoEnabledAdmin(this.db.em(), tenant);
    const contactEmail = tenant.contactEmail;
    if (!contactEmail) throw noContactEmail(tenant.name);
    const takesEffectAt = new Date(
      clockOf(this.options).getTime() + horizonOf(this.options, 'breakGlassNoticeMs'),
    );
    const reason = dto.reason.trim();
    const invitation = await this.db.forTenant(tenantId).em.transactional(async (em) => {
      // Locked, so an admin accepting an invitation at this moment is counted.
      await this.tenants.lock(em, tenantId);
      await this.ensureNoEnabledAdmin(em, tenant);
      const created = this.invitations.create(em, ctx, {
        email: dto.email,
        role: 'tenant-admin',
        regionId: tenant.regionId,
        tenantId,
        notBefore: takesEffectAt,
        reason,
      });
      this.audit.record(em, tenantId, ctx, 'admin.appointment-requested', {
        invitationId: created.id,
        reason,
        takesEffectAt: takesEffectAt.toISOString(),
      });
      const notified = this.mailer.queueBreakGlassNotice(em, contactEmail, {
        lero: tenant.name,
        appointee: created.email,
        by: actor.email,
        reason,
        takesEffectAt,
      });
      this.mailer.queueInvitation(em, created, tenant.name, takesEffectAt);
      return { ...created, notified };
    });
    const contactNotified = invitation.notified;
    return {
      id: invitation.id,
      email: invitation.email,
      role: 'tenant-admin',
      token: invitation.token,
      takesEffectAt: takesEffectAt.toISOString(),
      expiresAt: invitation.expiresAt,
      reason,
      contactNotified,
    };
  }

  private async ensureNoEnabledAdmin(em: EntityManager, tenant: Tenant): Promise<void> {
    if ((await this.accounts.enabledAdminIds(em, tenant.id)).length > 0) throw leroHasAdmin(tenant.name);
  }
}
