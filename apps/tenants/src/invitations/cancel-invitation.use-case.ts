import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, notFound, type Actor, type RequestContext } from '@hearth/contracts';
import { requireActor, subject } from '@hearth/auth';
import { asTenantId } from '@hearth/persistence';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { tenantsAbility } from '../tenants.ability';
import { Tenant } from '../leros/tenant.entity';
import { authoriseTenant } from '../leros/tenant-access';
import { Region } from '../regions/region.entity';
import { AuditService } from '../audit/audit.service';
import { Invitation } from './invitation.entity';

/** An invitation of a LERO the actor cannot see is not found as an invitation, exactly as a missing id. */
function asInvitationNotFound<T>(check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw notFound('Invitation');
    throw err;
  }
}

/**
 * Cancelling an invitation nobody has accepted: whoever may give that role there (a LERO's admins any, its
 * coordinators volunteers and members, region staff a LERO's admins — the first admin's invitation, a
 * break-glass appointment), or whoever made it. Cancelling twice is fine; an accepted one is too late.
 */
@Injectable()
export class CancelInvitationUseCase {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly audit: AuditService,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  async cancel(ctx: RequestContext, invitationId: string): Promise<{ cancelled: true }> {
    const actor = requireActor(ctx.actor);
    const invitation = await this.db.em().findOne(Invitation, { id: invitationId });
    if (!invitation) throw notFound('Invitation');
    if (invitation.tenantId) await this.cancelInLero(ctx, actor, invitation);
    else await this.cancelInRegion(actor, invitation);
    return { cancelled: true };
  }

  private async cancelInLero(ctx: RequestContext, actor: Actor, invitation: Invitation): Promise<void> {
    await this.db.forTenant(asTenantId(invitation.tenantId!)).em.transactional(async (em) => {
      const found = await em.findOne(Tenant, { id: invitation.tenantId! });
      const tenant = asInvitationNotFound(() => authoriseTenant(actor, found));
      const target = subject('TenantInvitation', {
        tenantId: tenant.id,
        regionId: tenant.regionId,
        role: invitation.role,
      });
      if (invitation.invitedBy !== actor.accountId && !tenantsAbility(actor).can('delete', target)) {
        throw new AppError(
          'FORBIDDEN',
          `You do not have permission to cancel an invitation as ${invitation.role}.`,
        );
      }
      if (await this.markCancelled(em, invitation, actor)) {
        this.audit.record(em, tenant.id, ctx, 'invitation.cancelled', {
          invitationId: invitation.id,
          role: invitation.role,
          ...(invitation.notBefore ? { breakGlass: true } : {}),
        });
      }
    });
  }

  private async cancelInRegion(actor: Actor, invitation: Invitation): Promise<void> {
    const ability = tenantsAbility(actor);
    const region = await this.db.em().findOne(Region, { id: invitation.regionId });
    if (!region || !ability.can('read', subject('Region', { id: region.id }))) throw notFound('Invitation');
    if (
      invitation.invitedBy !== actor.accountId &&
      !ability.can('delete', subject('RegionInvitation', { regionId: region.id }))
    ) {
      throw new AppError('FORBIDDEN', 'Only this region’s admins can cancel its invitations.');
    }
    await this.markCancelled(this.db.em(), invitation, actor);
  }

  /** False when it was cancelled already; CONFLICT once accepted. */
  private async markCancelled(em: EntityManager, invitation: Invitation, actor: Actor): Promise<boolean> {
    if (invitation.acceptedAt) {
      throw new AppError('CONFLICT', 'This invitation has been accepted; take the role away instead.', {
        reason: 'InvitationSpent',
      });
    }
    if (invitation.cancelledAt) return false;
    const changed = await em.nativeUpdate(
      Invitation,
      { id: invitation.id, acceptedAt: null, cancelledAt: null },
      { cancelledAt: clockOf(this.options), cancelledBy: actor.accountId },
    );
    if (changed === 0 && (await em.count(Invitation, { id: invitation.id, acceptedAt: { $ne: null } })))
      throw new AppError('CONFLICT', 'This invitation has just been accepted.', {
        reason: 'InvitationSpent',
      });
    return changed === 1;
  }
}
