import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Grant } from '@hearth/contracts';
import { Account } from './account.entity';
import { RoleGrant } from './role-grant.entity';

@Injectable()
export class AccountsRepository {
  findByEmail(em: EntityManager, email: string) {
    return em.findOne(Account, { email });
  }

  findById(em: EntityManager, id: string) {
    return em.findOne(Account, { id });
  }

  async grantsOf(em: EntityManager, accountId: string): Promise<Grant[]> {
    const rows = await em.find(RoleGrant, { accountId }, { orderBy: { createdAt: 'asc' } });
    return rows.map((g) => g.toGrant());
  }

  /** Adds a grant unless the account already holds it (idempotent across replicas). */
  async addGrant(em: EntityManager, grant: Grant & { accountId: string }): Promise<void> {
    await em
      .createQueryBuilder(RoleGrant)
      .insert({
        id: new RoleGrant().id,
        accountId: grant.accountId,
        role: grant.role,
        regionId: grant.regionId ?? null,
        tenantId: grant.tenantId ?? null,
        memberId: grant.memberId ?? null,
        createdAt: new Date(),
      })
      .onConflict()
      .ignore()
      .execute();
  }

  /** The LEROs an account holds a role in. */
  async leroIdsOf(em: EntityManager, accountId: string): Promise<string[]> {
    const grants = await em.find(RoleGrant, { accountId, tenantId: { $ne: null } }, { fields: ['tenantId'] });
    return [...new Set(grants.map((g) => g.tenantId!))];
  }

  /** Accounts that hold tenant-admin in the LERO and may sign in (not disabled), leaving one out if asked. */
  async enabledAdminIds(em: EntityManager, tenantId: string, except?: string): Promise<string[]> {
    const grants = await em.find(
      RoleGrant,
      { tenantId, role: 'tenant-admin', ...(except ? { accountId: { $ne: except } } : {}) },
      { fields: ['accountId'] },
    );
    if (grants.length === 0) return [];
    const enabled = await em.find(
      Account,
      { id: { $in: grants.map((g) => g.accountId) }, disabledAt: null },
      { fields: ['id'] },
    );
    return enabled.map((a) => a.id);
  }

  async platformAdminExists(em: EntityManager): Promise<boolean> {
    return (await em.count(RoleGrant, { role: 'platform-admin' })) > 0;
  }
}
