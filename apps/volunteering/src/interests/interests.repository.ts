import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { InterestStatus } from '@hearth/contracts';
import type { TenantId } from '@hearth/persistence';
import { VolunteeringDatabase } from '../volunteering-database';
import { erasedMemberKey } from '../volunteers/volunteers.repository';
import { RoleInterest } from './role-interest.entity';
import type { InterestRow } from './interest.view';

const COLUMNS = `i.id, i.role_id as "roleId", r.title as "roleTitle", i.member_id as "memberId", i.note, i.status,
  i.outcome, i.closed_at as "closedAt", i.created_at as "createdAt", i.version`;

/** Queries of interest in roles, in the caller's tenant-bound context. No business rules. */
@Injectable()
export class InterestsRepository {
  constructor(private readonly db: VolunteeringDatabase) {}

  /** One interest of the LERO, locked until the transaction ends (another LERO's: null, as a missing one). */
  find(em: EntityManager, interestId: string): Promise<RoleInterest | null> {
    return em.findOne(RoleInterest, { id: interestId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** The member's open interest in the role, if any (at most one: a partial unique index), locked. */
  findOpen(em: EntityManager, roleId: string, memberId: string): Promise<RoleInterest | null> {
    return em.findOne(
      RoleInterest,
      { roleId, memberId, status: 'open' },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
  }

  /** Whether volunteering erased this member (ADR 0050's one-way key): nothing of theirs may come back. */
  async erased(em: EntityManager, tenantId: string, memberId: string): Promise<boolean> {
    const rows = await em.execute<unknown[]>(
      `select 1 from volunteering.erased_members where tenant_id = ? and member_key = ?`,
      [tenantId, erasedMemberKey(tenantId, memberId)],
    );
    return rows.length > 0;
  }

  /** A page of one role's interests by id (oldest first), perhaps of one status; one more than `limit`. */
  pageOfRole(
    tenantId: TenantId,
    roleId: string,
    f: { status?: InterestStatus; afterId?: string; limit: number },
  ): Promise<InterestRow[]> {
    return this.db.readInTenant<InterestRow>(
      tenantId,
      `select ${COLUMNS} from volunteering.role_interests i join volunteering.roles r on r.id = i.role_id
        where i.role_id = $1::uuid and ($2::text is null or i.status = $2) and ($3::uuid is null or i.id > $3::uuid)
        order by i.id limit $4`,
      [roleId, f.status ?? null, f.afterId ?? null, f.limit + 1],
    );
  }

  /** A page of one member's interests by id (oldest first); one more than `limit`. */
  pageOfMember(
    tenantId: TenantId,
    memberId: string,
    f: { afterId?: string; limit: number },
  ): Promise<InterestRow[]> {
    return this.db.readInTenant<InterestRow>(
      tenantId,
      `select ${COLUMNS} from volunteering.role_interests i join volunteering.roles r on r.id = i.role_id
        where i.member_id = $1::uuid and ($2::uuid is null or i.id > $2::uuid)
        order by i.id limit $3`,
      [memberId, f.afterId ?? null, f.limit + 1],
    );
  }
}
