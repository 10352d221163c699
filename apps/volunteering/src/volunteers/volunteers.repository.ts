import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TenantId } from '@hearth/persistence';
import { VolunteeringDatabase } from '../volunteering-database';

/** The version of a change: the event's time, then its id (UUIDv7), so two at the same instant still order. */
export interface Version {
  at: string;
  eventId: string;
}

/** What one member event says: always the roles as they now are; a status only for join, leave and rejoin. */
export interface MemberChange {
  tenantId: string;
  memberId: string;
  volunteer: boolean;
  status: 'active' | 'left' | null;
  version: Version;
}

/** A one-way key of an erased member's id: only someone who already holds the id can recognise it. */
export const erasedMemberKey = (tenantId: string, memberId: string) =>
  createHash('sha256')
    .update(`hearth/volunteering/erased-member/${tenantId.toLowerCase()}/${memberId.toLowerCase()}`)
    .digest('hex');

// Each part (roles, status) replaces the stored one only when its version is newer; an older event changes nothing.
const ROLES_NEWER = `(m.roles_at, m.roles_event) < (excluded.roles_at, excluded.roles_event)`;
const STATUS_NEWER = `excluded.status is not null
  and (m.status_at is null or (m.status_at, m.status_event) < (excluded.status_at, excluded.status_event))`;
const UPSERT = `insert into volunteering.members as m
    (tenant_id, member_id, volunteer, roles_at, roles_event, status, status_at, status_event)
  select ?, ?, ?, ?, ?, ?::text, ?::timestamptz, ?::uuid
    where not exists (select 1 from volunteering.erased_members where tenant_id = ? and member_key = ?)
  on conflict (tenant_id, member_id) do update set
    volunteer = case when ${ROLES_NEWER} then excluded.volunteer else m.volunteer end,
    roles_at = case when ${ROLES_NEWER} then excluded.roles_at else m.roles_at end,
    roles_event = case when ${ROLES_NEWER} then excluded.roles_event else m.roles_event end,
    status = case when ${STATUS_NEWER} then excluded.status else m.status end,
    status_at = case when ${STATUS_NEWER} then excluded.status_at else m.status_at end,
    status_event = case when ${STATUS_NEWER} then excluded.status_event else m.status_event end`;

/** Volunteering's projection of membership's members: ids, the `volunteer` role and status. Queries only. */
@Injectable()
export class VolunteersRepository {
  constructor(private readonly db: VolunteeringDatabase) {}

  /** Holds one member's events apart until the transaction ends, so an erasure and a late join cannot interleave. */
  static async lock(em: EntityManager, tenantId: string, memberId: string): Promise<void> {
    await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [
      `volunteering/member/${tenantId.toLowerCase()}/${memberId.toLowerCase()}`,
    ]);
  }

  /** Notes a change unless the member was erased here; only the newer parts of it are kept. */
  static async write(em: EntityManager, c: MemberChange): Promise<void> {
    const statusVersion = c.status ? c.version : null;
    await em.execute(
      UPSERT,
      [
        c.tenantId,
        c.memberId,
        c.volunteer,
        c.version.at,
        c.version.eventId,
        c.status,
        statusVersion?.at ?? null,
        statusVersion?.eventId ?? null,
        c.tenantId,
        erasedMemberKey(c.tenantId, c.memberId),
      ],
      'run',
    );
  }

  /**
   * Drops the member's projection row and keeps the one-way key instead (once). Their other rows go before it, each
   * table by its own function (`MemberErasure`, ADR 0060).
   */
  static async erase(em: EntityManager, tenantId: string, memberId: string): Promise<void> {
    await em.execute(
      `insert into volunteering.erased_members (tenant_id, member_key) values (?, ?) on conflict do nothing`,
      [tenantId, erasedMemberKey(tenantId, memberId)],
      'run',
    );
    await em.execute(
      `delete from volunteering.members where tenant_id = ? and member_id = ?`,
      [tenantId, memberId],
      'run',
    );
  }

  /** Whether the member is an active member of the LERO whose community roles include `volunteer`. */
  async isVolunteer(tenantId: TenantId, memberId: string): Promise<boolean> {
    const rows = await this.db.readInTenant(
      tenantId,
      `select 1 from volunteering.members where member_id = $1 and volunteer and status = 'active'`,
      [memberId.toLowerCase()],
    );
    return rows.length > 0;
  }

  /** A page of the LERO's active volunteers by member id, after `afterId`, one more than `limit`. */
  activeVolunteers(tenantId: TenantId, f: { afterId?: string; limit: number }): Promise<{ id: string }[]> {
    return this.db.readInTenant<{ id: string }>(
      tenantId,
      `select member_id as id from volunteering.members
        where volunteer and status = 'active' and ($1::uuid is null or member_id > $1::uuid)
        order by member_id limit $2`,
      [f.afterId ?? null, f.limit + 1],
    );
  }
}
