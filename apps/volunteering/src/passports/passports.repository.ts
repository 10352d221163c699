import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IssuedCredentialSummary, TrainingKind } from '@hearth/contracts';
import type { TenantId } from '@hearth/persistence';
import { VolunteeringDatabase } from '../volunteering-database';
import { STATUS_LIST_SIZE } from './status-list.util';

/** A valid training or check record of the member, with its catalogue item (the latest of each item). */
export interface HeldTraining {
  recordId: string;
  trainingId: string;
  name: string;
  kind: TrainingKind;
  completedOn: string;
  expiresOn: string | null;
}

export interface ServedRole {
  title: string;
  firstServedOn: string;
  lastServedOn: string;
}

export interface CredentialRow {
  id: string;
  memberId: string;
  kind: 'passport' | 'training';
  trainingId: string | null;
  recordId: string | null;
  listId: string;
  index: number;
  issuedAt: Date;
  expiresAt: Date;
}

const SUMMARY = `id, kind, training_id as "trainingId", issued_at as "issuedAt", expires_at as "expiresAt",
  revoked_at as "revokedAt"`;

/** Issued credentials, the LERO's status lists, and what a passport is made of. Queries only. */
@Injectable()
export class PassportsRepository {
  constructor(private readonly db: VolunteeringDatabase) {}

  /** The member's valid records (not expired today), the latest of each catalogue item. */
  async heldTraining(
    em: EntityManager,
    tenantId: TenantId,
    memberId: string,
    today: string,
  ): Promise<HeldTraining[]> {
    return em.execute<HeldTraining[]>(
      `select distinct on (r.training_id) r.id as "recordId", r.training_id as "trainingId", t.name, t.kind,
          to_char(r.completed_on, 'YYYY-MM-DD') as "completedOn", to_char(r.expires_on, 'YYYY-MM-DD') as "expiresOn"
        from volunteering.training_records r join volunteering.training t on t.id = r.training_id
        where r.tenant_id = ? and r.member_id = ? and r.completed_on <= ?::date
          and (r.expires_on is null or r.expires_on > ?::date)
        order by r.training_id, r.completed_on desc, r.id desc`,
      [tenantId, memberId, today, today],
    );
  }

  /**
   * The roles the member has held: a confirmed place on a shift of the role once that shift began, or approved hours
   * in it (logged ones too: a coordinator approved that they served). First and last day of either.
   */
  async servedRoles(em: EntityManager, tenantId: TenantId, memberId: string): Promise<ServedRole[]> {
    return em.execute<ServedRole[]>(
      `select r.title, to_char(min(served.day), 'YYYY-MM-DD') as "firstServedOn",
          to_char(max(served.day), 'YYYY-MM-DD') as "lastServedOn"
        from (
          select sh.role_id, o.local_date as day
            from volunteering.signups s
            join volunteering.shift_occurrences o on o.id = s.occurrence_id
            join volunteering.shifts sh on sh.id = o.shift_id
            where s.tenant_id = ? and s.member_id = ? and s.status = 'confirmed' and o.starts_at <= now()
          union all
          select h.role_id, h.date as day from volunteering.hours_entries h
            where h.tenant_id = ? and h.member_id = ? and h.status = 'approved'
        ) served
        join volunteering.roles r on r.id = served.role_id
        group by r.id, r.title order by min(served.day), r.id`,
      [tenantId, memberId, tenantId, memberId],
    );
  }

  /**
   * `count` consecutive indexes on one of the LERO's status lists (a new list when none has room). The row is
   * updated in place, so two issues at once wait for each other and never share an index.
   */
  async allocate(
    em: EntityManager,
    tenantId: TenantId,
    count: number,
  ): Promise<{ listId: string; first: number }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const rows = await em.execute<{ id: string; first: number }[]>(
        `update volunteering.status_lists l set next_index = l.next_index + ?
          where l.id = (select id from volunteering.status_lists where tenant_id = ? and next_index + ? <= size
                        order by created_at desc, id limit 1)
            and l.next_index + ? <= l.size
          returning l.id, l.next_index - ? as first`,
        [count, tenantId, count, count, count],
      );
      if (rows[0]) return { listId: rows[0].id, first: Number(rows[0].first) };
      await em.execute(
        `insert into volunteering.status_lists (id, tenant_id, size) values (?, ?, ?)`,
        [randomUUID(), tenantId, STATUS_LIST_SIZE],
        'run',
      );
    }
    throw new Error('No status list index could be allocated.');
  }

  async insert(em: EntityManager, tenantId: TenantId, rows: CredentialRow[]): Promise<void> {
    for (const r of rows)
      await em.execute(
        `insert into volunteering.issued_credentials
          (id, tenant_id, member_id, kind, training_id, record_id, list_id, status_index, issued_at, expires_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          r.id,
          tenantId,
          r.memberId,
          r.kind,
          r.trainingId,
          r.recordId,
          r.listId,
          r.index,
          r.issuedAt,
          r.expiresAt,
        ],
        'run',
      );
  }

  /** The set bits of a list (revoked credentials), or undefined when the LERO has no such list. */
  async revokedIndexes(tenantId: TenantId, listId: string): Promise<number[] | undefined> {
    const rows = await this.db.readInTenant<{ index: number | null }>(
      tenantId,
      `select c.status_index as index from volunteering.status_lists l
         left join volunteering.issued_credentials c on c.list_id = l.id and c.revoked_at is not null
        where l.id = $1::uuid`,
      [listId],
    );
    if (rows.length === 0) return undefined;
    return rows.flatMap((r) => (r.index === null ? [] : [Number(r.index)]));
  }

  /** Whether the credential at `index` of the list is revoked; undefined when the LERO has no such list. */
  async isRevoked(tenantId: TenantId, listId: string, index: number): Promise<boolean | undefined> {
    const rows = await this.db.readInTenant<{ revoked: boolean }>(
      tenantId,
      `select exists (select 1 from volunteering.issued_credentials c
           where c.list_id = l.id and c.status_index = $2 and c.revoked_at is not null) as revoked
         from volunteering.status_lists l where l.id = $1::uuid`,
      [listId, index],
    );
    return rows[0]?.revoked;
  }

  /** The credentials issued to a member, newest first (at most 200). */
  /** What was issued to a member, newest first; `known` false when volunteering knows no such member of the LERO. */
  async ofMember(
    tenantId: TenantId,
    memberId: string,
  ): Promise<{ known: boolean; items: IssuedCredentialSummary[] }> {
    const rows = await this.db.readInTenant<{ known: boolean; items: IssuedCredentialSummary[] }>(
      tenantId,
      `select exists (select 1 from volunteering.members where member_id = $1::uuid) as known,
          coalesce((select json_agg(c) from (
            select ${SUMMARY} from volunteering.issued_credentials where member_id = $1::uuid
              order by issued_at desc, id desc limit 200) c), '[]'::json) as items`,
      [memberId],
    );
    return rows[0];
  }

  /** Revokes a credential (once: a second revocation keeps the first time); null when the LERO has no such one. */
  async revoke(em: EntityManager, tenantId: TenantId, id: string): Promise<IssuedCredentialSummary | null> {
    const rows = await em.execute<IssuedCredentialSummary[]>(
      `update volunteering.issued_credentials set revoked_at = coalesce(revoked_at, now())
        where tenant_id = ? and id = ? returning ${SUMMARY}`,
      [tenantId, id],
    );
    return rows[0] ?? null;
  }

  /** Whether the member already holds a record of the item completed that day. */
  async hasRecord(
    em: EntityManager,
    tenantId: TenantId,
    memberId: string,
    trainingId: string,
    completedOn: string,
  ): Promise<boolean> {
    const rows = await em.execute(
      `select 1 from volunteering.training_records
        where tenant_id = ? and member_id = ? and training_id = ? and completed_on = ?::date`,
      [tenantId, memberId, trainingId, completedOn],
    );
    return rows.length > 0;
  }
}
