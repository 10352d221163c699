import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, notFound, type Actor, type RequestContext } from '@hearth/contracts';
import { requireActor, subject } from '@hearth/auth';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { tenantsAbility } from '../tenants.ability';
import { TenantsAccess } from '../tenants-access';
import { Region } from '../regions/region.entity';
import { AuditService } from '../audit/audit.service';
import { Invitation } from './invitation.entity';
import { invitationAccepted, invitationJustAccepted, mayNotCancel } from './invitations.exception';

/** An invitation of a LERO the actor cannot see is not found as an invitation, exactly as a missing id. */
async function asInvitationNotFound<T>(check: Promise<T>): Promise<T> {
  try {
    return await check;
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
    private readonly access: TenantsAccess,
    private readonly audit: AuditService,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  async cancel(ctx: RequestContext, invitationId: string): Promise<{ cancelled: true }> {
    const actor = requireActor(ctx.actor);
    const invitation = await this.db.em().findOne(Invitation, { id: invitationId });
    if (!invitation) throw notFound('Invitation');
    if (invitation.tenantId) await this.cancelInLero(ctx, invitation, invitation.tenantId);
    else await this.cancelInRegion(actor, invitation);
    return { cancelled: true };
  }

  private async cancelInLero(ctx: RequestContext, invitation: Invitation, leroId: string): Promise<void> {
    const { actor, tenant, tenantId } = await asInvitationNotFound(this.access.lero(ctx, leroId));
    await this.db.forTenant(tenantId).em.transactional(async (em) => {
      const target = subject('TenantInvitation', {
        tenantId: tenant.id,
        regionId: tenant.regionId,
        role: invitation.role,
      });
      if (invitation.invitedBy !== actor.accountId && !tenantsAbility(actor).can('delete', target)) {
        throw mayNotCancel(invitation.role);
      }
      if (await this.markCancelled(em, invitation, actor)) {
        this.audit.record(em, tenantId, ctx, 'invitation.cancelled', {
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
    if (invitation.acceptedAt) throw invitationAccepted();
    if (invitation.cancelledAt) return false;
    const changed = await em.nativeUpdate(
      Invitation,
      { id: invitation.id, acceptedAt: null, cancelledAt: null },
      { cancelledAt: clockOf(this.options), cancelledBy: actor.accountId },
    );
    if (changed === 0 && (await em.count(Invitation, { id: invitation.id, acceptedAt: { $ne: null } })))
      throw invitationJustAccepted();
    return changed === 1;
  }
}
