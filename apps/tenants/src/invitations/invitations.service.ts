import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AppError,
  notFound,
  type AcceptInvitationDto,
  type InviteToRegionRequest,
  type InviteToTenantRequest,
  type InvitationView,
  type RequestContext,
  type Role,
  TenantsEvents,
} from '@hearth/contracts';
import { requireActor, subject } from '@hearth/auth';
import { asTenantId } from '@hearth/persistence';
import { recordEvent } from '@hearth/messaging';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, type TenantsOptions } from '../tenants.options';
import { tenantsAbility } from '../tenants.ability';
import { Region } from '../regions/region.entity';
import { Tenant } from '../leros/tenant.entity';
import { authoriseTenant } from '../leros/tenant-access';
import { tenantEvent } from '../leros/tenant.view';
import { Account } from '../accounts/account.entity';
import { AccountsRepository } from '../accounts/accounts.repository';
import { hashPassword, verifyPassword } from '../accounts/password.util';
import { AuditService } from '../audit/audit.service';
import { hashSecretToken, newSecretToken, normaliseEmail } from '../secret-token.util';
import { Invitation } from './invitation.entity';
import { InvitationMailer } from './invitation-mailer';

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

interface NewInvitation {
  email: string;
  role: Role;
  regionId: string;
  tenantId?: string;
  memberId?: string;
}

@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
    private readonly mailer: InvitationMailer,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** Adds an invitation to the caller's transaction and returns it with its one-time token. */
  create(em: EntityManager, ctx: RequestContext, input: NewInvitation): InvitationView {
    const token = newSecretToken();
    const invitation = em.create(Invitation, {
      email: normaliseEmail(input.email),
      role: input.role,
      regionId: input.regionId,
      tenantId: input.tenantId ?? null,
      memberId: input.memberId ?? null,
      tokenHash: hashSecretToken(token),
      expiresAt: new Date(this.now().getTime() + INVITATION_TTL_MS),
      invitedBy: ctx.actor?.accountId ?? null,
      createdAt: this.now(),
    });
    em.persist(invitation);
    return {
      id: invitation.id,
      email: invitation.email,
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
    const view = this.create(em, ctx, { email: dto.email, role: dto.role, regionId: region.id });
    await em.flush();
    await this.mailer.send(view.email, view.token, `the ${region.name} region`);
    return view;
  }

  async inviteToTenant(ctx: RequestContext, dto: InviteToTenantRequest): Promise<InvitationView> {
    const actor = requireActor(ctx.actor);
    if (dto.memberId && dto.role !== 'member') {
      throw new AppError(
        'VALIDATION',
        'Invalid memberId: only a member invitation can link a member record.',
        {
          errors: [{ field: 'memberId', message: 'only allowed with role "member"' }],
        },
      );
    }
    const scope = this.db.forTenant(asTenantId(dto.tenantId));
    const view = await scope.em.transactional(async (em) => {
      const tenant = authoriseTenant(actor, await em.findOne(Tenant, { id: dto.tenantId }));
      if (tenant.status === 'archived')
        throw new AppError('CONFLICT', 'This LERO is archived; nobody can be invited to it.');
      const ability = tenantsAbility(actor);
      const allowed = ability.can(
        'invite',
        subject('TenantInvitation', { tenantId: tenant.id, regionId: tenant.regionId, role: dto.role }),
      );
      if (!allowed)
        throw new AppError('FORBIDDEN', `You do not have permission to invite a ${dto.role} to this LERO.`);
      const invitation = this.create(em, ctx, {
        email: dto.email,
        role: dto.role,
        regionId: tenant.regionId,
        tenantId: tenant.id,
        memberId: dto.memberId,
      });
      this.audit.record(em, tenant.id, ctx, 'invitation.created', {
        invitationId: invitation.id,
        role: dto.role,
      });
      return { ...invitation, lero: tenant.name };
    });
    const { lero, ...invitation } = view;
    await this.mailer.send(invitation.email, invitation.token, lero);
    return invitation;
  }

  async accept(ctx: RequestContext, dto: AcceptInvitationDto): Promise<{ accountId: string }> {
    const em = this.db.em();
    const invitation = await em.findOne(Invitation, { tokenHash: hashSecretToken(dto.token) });
    if (!invitation) {
      throw new AppError(
        'VALIDATION',
        'This invitation link is not valid. Ask the person who invited you for a new one.',
        {
          reason: 'InvitationUnknown',
          errors: [{ field: 'token', message: 'is not a valid invitation' }],
        },
      );
    }
    if (invitation.acceptedAt) {
      throw new AppError(
        'GONE',
        'This invitation has already been used. Sign in, or ask for a new invitation.',
        {
          reason: 'InvitationSpent',
        },
      );
    }
    if (invitation.expiresAt.getTime() <= this.now().getTime()) {
      throw new AppError(
        'GONE',
        'This invitation has expired. Ask the person who invited you for a new one.',
        {
          reason: 'InvitationExpired',
        },
      );
    }
    const existing = await this.accounts.findByEmail(em, invitation.email);
    if (existing && !(await verifyPassword(existing.passwordHash, dto.password))) {
      throw new AppError(
        'UNAUTHENTICATED',
        'This email already has a Hearth account. Enter that account’s password to accept the invitation.',
        { reason: 'AccountPasswordMismatch' },
      );
    }
    const passwordHash = existing ? undefined : await hashPassword(dto.password);
    const scoped = invitation.tenantId ? this.db.forTenant(asTenantId(invitation.tenantId)).em : em;
    return scoped.transactional(async (tx) => {
      const spent = await tx.nativeUpdate(
        Invitation,
        { id: invitation.id, acceptedAt: null },
        { acceptedAt: this.now() },
      );
      if (spent !== 1)
        throw new AppError('GONE', 'This invitation has already been used.', { reason: 'InvitationSpent' });
      let accountId = existing?.id;
      if (!accountId) {
        const account = tx.create(Account, {
          email: invitation.email,
          displayName: dto.displayName.trim(),
          passwordHash: passwordHash!,
          createdAt: this.now(),
        });
        tx.persist(account);
        await tx.flush();
        accountId = account.id;
      }
      await tx.nativeUpdate(Invitation, { id: invitation.id }, { acceptedBy: accountId });
      await this.accounts.addGrant(tx, {
        accountId,
        role: invitation.role,
        ...(invitation.tenantId ? { tenantId: invitation.tenantId } : { regionId: invitation.regionId }),
        ...(invitation.memberId ? { memberId: invitation.memberId } : {}),
      });
      if (invitation.tenantId) await this.onTenantInvitationAccepted(tx, ctx, invitation, accountId);
      return { accountId };
    });
  }

  /** The first tenant-admin to accept opens the LERO's space: onboarding → active. */
  private async onTenantInvitationAccepted(
    tx: EntityManager,
    ctx: RequestContext,
    invitation: Invitation,
    accountId: string,
  ) {
    const tenant = await tx.findOneOrFail(Tenant, { id: invitation.tenantId! });
    if (tenant.status === 'archived')
      throw new AppError('GONE', 'This LERO has been archived; the invitation no longer works.');
    this.audit.record(tx, tenant.id, { ...ctx, actor: undefined }, 'invitation.accepted', {
      invitationId: invitation.id,
      accountId,
      role: invitation.role,
    });
    if (invitation.role === 'tenant-admin' && tenant.status === 'onboarding') {
      tenant.status = 'active';
      this.audit.record(tx, tenant.id, { ...ctx, actor: undefined }, 'tenant.activated', {
        by: 'first tenant-admin',
      });
      recordEvent(tx, TenantsEvents.tenantActivated, tenantEvent(tenant), tenant.id);
    }
  }
}
