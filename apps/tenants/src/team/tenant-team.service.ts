import { Inject, Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
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
import { asTenantId } from '@hearth/persistence';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { tenantsAbility } from '../tenants.ability';
import { Account } from '../accounts/account.entity';
import { RoleGrant } from '../accounts/role-grant.entity';
import { AuditService } from '../audit/audit.service';
import { revokeSessions } from '../sessions/sessions.repository';
import { Invitation } from '../invitations/invitation.entity';
import { Tenant } from '../leros/tenant.entity';
import { authoriseTenant } from '../leros/tenant-access';
import { enabledAdminIds } from '../leros/lero-admins';
import { pendingInvitationView, teamAccounts } from './team.view';
import { pendingWhere } from '../invitations/invitation-state';

/** A LERO's team: who holds which role in it and who is invited, and taking a role away. */
@Injectable()
export class TenantTeamService {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly audit: AuditService,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  /**
   * The LERO's admins and coordinators see everyone; region and platform staff see its admins only (whether
   * it has one they could break glass for, and the first admin's invitation), never its people.
   */
  async list(ctx: RequestContext, tenantId: string): Promise<TenantTeamView> {
    const actor = requireActor(ctx.actor);
    const em = this.db.em();
    const tenant = authoriseTenant(actor, await em.findOne(Tenant, { id: tenantId }));
    if (
      !tenantsAbility(actor).can('read', subject('Team', { tenantId: tenant.id, regionId: tenant.regionId }))
    ) {
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
      enabledAdminIds(em, tenant.id),
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
  async removeRole(ctx: RequestContext, dto: RemoveTenantRoleRequest): Promise<{ removed: true }> {
    const actor = requireActor(ctx.actor);
    const self = dto.accountId === actor.accountId;
    return this.db.forTenant(asTenantId(dto.tenantId)).em.transactional(async (em) => {
      // Locked, so two admins removing each other at once cannot leave the LERO with none.
      const tenant = authoriseTenant(
        actor,
        await em.findOne(Tenant, { id: dto.tenantId }, { lockMode: LockMode.PESSIMISTIC_WRITE }),
      );
      const target = subject('TenantGrant', {
        tenantId: tenant.id,
        regionId: tenant.regionId,
        role: dto.role,
      });
      if (!self && !tenantsAbility(actor).can('delete', target)) {
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
        if (holderEnabled && (await enabledAdminIds(em, tenant.id, dto.accountId)).length === 0) {
          throw new AppError(
            'CONFLICT',
            `${tenant.name} must keep at least one admin. Invite another admin before this one steps down.`,
            { reason: 'LastTenantAdmin' },
          );
        }
      }
      em.remove(grant);
      this.audit.record(em, tenant.id, ctx, 'role.removed', {
        accountId: dto.accountId,
        role: dto.role,
        ...(self ? { left: true } : {}),
      });
      if (!self) await revokeSessions(em, dto.accountId, clockOf(this.options));
      return { removed: true as const };
    });
  }
}
