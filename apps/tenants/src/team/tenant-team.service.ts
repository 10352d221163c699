import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AppError,
  TENANT_ROLES,
  notFound,
  type RemoveTenantRoleRequest,
  type RequestContext,
  type TenantRole,
  type TenantTeamView,
} from '@hearth/contracts';
import { requireActor, subject } from '@hearth/auth';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { TenantsAccess, type AuthorisedLero } from '../tenants-access';
import { AccountsRepository } from '../accounts/accounts.repository';
import { Account } from '../accounts/account.entity';
import { RoleGrant } from '../accounts/role-grant.entity';
import { AuditService } from '../audit/audit.service';
import { revokeSessions } from '../sessions/sessions.repository';
import { Invitation } from '../invitations/invitation.entity';
import { pendingInvitationView, teamAccounts } from './team.view';
import { pendingWhere } from '../invitations/invitation-state';
import { lastTenantAdmin } from './team.exception';

/** A LERO's team: who holds which role in it and who is invited, and taking a role away. */
@Injectable()
export class TenantTeamService {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly access: TenantsAccess,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  /**
   * The LERO's admins and coordinators see everyone; region and platform staff see its admins only (whether
   * it has one they could break glass for, and the first admin's invitation), never its people.
   */
  async list(ctx: RequestContext, leroId: string): Promise<TenantTeamView> {
    const em = this.db.em();
    const { actor, ability, tenant } = await this.access.lero(ctx, leroId, 'read', em);
    if (!ability.can('read', subject('Team', { tenantId: tenant.id, regionId: tenant.regionId }))) {
      throw new AppError('FORBIDDEN', 'Only this LERO’s admins and coordinators can see its team.');
    }
    const ownStaff = actor.grants.some(
      (g) => g.tenantId === tenant.id && (g.role === 'tenant-admin' || g.role === 'coordinator'),
    );
    const roles: readonly TenantRole[] = ownStaff ? TENANT_ROLES : ['tenant-admin'];
    const [grants, invitations, enabledAdmins] = await Promise.all([
      em.find(RoleGrant, { tenantId: tenant.id, role: { $in: [...roles] } }),
      em.find(
        Invitation,
        { tenantId: tenant.id, role: { $in: [...roles] }, ...pendingWhere(clockOf(this.options)) },
        { orderBy: { id: 'asc' } },
      ),
      this.accounts.enabledAdminIds(em, tenant.id),
    ]);
    return {
      tenantId: tenant.id,
      hasEnabledAdmin: enabledAdmins.length > 0,
      accounts: await teamAccounts<TenantRole>(em, grants),
      invitations: invitations.map(pendingInvitationView),
    };
  }

  /**
   * Takes a role away: the LERO's admins any role, its coordinators the volunteer and member roles, and
   * anyone their own (leaving). The last enabled tenant-admin stays. The person's sign-ins end at once (a
   * person leaving keeps theirs: their next token simply lacks the role).
   */
  removeRole(ctx: RequestContext, dto: RemoveTenantRoleRequest): Promise<{ removed: true }> {
    const self = dto.accountId === requireActor(ctx.actor).accountId;
    // Locked, so two admins removing each other at once cannot leave the LERO with none.
    const remove = async (em: EntityManager, { actor, ability, tenant, tenantId }: AuthorisedLero) => {
      const target = subject('TenantGrant', {
        tenantId: tenant.id,
        regionId: tenant.regionId,
        role: dto.role,
      });
      if (!self && !ability.can('delete', target)) {
        throw new AppError(
          'FORBIDDEN',
          actor.grants.some((g) => g.tenantId === tenant.id && g.role === 'coordinator')
            ? 'Coordinators can take away only volunteer and member roles.'
            : 'Only this LERO’s own admins can take roles away inside it.',
        );
      }
      const grant = await em.findOne(RoleGrant, {
        tenantId: tenant.id,
        accountId: dto.accountId,
        role: dto.role,
      });
      if (!grant) throw notFound('That role');
      if (dto.role === 'tenant-admin') {
        const holderEnabled = (await em.count(Account, { id: dto.accountId, disabledAt: null })) > 0;
        if (holderEnabled && (await this.accounts.enabledAdminIds(em, tenant.id, dto.accountId)).length === 0)
          throw lastTenantAdmin(tenant.name);
      }
      em.remove(grant);
      this.audit.record(em, tenantId, ctx, 'role.removed', {
        accountId: dto.accountId,
        role: dto.role,
        ...(self ? { left: true } : {}),
      });
      if (!self) await revokeSessions(em, dto.accountId, clockOf(this.options));
      return { removed: true as const };
    };
    return this.access.inLero(ctx, dto.tenantId, 'read', remove, { lock: true });
  }
}
