import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound, type ExpiryView, type TrainingKind, type TrainingRecordView } from '@hearth/contracts';
import type { Statement, TenantId } from '@hearth/persistence';
import { notAVolunteer } from './training-records.exception';
import { VolunteeringDatabase } from '../volunteering-database';
import { TrainingRecord } from './training-record.entity';

/** A record with its catalogue item's name and kind, as the list reads it (dates as `YYYY-MM-DD`). */
export type TrainingRecordRow = Omit<
  TrainingRecordView,
  'status' | 'recordedAt' | 'updatedAt' | 'acceptedFrom'
> & {
  recordedAt: Date;
  updatedAt: Date;
  acceptedFromIssuer: string | null;
  acceptedFromName: string | null;
};

/** An item of the expiring and expired lists. */
export type ExpiryRow = ExpiryView;

/** Where a page of an expiry list starts: after this (expiresOn, record id). */
export interface ExpiryKey {
  expiresOn: string;
  recordId: string;
}

/** A requirement the member does not hold valid: the catalogue item (name and kind null if it is not the LERO's). */
export interface MissingRequirement {
  trainingId: string;
  name: string | null;
  kind: TrainingKind | null;
}

/** What the projection says of a member: no row (never heard of, or erased), or their role and status. */
export interface MemberStanding {
  volunteer: boolean;
  status: 'active' | 'left' | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The statement of `missingRequirements`, for a caller that runs it inside its own transaction (`transactInTenant`):
 * each id of `trainingIds` (in order, once) that the member holds no record of valid on `on` — completed by then and
 * not expired by then. An id that is not in the LERO's catalogue can be held by nobody: it is missing too.
 */
export function missingRequirementsStatement(memberId: string, trainingIds: string[], on: string): Statement {
  const ids = [...new Set(trainingIds.map((id) => id.toLowerCase()))];
  if (ids.some((id) => !UUID.test(id))) throw new Error('A requirement id is not a UUID.');
  return {
    sql: `select req.id as "trainingId", t.name, t.kind
        from unnest(string_to_array($1, ',')::uuid[]) with ordinality as req(id, n)
        left join volunteering.training t on t.id = req.id
       where not exists (select 1 from volunteering.training_records r
               where r.member_id = $2::uuid and r.training_id = req.id and r.completed_on <= $3::date
                 and (r.expires_on is null or r.expires_on > $3::date))
       order by req.n`,
    params: [ids.join(','), memberId.toLowerCase(), on],
  };
}

/**
 * For sign-ups (issue 18): the items among `trainingIds` that the member does not hold valid on `on` (`YYYY-MM-DD`;
 * expired by then counts as missing), in the order asked. Empty: they hold them all.
 */
export async function missingRequirements(
  db: Pick<VolunteeringDatabase, 'readInTenant'>,
  tenantId: TenantId,
  memberId: string,
  trainingIds: string[],
  on: string,
): Promise<MissingRequirement[]> {
  if (trainingIds.length === 0) return [];
  const { sql, params } = missingRequirementsStatement(memberId, trainingIds, on);
  return db.readInTenant<MissingRequirement>(tenantId, sql, params);
}

const EXPIRY_COLUMNS = `r.member_id as "memberId", r.id as "recordId", r.training_id as "trainingId", t.name, t.kind,
  r.expires_on::text as "expiresOn"`;
// The newest record of an item is what counts: an older one another record outlasts is not "expiring" or "expired".
const LATEST_OF_ITS_ITEM = `not exists (select 1 from volunteering.training_records n
  where n.member_id = r.member_id and n.training_id = r.training_id and n.id <> r.id
    and (n.expires_on is null or (n.expires_on, n.id) > (r.expires_on, r.id)))`;
// Only the LERO's active volunteers: whoever left or stopped volunteering is not someone to chase.
const OF_ACTIVE_VOLUNTEERS = `join volunteering.members m
  on m.tenant_id = r.tenant_id and m.member_id = r.member_id and m.volunteer and m.status = 'active'`;

/** Queries of volunteers' training records, in the caller's tenant-bound context. No business rules. */
@Injectable()
export class TrainingRecordsRepository {
  constructor(private readonly db: VolunteeringDatabase) {}

  /**
   * Revokes the training credentials issued for a record that was removed or corrected: what they vouch for no
   * longer stands (ADR 0056). The passports' table, written here so that records need not know passports. Answers
   * those revoked now.
   */
  static async revokeOfRecord(
    em: EntityManager,
    tenantId: TenantId,
    recordId: string,
  ): Promise<{ id: string; revokedAt: Date }[]> {
    return em.execute<{ id: string; revokedAt: Date }[]>(
      `update volunteering.issued_credentials set revoked_at = now()
        where tenant_id = ? and record_id = ? and revoked_at is null returning id, revoked_at as "revokedAt"`,
      [tenantId, recordId],
    );
  }

  find(em: EntityManager, memberId: string, recordId: string): Promise<TrainingRecord | null> {
    return em.findOne(TrainingRecord, { id: recordId, memberId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** The projection's row of the member in the transaction's LERO (null: not known here). */
  async standing(em: EntityManager, tenantId: TenantId, memberId: string): Promise<MemberStanding | null> {
    const rows = await em.execute<MemberStanding[]>(
      `select volunteer, status from volunteering.members where tenant_id = ? and member_id = ?`,
      [tenantId, memberId],
    );
    return rows[0] ?? null;
  }

  /**
   * The member must be an active volunteer of the LERO: unknown (never heard of, erased, another LERO's) is 404
   * `Member`; left or without the volunteer community role is 409 `NotAVolunteer` (ADR 0053).
   */
  async requireActiveVolunteer(em: EntityManager, tenantId: TenantId, memberId: string): Promise<void> {
    const standing = await this.standing(em, tenantId, memberId);
    if (!standing) throw notFound('Member');
    if (!standing.volunteer || standing.status !== 'active') throw notAVolunteer(standing);
  }

  /** Whether the LERO knows the member at all (the projection's row), and a page of their records by id. */
  async pageOfMember(
    tenantId: TenantId,
    memberId: string,
    f: { afterId?: string; limit: number },
  ): Promise<{ known: boolean; rows: TrainingRecordRow[] }> {
    const rows = await this.db.readInTenant<TrainingRecordRow & { known: boolean }>(
      tenantId,
      `select k.known, r.* from
         (select exists (select 1 from volunteering.members where member_id = $1::uuid) as known) k
         left join lateral (
           select r.id, r.member_id as "memberId", r.training_id as "trainingId", t.name, t.kind,
                  r.completed_on::text as "completedOn", r.expires_on::text as "expiresOn", r.how,
                  r.verified_by as "verifiedBy", r.recorded_at as "recordedAt", r.updated_at as "updatedAt",
                  r.accepted_from_issuer as "acceptedFromIssuer", r.accepted_from_name as "acceptedFromName"
             from volunteering.training_records r join volunteering.training t on t.id = r.training_id
            where r.member_id = $1::uuid and ($2::uuid is null or r.id > $2::uuid)
            order by r.id limit $3) r on true`,
      [memberId, f.afterId ?? null, f.limit + 1],
    );
    return {
      known: rows[0]?.known ?? false,
      rows: rows.filter((r) => r.id !== null).map(({ known: _k, ...r }) => r),
    };
  }

  /** Records of active volunteers expiring after `today` up to `until`, soonest first; one more than `limit`. */
  expiring(
    tenantId: TenantId,
    f: { today: string; until: string; after?: ExpiryKey; limit: number },
  ): Promise<ExpiryRow[]> {
    return this.expiries(
      tenantId,
      `r.expires_on > $1::date and r.expires_on <= $2::date`,
      f.today,
      f.until,
      f,
    );
  }

  /** Records of active volunteers expired by `today` (not outlasted by another of the item), soonest first. */
  expired(tenantId: TenantId, f: { today: string; after?: ExpiryKey; limit: number }): Promise<ExpiryRow[]> {
    return this.expiries(tenantId, `r.expires_on <= $1::date and $2::date is null`, f.today, null, f);
  }

  private expiries(
    tenantId: TenantId,
    window: string,
    from: string,
    to: string | null,
    f: { after?: ExpiryKey; limit: number },
  ): Promise<ExpiryRow[]> {
    return this.db.readInTenant<ExpiryRow>(
      tenantId,
      `select ${EXPIRY_COLUMNS}
         from volunteering.training_records r
         join volunteering.training t on t.id = r.training_id
         ${OF_ACTIVE_VOLUNTEERS}
        where ${window} and ${LATEST_OF_ITS_ITEM}
          and ($3::date is null or (r.expires_on, r.id) > ($3::date, $4::uuid))
        order by r.expires_on, r.id limit $5`,
      [from, to, f.after?.expiresOn ?? null, f.after?.recordId ?? null, f.limit + 1],
    );
  }
}
