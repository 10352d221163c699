import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AppError,
  REGION_ROLES,
  notFound,
  type Actor,
  type RegionRole,
  type RegionTeamView,
  type RemoveRegionRoleRequest,
  type RequestContext,
} from '@hearth/contracts';
import { requireActor, subject } from '@hearth/auth';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { tenantsAbility } from '../tenants.ability';
import { RoleGrant } from '../accounts/role-grant.entity';
import { revokeSessions } from '../sessions/sessions.repository';
import { Invitation } from '../invitations/invitation.entity';
import { Region } from '../regions/region.entity';
import { pendingInvitationView, teamAccounts } from './team.view';
import { pendingWhere } from '../invitations/invitation-state';

/** A region's team (its admins, commissioners and directory curators, and who is invited), and taking a region role away. */
@Injectable()
export class RegionTeamService {
  private readonly logger = new Logger(RegionTeamService.name);

  constructor(
    private readonly db: TenantsDatabase,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  async list(ctx: RequestContext, regionId: string): Promise<RegionTeamView> {
    const actor = requireActor(ctx.actor);
    const em = this.db.em();
    const region = await this.visibleRegion(em, actor, regionId);
    if (!tenantsAbility(actor).can('read', subject('RegionTeam', { regionId: region.id }))) {
      throw new AppError('FORBIDDEN', 'Only this region’s admins can see its team.');
    }
    const [grants, invitations] = await Promise.all([
      em.find(RoleGrant, { regionId: region.id, tenantId: null, role: { $in: [...REGION_ROLES] } }),
      em.find(
        Invitation,
        { regionId: region.id, tenantId: null, ...pendingWhere(clockOf(this.options)) },
        { orderBy: { id: 'asc' } },
      ),
    ]);
    return {
      regionId: region.id,
      accounts: await teamAccounts<RegionRole>(em, grants),
      invitations: invitations.map(pendingInvitationView),
    };
  }

  /** The region's admins (and platform admins) take region roles away; anyone may give up their own. */
  async removeRole(ctx: RequestContext, dto: RemoveRegionRoleRequest): Promise<{ removed: true }> {
    const actor = requireActor(ctx.actor);
    const self = dto.accountId === actor.accountId;
    const em = this.db.em();
    const region = await this.visibleRegion(em, actor, dto.regionId);
    if (!self && !tenantsAbility(actor).can('delete', subject('RegionGrant', { regionId: region.id }))) {
      throw new AppError('FORBIDDEN', 'Only this region’s admins can take its roles away.');
    }
    await em.transactional(async (tx) => {
      const grant = await tx.findOne(RoleGrant, {
        regionId: region.id,
        tenantId: null,
        accountId: dto.accountId,
        role: dto.role,
      });
      if (!grant) throw notFound('That role');
      tx.remove(grant);
      if (!self) await revokeSessions(tx, dto.accountId, clockOf(this.options));
    });
    // Regions have no activity log yet (ADR 14): the service log keeps the fact.
    this.logger.log(
      { regionId: region.id, accountId: dto.accountId, role: dto.role, by: actor.accountId },
      'Region role removed',
    );
    return { removed: true };
  }

  /** The region, when the actor's grants reach it; else NOT_FOUND, as for an id that does not exist. */
  private async visibleRegion(em: EntityManager, actor: Actor, regionId: string): Promise<Region> {
    const region = await em.findOne(Region, { id: regionId });
    if (!region || !tenantsAbility(actor).can('read', subject('Region', { id: region.id })))
      throw notFound('Region');
    return region;
  }
}
