import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  forbidden,
  notFound,
  type Actor,
  type CreateIdentityProviderDto,
  type IdentityProviderScope,
  type IdentityProviderView,
  type RequestContext,
  type ScopedIdentityProviderRequest,
  type SsoProviderChoice,
  type SsoProvidersForEmailDto,
  type SsoProvidersForInvitationDto,
} from '@hearth/contracts';
import { requireActor } from '@hearth/auth';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { AccountsRepository } from '../accounts/accounts.repository';
import { Invitation } from '../invitations/invitation.entity';
import { hashSecretToken } from '../secret-token.util';
import { Tenant } from '../leros/tenant.entity';
import { overseesRegion } from '../leros/lero-admins';
import { Region } from '../regions/region.entity';
import { TotpSecretCipher } from '../two-factor/totp-secret-cipher';
import { IdentityProvider } from './sso.entity';
import { clientSecretAad } from './sso-sign-in.service';
import { domainsNeedVerifying } from './sso.exception';

const isPlatformAdmin = (actor: Actor) => actor.grants.some((g) => g.role === 'platform-admin');

/**
 * Identity providers of regions and LEROs (ADR 80): a region's admins (or a platform admin) set one up for the
 * region or one of its LEROs; only a platform admin verifies its domains, and until then it signs nobody in.
 */
@Injectable()
export class IdentityProvidersService {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly cipher: TotpSecretCipher,
    private readonly accounts: AccountsRepository,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  async create(ctx: RequestContext, dto: CreateIdentityProviderDto): Promise<IdentityProviderView> {
    await this.authorise(ctx, dto);
    const em = this.db.em();
    const provider = em.create(IdentityProvider, {
      regionId: dto.tenantId ? null : dto.regionId!,
      tenantId: dto.tenantId ?? null,
      displayName: dto.displayName,
      issuer: dto.issuer.replace(/\/$/, ''),
      clientId: dto.clientId,
      clientSecret: '',
      allowedDomains: [...new Set(dto.allowedDomains)],
      createdAt: new Date(),
    });
    provider.clientSecret = this.cipher.encrypt(dto.clientSecret, clientSecretAad(provider.id));
    await em.persist(provider).flush();
    return viewOf(provider);
  }

  async list(ctx: RequestContext, scope: IdentityProviderScope): Promise<{ items: IdentityProviderView[] }> {
    await this.authorise(ctx, scope);
    const rows = await this.db.em().find(IdentityProvider, ownedBy(scope), { orderBy: { id: 'asc' } });
    return { items: rows.map(viewOf) };
  }

  async verifyDomains(
    ctx: RequestContext,
    dto: ScopedIdentityProviderRequest,
  ): Promise<IdentityProviderView> {
    const actor = await this.authorise(ctx, dto);
    const em = this.db.em();
    const provider = await em.findOne(IdentityProvider, { id: dto.providerId, ...ownedBy(dto) });
    if (!provider) throw notFound('Identity provider');
    if (!isPlatformAdmin(actor)) throw domainsNeedVerifying();
    provider.domainsVerifiedAt = new Date();
    await em.flush();
    return viewOf(provider);
  }

  async remove(ctx: RequestContext, dto: ScopedIdentityProviderRequest): Promise<{ deleted: true }> {
    await this.authorise(ctx, dto);
    // Its links to accounts, and sign-ins begun with it, go with it (foreign keys cascade).
    const deleted = await this.db
      .em()
      .nativeDelete(IdentityProvider, { id: dto.providerId, ...ownedBy(dto) });
    if (deleted !== 1) throw notFound('Identity provider');
    return { deleted: true };
  }

  /** No sign-in: the verified providers allowed to assert the email's domain (names and ids only). */
  async forEmail(dto: SsoProvidersForEmailDto): Promise<{ items: SsoProviderChoice[] }> {
    const domain = dto.email.trim().toLowerCase().split('@')[1] ?? '';
    const rows = await this.db
      .em()
      .find(
        IdentityProvider,
        { allowedDomains: { $contains: [domain] }, domainsVerifiedAt: { $ne: null } },
        { fields: ['id', 'displayName'], orderBy: { displayName: 'asc' }, limit: 10 },
      );
    return { items: rows.map((p) => ({ id: p.id, displayName: p.displayName })) };
  }

  /**
   * The providers through which a pending invitation can be accepted (for the invitation page): verified ones of
   * the invitation's LERO or region whose domains include the invited email's, for someone with no account yet.
   * An unknown, used, cancelled or lapsed invitation has none; the answer names no email, LERO or region.
   */
  async forInvitation(dto: SsoProvidersForInvitationDto): Promise<{ items: SsoProviderChoice[] }> {
    const em = this.db.em();
    const invitation = await em.findOne(Invitation, {
      tokenHash: hashSecretToken(dto.invitationToken),
      acceptedAt: null,
      cancelledAt: null,
      expiresAt: { $gt: clockOf(this.options) },
    });
    // An existing account accepts with its password (the callback would offer a link, not the invitation).
    if (!invitation?.email || (await this.accounts.findByEmail(em, invitation.email))) return { items: [] };
    const domain = invitation.email.slice(invitation.email.lastIndexOf('@') + 1);
    const rows = await em.find(
      IdentityProvider,
      {
        allowedDomains: { $contains: [domain] },
        domainsVerifiedAt: { $ne: null },
        // As the callback accepts it: a LERO's provider for its own LERO's invitations, a region's for its region's.
        ...(invitation.tenantId
          ? { $or: [{ tenantId: invitation.tenantId }, { regionId: invitation.regionId }] }
          : { regionId: invitation.regionId }),
      },
      { fields: ['id', 'displayName'], orderBy: { displayName: 'asc' }, limit: 10 },
    );
    return { items: rows.map((p) => ({ id: p.id, displayName: p.displayName })) };
  }

  /** The actor oversees the scope's region (a region admin of it, or a platform admin); else it is missing. */
  private async authorise(ctx: RequestContext, scope: IdentityProviderScope): Promise<Actor> {
    const actor = requireActor(ctx.actor);
    if (!scope.regionId === !scope.tenantId)
      throw new AppError('VALIDATION', 'Give exactly one of regionId and tenantId.', {
        fields: { regionId: ['give exactly one of regionId and tenantId'] },
      });
    const em = this.db.em();
    const regionId = scope.tenantId
      ? (await em.findOne(Tenant, { id: scope.tenantId }, { fields: ['regionId'] }))?.regionId
      : (await em.findOne(Region, { id: scope.regionId! }, { fields: ['id'] }))?.id;
    if (regionId && overseesRegion(actor, regionId)) return actor;
    // The LERO's or region's own people are told no; for everyone else its ids answer as missing ones.
    const own = actor.grants.some((g) =>
      scope.tenantId ? g.tenantId === scope.tenantId : g.regionId === regionId && !!regionId,
    );
    if (own) throw forbidden('Only the region’s admins and platform admins manage identity providers.');
    throw notFound(scope.tenantId ? 'LERO' : 'Region');
  }
}

const ownedBy = (scope: IdentityProviderScope) =>
  scope.tenantId ? { tenantId: scope.tenantId } : { regionId: scope.regionId! };

function viewOf(p: IdentityProvider): IdentityProviderView {
  return {
    id: p.id,
    ...(p.regionId ? { regionId: p.regionId } : {}),
    ...(p.tenantId ? { tenantId: p.tenantId } : {}),
    displayName: p.displayName,
    issuer: p.issuer,
    clientId: p.clientId,
    allowedDomains: p.allowedDomains,
    domainsVerifiedAt: p.domainsVerifiedAt?.toISOString() ?? null,
  };
}
