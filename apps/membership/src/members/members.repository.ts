import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { uuidv7 } from 'uuidv7';
import {
  MEMBER_FIELDS,
  MEMBER_SUMMARY_FIELDS,
  type CommunityRole,
  type MemberField,
  type MemberSort,
  type MemberStatus,
} from '@hearth/contracts';
import {
  RETENTION_SETTING,
  decodeCursor,
  type SqlLiteral,
  type TenantId,
  type TenantScope,
} from '@hearth/persistence';
import { MembershipDatabase } from '../membership-database';
import type { MemberAuditAction } from '../audit/member-audit.service';
import { ReadAudit } from '../audit/read-audit';
import { Member } from './member.entity';
import type { MemberRecord } from './member.view';
import { decodeNameCursor } from './member-cursor.util';

/** Each field's columns, aliased as a MemberRecord (the raw reads select them by these). */
const MEMBER_COLUMNS: Record<MemberField, string> = {
  id: 'id',
  displayName: 'display_name as "displayName"',
  email: 'email',
  phone: 'phone',
  communityRoles: 'community_roles as "communityRoles"',
  pathway: 'pathway',
  preferredContact: 'preferred_contact as "preferredContact"',
  reminders: 'reminders',
  consents: `consent_contact as "consentContact", consent_photos as "consentPhotos",
  consent_share_stories_anonymously as "consentShareStoriesAnonymously"`,
  notes: 'notes',
  status: 'status',
  joinedAt: 'joined_at as "joinedAt"',
  leftAt: 'left_at as "leftAt"',
  updatedAt: 'updated_at as "updatedAt"',
};

const WHOLE_RECORD = MEMBER_FIELDS.map((f) => MEMBER_COLUMNS[f]).join(', ');
/** What a volunteer sees, and the status their reads are filtered on. */
const SUMMARY = [...MEMBER_SUMMARY_FIELDS, 'status' as const].map((f) => MEMBER_COLUMNS[f]).join(', ');

export interface MemberFilter {
  search?: string;
  /** Volunteers search names only: matching on an email they cannot see would reveal it. */
  searchEmail: boolean;
  communityRole?: CommunityRole;
  status?: MemberStatus;
  cursor?: string;
  limit: number;
  whole: boolean;
  /** Join order (by id), or by name ignoring case (then by id); each has its own cursor. */
  sort?: MemberSort;
}

export interface AuditedRead {
  actorAccountId: string | null;
  action: MemberAuditAction;
  self?: boolean;
  activeOnly?: boolean;
}

/** `%`, `_` and `\` in what people type are matched literally. */
const likePattern = (search: string) => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The list query. A search is answered from the trigram indexes first (a materialised set of matches, then
 * sorted): left to itself the planner would walk the primary key in order and test every member of a large
 * LERO against a rare name.
 */
export function memberListQuery(
  tenantId: TenantId,
  filter: MemberFilter,
): { sql: string; params: SqlLiteral[] } {
  const params: SqlLiteral[] = [tenantId];
  const param = (value: SqlLiteral) => `$${params.push(value)}`;
  const where = [`tenant_id = $1::uuid`, `status <> 'erased'`];
  if (filter.status) where.push(`status = ${param(filter.status)}`);
  if (filter.communityRole) where.push(`${param(filter.communityRole)} = any(community_roles)`);
  if (filter.search) {
    const p = param(likePattern(filter.search));
    where.push(
      filter.searchEmail ? `(display_name ilike ${p} or email ilike ${p})` : `display_name ilike ${p}`,
    );
  }
  const byName = filter.sort === 'name';
  if (filter.cursor && byName) {
    const after = decodeNameCursor(filter.cursor);
    where.push(`(lower(display_name), id) > (${param(after.nameKey)}, ${param(after.id)}::uuid)`);
  } else if (filter.cursor) where.push(`id > ${param(decodeCursor(filter.cursor))}::uuid`);
  // By name: the key the order and the cursor use, as the database computes it.
  const columns = `${filter.whole ? WHOLE_RECORD : SUMMARY}${byName ? ', lower(display_name) as "nameKey"' : ''}`;
  const limit = param(filter.limit + 1);
  const order = byName ? (filter.search ? '"nameKey", id' : 'lower(display_name), id') : 'id';
  const sql = filter.search
    ? `with hits as materialized (select ${columns} from membership.members where ${where.join(' and ')})
       select * from hits order by ${order} limit ${limit}`
    : `select ${columns} from membership.members where ${where.join(' and ')} order by ${order} limit ${limit}`;
  return { sql, params };
}

/** Queries only. Reads that matter for speed are one round trip each (`readInTenant`, RLS applies). */
@Injectable()
export class MembersRepository {
  constructor(
    private readonly db: MembershipDatabase,
    private readonly readAudit: ReadAudit,
  ) {}

  /** A live (not erased) member for a change, locked until the transaction ends. */
  findForUpdate(scope: TenantScope, memberId: string): Promise<Member | null> {
    return scope.em.findOne(
      Member,
      { id: memberId, tenantId: scope.tenantId, status: { $ne: 'erased' } },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
  }

  /** A live member, read for a change or a check inside a transaction. */
  findLive(scope: TenantScope, memberId: string): Promise<Member | null> {
    return scope.em.findOne(Member, { id: memberId, tenantId: scope.tenantId, status: { $ne: 'erased' } });
  }

  /**
   * Reads one live member and writes the audit entry of that read in the same statement and round trip;
   * nothing is written when there is no such member. With group commit on (ADR 0090) the read is answered only
   * once its audit row has committed with its batch, and not at all when that batch failed.
   */
  async readAudited(
    tenantId: TenantId,
    memberId: string,
    audit: AuditedRead,
  ): Promise<MemberRecord | undefined> {
    const status = `status ${audit.activeOnly ? "= 'active'" : "<> 'erased'"}`;
    if (this.readAudit.grouped) {
      const [record] = await this.db.readInTenant<MemberRecord>(
        tenantId,
        `select ${WHOLE_RECORD} from membership.members where id = $1::uuid and tenant_id = $2::uuid and ${status}`,
        [memberId, tenantId],
      );
      if (record)
        await this.readAudit.record(tenantId, {
          memberId,
          actorAccountId: audit.actorAccountId,
          action: audit.action,
          self: audit.self,
        });
      return record;
    }
    const details = audit.self
      ? `jsonb_build_object('memberId', m.id, 'self', true)`
      : `jsonb_build_object('memberId', m.id)`;
    const rows = await this.db.readInTenant<MemberRecord>(
      tenantId,
      `with m as (
         select ${WHOLE_RECORD}, tenant_id from membership.members
          where id = $1::uuid and tenant_id = $2::uuid and ${status}),
       a as (
         insert into membership.audit_entries (id, tenant_id, at, actor_account_id, action, member_id, details)
         select $3::uuid, m.tenant_id, now(), $4::uuid, $5, m.id, ${details} from m)
       select * from m`,
      [memberId, tenantId, uuidv7(), audit.actorAccountId, audit.action],
    );
    return rows[0];
  }

  /**
   * One page in join order (ids are UUIDv7) or by name, `limit + 1` rows so the caller knows whether more
   * follow.
   */
  list(tenantId: TenantId, filter: MemberFilter): Promise<MemberRecord[]> {
    const { sql, params } = memberListQuery(tenantId, filter);
    return this.db.readInTenant<MemberRecord>(tenantId, sql, params);
  }

  /** The display names of the active members among `ids` (erased and unnamed ones are left out). */
  async activeNames(tenantId: TenantId, ids: string[]): Promise<{ id: string; displayName: string }[]> {
    const rows = await this.db.readInTenant<{ id: string; display_name: string }>(
      tenantId,
      `select id, display_name from membership.members
        where tenant_id = $1::uuid and status = 'active' and display_name is not null and id = any($2::uuid[])`,
      [tenantId, `{${ids.join(',')}}`],
    );
    return rows.map((r) => ({ id: r.id, displayName: r.display_name }));
  }

  /**
   * Up to `limit` members of every LERO who left before `cutoff`, oldest first (the retention schedule's
   * erasures). Only the job sees members of every LERO, and only with the retention setting on.
   */
  async leftBefore(cutoff: Date, limit: number): Promise<{ id: string; tenant_id: string }[]> {
    const [, due] = await this.db.transactPlatform((tx) =>
      tx.run<[unknown[], { id: string; tenant_id: string }[]]>([
        { sql: `select set_config('${RETENTION_SETTING}', 'on', true)` },
        {
          sql: `select id, tenant_id from membership.members
            where status = 'left' and left_at < $1 order by left_at limit ${limit}`,
          params: [cutoff],
        },
      ]),
    );
    return due;
  }

  /**
   * Which of these members (of any LERO) are still people, not tombstones: standalone's erasure ledger checks its
   * entries at every start in one statement, then erases again only those. Read as the retention schedule reads.
   */
  async liveAmong(memberIds: string[]): Promise<{ id: string; tenant_id: string }[]> {
    if (memberIds.length === 0) return [];
    const [, live] = await this.db.transactPlatform((tx) =>
      tx.run<[unknown[], { id: string; tenant_id: string }[]]>([
        { sql: `select set_config('${RETENTION_SETTING}', 'on', true)` },
        {
          sql: `select id, tenant_id from membership.members where status <> 'erased' and id = any($1::uuid[])`,
          params: [`{${memberIds.join(',')}}`],
        },
      ]),
    );
    return live;
  }

  /**
   * Every erased member of every LERO (their tombstones), for standalone's erasure ledger. Read as the retention
   * schedule reads, with the retention setting on.
   */
  async erasedAcrossLeros(): Promise<{ id: string; tenant_id: string }[]> {
    const [, erased] = await this.db.transactPlatform((tx) =>
      tx.run<[unknown[], { id: string; tenant_id: string }[]]>([
        { sql: `select set_config('${RETENTION_SETTING}', 'on', true)` },
        {
          sql: `select id, tenant_id from membership.members where status = 'erased' order by erased_at, id`,
        },
      ]),
    );
    return erased;
  }
}
