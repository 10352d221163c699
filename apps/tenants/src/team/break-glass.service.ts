import { Inject, Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AppError,
  type BreakGlassRequest,
  type BreakGlassView,
  type RequestContext,
} from '@hearth/contracts';
import { requireActor, subject } from '@hearth/auth';
import { asTenantId } from '@hearth/persistence';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, horizonOf, type TenantsOptions } from '../tenants.options';
import { tenantsAbility } from '../tenants.ability';
import { AuditService } from '../audit/audit.service';
import { InvitationsService } from '../invitations/invitations.service';
import { refuseOwnEmail } from '../invitations/self-grant';
import { Tenant } from '../leros/tenant.entity';
import { authoriseTenant } from '../leros/tenant-access';
import { enabledAdminIds } from '../leros/lero-admins';
import { Mailer } from '../mail/mailer';

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
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  async appoint(ctx: RequestContext, dto: BreakGlassRequest): Promise<BreakGlassView> {
    const actor = requireActor(ctx.actor);
    const tenant = authoriseTenant(actor, await this.db.em().findOne(Tenant, { id: dto.tenantId }));
    if (!tenantsAbility(actor).can('create', subject('AdminAppointment', { regionId: tenant.regionId }))) {
      throw new AppError(
        'FORBIDDEN',
        'Only the region’s admins can appoint an admin for a LERO that has none.',
      );
    }
    if (tenant.status === 'onboarding') {
      throw new AppError('CONFLICT', `${tenant.name} is still onboarding: invite its first admin instead.`, {
        reason: 'TenantOnboarding',
      });
    }
    if (tenant.status === 'archived') {
      throw new AppError('CONFLICT', 'This LERO is archived; nobody can be appointed to it.', {
        reason: 'TenantArchived',
      });
    }
    refuseOwnEmail(actor, dto.email);
    await this.ensureNoEnabledAdmin(this.db.em(), tenant);
    const contactEmail = tenant.contactEmail;
    if (!contactEmail) {
      throw new AppError(
        'CONFLICT',
        `${tenant.name} has no contact email to tell about the appointment. Add its contact email first.`,
        { reason: 'NoContactEmail' },
      );
    }
    const takesEffectAt = new Date(
      clockOf(this.options).getTime() + horizonOf(this.options, 'breakGlassNoticeMs'),
    );
    const reason = dto.reason.trim();
    const invitation = await this.db.forTenant(asTenantId(tenant.id)).em.transactional(async (em) => {
      // Locked, so an admin accepting an invitation at this moment is counted.
      await em.findOneOrFail(Tenant, { id: tenant.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      await this.ensureNoEnabledAdmin(em, tenant);
      const created = this.invitations.create(em, ctx, {
        email: dto.email,
        role: 'tenant-admin',
        regionId: tenant.regionId,
        tenantId: tenant.id,
        notBefore: takesEffectAt,
        reason,
      });
      this.audit.record(em, tenant.id, ctx, 'admin.appointment-requested', {
        invitationId: created.id,
        reason,
        takesEffectAt: takesEffectAt.toISOString(),
      });
      return created;
    });
    const contactNotified = await this.mailer.sendBreakGlassNotice(contactEmail, {
      lero: tenant.name,
      appointee: invitation.email,
      by: actor.email,
      reason,
      takesEffectAt,
    });
    await this.mailer.sendInvitation(invitation.email, invitation.token, tenant.name, takesEffectAt);
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
    if ((await enabledAdminIds(em, tenant.id)).length > 0) {
      throw new AppError(
        'CONFLICT',
        `${tenant.name} has an admin who can sign in: roles inside it are theirs to give.`,
        { reason: 'TenantHasAdmin' },
      );
    }
  }
}
