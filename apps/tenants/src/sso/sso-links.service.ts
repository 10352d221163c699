import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Grant, RequestContext } from '@hearth/contracts';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { AccountsRepository } from '../accounts/accounts.repository';
import { accountDisabled } from '../accounts/accounts.exception';
import { AuditService } from '../audit/audit.service';
import { Tenant } from '../leros/tenant.entity';
import type { SsoLinkAfterCode } from '../two-factor/second-factor-sign-in.service';
import { AccountIdentity, IdentityProvider, SsoLinkOffer } from './sso.entity';
import { ssoAccountNotAllowed, ssoFlowUnknown, ssoLinkUnknown } from './sso.exception';

/**
 * What a provider may speak for, and the writing of a link between an account and a provider's identity
 * (ADR 80): shared by the link route (an account without two-factor sign-in) and the second factor's completion
 * (one with it: the link waits for the code).
 */
@Injectable()
export class SsoLinks implements SsoLinkAfterCode {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  async usableProvider(em: EntityManager, id: string): Promise<IdentityProvider> {
    const provider = await em.findOne(IdentityProvider, { id });
    // An unverified provider is no provider at all to someone signing in.
    if (!provider?.domainsVerifiedAt) throw ssoFlowUnknown();
    return provider;
  }

  /**
   * The provider may speak only for its own people: every grant of the account lies inside its LERO (a LERO's
   * provider) or its region and the region's LEROs (a region's), and there is at least one. Never a platform admin.
   */
  async assertWithin(em: EntityManager, provider: IdentityProvider, accountId: string): Promise<void> {
    const grants = await this.accounts.grantsOf(em, accountId);
    const leroIds = [...new Set(grants.flatMap((g) => (g.tenantId ? [g.tenantId] : [])))];
    const regionOf = new Map(
      (await em.find(Tenant, { id: { $in: leroIds } }, { fields: ['id', 'regionId'] })).map((t) => [
        t.id,
        t.regionId,
      ]),
    );
    const within = (g: Grant) => {
      if (g.role === 'platform-admin') return false;
      if (provider.tenantId) return g.tenantId === provider.tenantId;
      if (g.tenantId) return regionOf.get(g.tenantId) === provider.regionId;
      return g.regionId === provider.regionId;
    };
    if (grants.length === 0 || !grants.every(within)) throw ssoAccountNotAllowed();
  }

  /**
   * The link an offer names, made once every factor the account signs in with was given: the offer is spent, the
   * provider and the scope rule checked again (a while may have passed), and the link logged.
   */
  async write(ctx: RequestContext, offerId: string): Promise<void> {
    const em = this.db.em();
    const now = clockOf(this.options);
    const offer = await em.findOne(SsoLinkOffer, { id: offerId, usedAt: null, expiresAt: { $gt: now } });
    if (!offer) throw ssoLinkUnknown();
    const account = await this.accounts.findById(em, offer.accountId);
    if (!account) throw ssoLinkUnknown();
    // A disabled account gets no new way in, not even one it could use once enabled again.
    if (account.disabledAt) throw accountDisabled();
    const provider = await this.usableProvider(em, offer.providerId);
    await this.assertWithin(em, provider, account.id);
    await em.transactional(async (tx) => {
      const taken = await tx.nativeUpdate(SsoLinkOffer, { id: offer.id, usedAt: null }, { usedAt: now });
      if (taken !== 1) throw ssoLinkUnknown();
      // A link the account had with this provider before (another subject) is replaced. The provider's identity
      // linked to another account meanwhile (two offers raced) is not moved: the link is refused as unknown.
      await tx.nativeDelete(AccountIdentity, { accountId: account.id, providerId: provider.id });
      if (await tx.count(AccountIdentity, { issuer: offer.issuer, subject: offer.subject }))
        throw ssoLinkUnknown();
      tx.persist(
        tx.create(AccountIdentity, {
          accountId: account.id,
          providerId: provider.id,
          issuer: offer.issuer,
          subject: offer.subject,
          createdAt: now,
        }),
      );
    });
    // In the activity log of each LERO the account has a role in: who can now sign in as this person, and how.
    await this.audit.recordForAccount(account.id, ctx, 'account.sso-linked', {
      accountId: account.id,
      providerId: provider.id,
      providerName: provider.displayName,
    });
  }
}
