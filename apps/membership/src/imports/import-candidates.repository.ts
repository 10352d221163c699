import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { TENANT_SETTING, type TenantScope } from '@hearth/persistence';
import { Member } from '../members/member.entity';

/**
 * Queries only: the live members an import's rows may be, and the lock that makes a LERO's imports one at a
 * time. Every method runs in the caller's transaction; the raw selects set the LERO for row-level security.
 */
@Injectable()
export class ImportCandidatesRepository {
  /** Two imports of one file at once would otherwise both see its people as new. */
  async lockImports(scope: TenantScope): Promise<void> {
    await this.enter(scope);
    await scope.em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [
      `membership.import:${scope.tenantId}`,
    ]);
  }

  /** Ids of the live members with one of these ids or (lower-cased, as stored) emails. */
  async idsByIdOrEmail(scope: TenantScope, ids: string[], emails: string[]): Promise<string[]> {
    if (ids.length + emails.length === 0) return [];
    await this.enter(scope);
    const rows = await scope.em.execute<{ id: string }[]>(
      `select id from membership.members
        where tenant_id = ? and status <> 'erased'
          and (id in (select jsonb_array_elements_text(?::jsonb)::uuid)
            or email in (select jsonb_array_elements_text(?::jsonb)))`,
      [scope.tenantId, JSON.stringify(ids), JSON.stringify(emails)],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Every live member's name (rows without email are matched by name; the comparison is made in one place, in
   * code, so that it cannot depend on the database's locale).
   */
  async liveNames(scope: TenantScope): Promise<{ id: string; displayName: string | null }[]> {
    await this.enter(scope);
    return scope.em.execute<{ id: string; displayName: string | null }[]>(
      `select id, display_name as "displayName" from membership.members where tenant_id = ? and status <> 'erased'`,
      [scope.tenantId],
    );
  }

  /** The members, oldest first; with `lock`, locked until the transaction ends. */
  members(scope: TenantScope, ids: string[], lock: boolean): Promise<Member[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return scope.em.find(
      Member,
      { id: { $in: ids }, tenantId: scope.tenantId, status: { $ne: 'erased' } },
      { orderBy: { id: 'asc' }, ...(lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) },
    );
  }

  private async enter(scope: TenantScope): Promise<void> {
    await scope.em.execute(`select set_config('${TENANT_SETTING}', ?, true)`, [scope.tenantId]);
  }
}
