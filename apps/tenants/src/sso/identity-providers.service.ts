import { Injectable } from '@nestjs/common';
import {
  AppError,
  notFound,
  type Actor,
  type CreateIdentityProviderDto,
  type IdentityProviderIdRequest,
  type IdentityProviderView,
  type RequestContext,
} from '@hearth/contracts';
import { requireActor } from '@hearth/auth';
import { TenantsDatabase } from '../tenants-database';
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
  ) {}

  async create(ctx: RequestContext, dto: CreateIdentityProviderDto): Promise<IdentityProviderView> {
    const actor = requireActor(ctx.actor);
    if (!dto.regionId === !dto.tenantId)
      throw new AppError('VALIDATION', 'Give exactly one of regionId and tenantId.', {
        fields: { regionId: ['give exactly one of regionId and tenantId'] },
      });
    const em = this.db.em();
    const regionId = dto.tenantId
      ? (await em.findOne(Tenant, { id: dto.tenantId }, { fields: ['regionId'] }))?.regionId
      : (await em.findOne(Region, { id: dto.regionId! }, { fields: ['id'] }))?.id;
    // Ids outside what the actor oversees answer as missing ones.
    if (!regionId || !overseesRegion(actor, regionId)) throw notFound(dto.tenantId ? 'LERO' : 'Region');
    const provider = em.create(IdentityProvider, {
      regionId: dto.tenantId ? null : regionId,
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

  async verifyDomains(ctx: RequestContext, dto: IdentityProviderIdRequest): Promise<IdentityProviderView> {
    const actor = requireActor(ctx.actor);
    const em = this.db.em();
    const provider = await em.findOne(IdentityProvider, { id: dto.providerId });
    const regionId =
      provider?.regionId ?? (provider?.tenantId ? await this.regionOf(provider.tenantId) : null);
    if (!provider || !regionId || !overseesRegion(actor, regionId)) throw notFound('Identity provider');
    if (!isPlatformAdmin(actor)) throw domainsNeedVerifying();
    provider.domainsVerifiedAt = new Date();
    await em.flush();
    return viewOf(provider);
  }

  private async regionOf(tenantId: string): Promise<string | null> {
    return (await this.db.em().findOne(Tenant, { id: tenantId }, { fields: ['regionId'] }))?.regionId ?? null;
  }
}

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
