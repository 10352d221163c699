import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@hearth/contracts';
import { executeStatement, type Statement } from '@hearth/persistence';

/**
 * The upsert's conflict clause: a status replaces an older one; of two at the same instant `left` wins (a
 * check-in then asks membership), so the outcome never depends on which arrived first.
 */
const NEWER_STATUS_WINS = `on conflict (member_id) do update
  set status = excluded.status, changed_at = excluded.changed_at
  where (member_status.changed_at, member_status.status = 'left')
    <= (excluded.changed_at, excluded.status = 'left')`;

/**
 * An erased member's tombstone: a one-way key of the id (the id itself is never kept). Only someone who
 * already holds the id can recognise it, which is all it is for: a late join must not bring the id back.
 */
export const erasedMemberKey = (tenantId: string, memberId: string) =>
  createHash('sha256')
    .update(`hearth/events/erased-member/${tenantId.toLowerCase()}/${memberId.toLowerCase()}`)
    .digest('hex');

/**
 * Holds one member's changes here (an event, an erasure, a confirmation from membership) apart from each
 * other until the transaction ends, so a status cannot be written beside an erasure that does not see it.
 */
export const lockMemberStatement = (tenantId: string, memberId: string): Statement => ({
  sql: `select pg_advisory_xact_lock(hashtextextended($1, 0))`,
  params: [`events/member/${tenantId.toLowerCase()}/${memberId.toLowerCase()}`],
});

/** Writes a status unless the member was erased (then nothing), and only over an older one. */
export const statusUpsertStatement = (
  tenantId: string,
  memberId: string,
  status: 'active' | 'left',
  changedAt: Date | string,
): Statement => ({
  sql: `insert into events.member_status (member_id, tenant_id, status, changed_at)
    select $1, $2, $3, $4
      where not exists (select 1 from events.erased_members where tenant_id = $2 and member_key = $5)
    ${NEWER_STATUS_WINS}`,
  params: [memberId.toLowerCase(), tenantId, status, changedAt, erasedMemberKey(tenantId, memberId)],
});

/**
 * A check-in's read of the member's status. Shared lock: an erasure being applied here waits for this
 * check-in, then clears its member id too.
 */
export const statusForShareStatement = (memberId: string): Statement => ({
  sql: 'select status from events.member_status where member_id = $1 for share',
  params: [memberId],
});

/** The same for several members at once (a register entered in one go), in a stable order (no deadlocks). */
export const statusesForShareStatement = (memberIds: string[]): Statement => ({
  sql: `select member_id, status from events.member_status
    where member_id = any(string_to_array($1, ',')::uuid[]) order by member_id for share`,
  params: [memberIds.join(',')],
});

/** Runs a statement built for the one-round-trip path inside an ORM transaction (`$n` → `?`). */
const execute = (em: EntityManager, st: Statement) => executeStatement(em, st, 'run');

/** The member's lock (`lockMemberStatement`), in an ORM transaction. */
export async function lockMember(em: EntityManager, tenantId: string, memberId: string): Promise<void> {
  await execute(em, lockMemberStatement(tenantId, memberId));
}

/** `statusUpsertStatement`, in an ORM transaction. */
export async function writeStatus(
  em: EntityManager,
  tenantId: string,
  memberId: string,
  status: 'active' | 'left',
  changedAt: Date | string,
): Promise<void> {
  await execute(em, statusUpsertStatement(tenantId, memberId, status, changedAt));
}

/**
 * Inside a write that stores a member id (an RSVP): takes the member's lock, then NOT_FOUND (as for a record
 * that never was) if their erasure has been applied here. The erasure takes the same lock, so whichever commits
 * first, the other sees it: an erasure after this write clears the id it wrote.
 */
export async function ensureNotErased(em: EntityManager, tenantId: string, memberId: string): Promise<void> {
  await lockMember(em, tenantId, memberId);
  const rows = await em.execute<unknown[]>(
    `select 1 from events.erased_members where tenant_id = ? and member_key = ?`,
    [tenantId, erasedMemberKey(tenantId, memberId)],
  );
  if (rows.length > 0) throw notFound('Member');
}

/** Leaves the member's tombstone; true the first time (false when it was already there). */
export async function addTombstone(em: EntityManager, tenantId: string, memberId: string): Promise<boolean> {
  const tombstone = await em.execute<{ affectedRows: number }>(
    `insert into events.erased_members (tenant_id, member_key) values (?, ?) on conflict do nothing`,
    [tenantId, erasedMemberKey(tenantId, memberId)],
    'run',
  );
  return tombstone.affectedRows > 0;
}

/**
 * Drops the member's status, then takes their id off their RSVPs and check-ins (which keep counting). A check-in
 * holds the status row (for share) until it commits: the delete waits for it, and the clearing, a later
 * statement, sees its row.
 */
export async function forgetMember(em: EntityManager, memberId: string): Promise<void> {
  await em.execute(`delete from events.member_status where member_id = ?`, [memberId], 'run');
  for (const table of ['rsvps', 'attendance'])
    await em.execute(`update events.${table} set member_id = null where member_id = ?`, [memberId], 'run');
}
