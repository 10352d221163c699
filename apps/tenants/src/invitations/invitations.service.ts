import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AppError,
  MembershipClient,
  notFound,
  type Actor,
  type InviteToRegionRequest,
  type InviteToTenantRequest,
  type InvitationView,
  type RequestContext,
  type Role,
} from '@hearth/contracts';
import { requireActor, subject } from '@hearth/auth';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { tenantsAbility } from '../tenants.ability';
import { Region } from '../regions/region.entity';
import type { Tenant } from '../leros/tenant.entity';
import { TenantsAccess } from '../tenants-access';
import { overseesRegion } from '../leros/lero-admins';
import { AuditService } from '../audit/audit.service';
import { Mailer } from '../mail/mailer';
import { hashSecretToken, newSecretToken, normaliseEmail } from '../secret-token.util';
import { Invitation } from './invitation.entity';
import { refuseOwnEmail } from './self-grant';
import { ErasedMembersRepository } from './erased-members.repository';
import {
  invitingIsLeros,
  mayNotInvite,
  memberLinkNeedsMemberRole,
  noInviteToArchived,
} from './invitations.exception';

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

interface NewInvitation {
  email: string;
  role: Role;
  regionId: string;
  tenantId?: string;
  memberId?: string;
  /** Break-glass: accepted only from then, and why. */
  notBefore?: Date;
  reason?: string;
}

@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly access: TenantsAccess,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    private readonly membership: MembershipClient,
    private readonly erased: ErasedMembersRepository,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  /** Adds an invitation to the caller's transaction and returns it with its one-time token. */
  create(em: EntityManager, ctx: RequestContext, input: NewInvitation): InvitationView {
    const now = clockOf(this.options);
    const token = newSecretToken();
    const email = normaliseEmail(input.email);
    const invitation = em.create(Invitation, {
      email,
      role: input.role,
      regionId: input.regionId,
      tenantId: input.tenantId ?? null,
      memberId: input.memberId ?? null,
      tokenHash: hashSecretToken(token),
      expiresAt: new Date((input.notBefore ?? now).getTime() + INVITATION_TTL_MS),
      invitedBy: ctx.actor?.accountId ?? null,
      notBefore: input.notBefore ?? null,
      reason: input.reason ?? null,
      createdAt: now,
    });
    em.persist(invitation);
    return {
      id: invitation.id,
      email,
      role: invitation.role,
      token,
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }

  async inviteToRegion(ctx: RequestContext, dto: InviteToRegionRequest): Promise<InvitationView> {
    const actor = requireActor(ctx.actor);
    const ability = tenantsAbility(actor);
    const em = this.db.em();
    const region = await em.findOne(Region, { id: dto.regionId });
    const target = region && subject('Region', { id: region.id });
    if (
      !region ||
      !target ||
      !(
        ability.can('read', target) ||
        ability.can('invite', subject('RegionInvitation', { regionId: region.id }))
      )
    ) {
      throw notFound('Region');
    }
    if (!ability.can('invite', subject('RegionInvitation', { regionId: region.id, role: dto.role }))) {
      throw new AppError('FORBIDDEN', 'You do not have permission to invite people to this region.');
    }
    refuseOwnEmail(actor, dto.email);
    const view = this.create(em, ctx, { email: dto.email, role: dto.role, regionId: region.id });
    this.mailer.queueInvitation(em, view, `the ${region.name} region`);
    await em.flush();
    return view;
  }

  /**
   * Roles inside a LERO are given by its own admins (coordinators: volunteers and members); region and
   * platform staff may invite only its first admin, while it is onboarding. A linked member record must be
   * one of the LERO's own active members (asked of the membership service, as the inviter).
   */
  async inviteToTenant(ctx: RequestContext, dto: InviteToTenantRequest): Promise<InvitationView> {
    requireActor(ctx.actor);
    if (dto.memberId && dto.role !== 'member') throw memberLinkNeedsMemberRole();
    const { actor, tenant, tenantId } = await this.access.lero(ctx, dto.tenantId);
    if (tenant.status === 'archived') throw noInviteToArchived();
    this.ensureMayInvite(actor, tenant, dto.role);
    refuseOwnEmail(actor, dto.email);
    if (dto.memberId) await this.ensureActiveMember(ctx, tenantId, dto.memberId);
    const invitation = await this.db.forTenant(tenantId).em.transactional(async (em) => {
      // Membership said active, but its erasure may have reached this service since.
      if (dto.memberId) await this.erased.ensureNotErased(em, tenantId, dto.memberId);
      const created = this.create(em, ctx, {
        email: dto.email,
        role: dto.role,
        regionId: tenant.regionId,
        tenantId,
        memberId: dto.memberId,
      });
      this.audit.record(em, tenantId, ctx, 'invitation.created', {
        invitationId: created.id,
        role: dto.role,
      });
      this.mailer.queueInvitation(em, created, tenant.name);
      return created;
    });
    return invitation;
  }

  private ensureMayInvite(actor: Actor, tenant: Tenant, role: Role): void {
    const target = subject('TenantInvitation', {
      tenantId: tenant.id,
      regionId: tenant.regionId,
      role,
      status: tenant.status,
    });
    if (tenantsAbility(actor).can('invite', target)) return;
    const ownGrant = actor.grants.some((g) => g.tenantId === tenant.id);
    if (!ownGrant && overseesRegion(actor, tenant.regionId)) throw invitingIsLeros(tenant.status);
    throw mayNotInvite(role);
  }

  /** NOT_FOUND, as for an id that does not exist, unless the id is one of the LERO's own active members. */
  private async ensureActiveMember(ctx: RequestContext, tenantId: string, memberId: string): Promise<void> {
    const { items } = await this.membership.memberNames(ctx, tenantId, [memberId]);
    if (!items.some((m) => m.id.toLowerCase() === memberId.toLowerCase())) throw notFound('Member');
  }
}
