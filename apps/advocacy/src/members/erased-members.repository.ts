import { createHash } from 'node:crypto';
import { notFound } from '@hearth/contracts';
import type { Statement, TenantId, TenantTransaction } from '@hearth/persistence';

/**
 * An erased member's tombstone: a one-way key of the id (the id itself is never kept), as events, volunteering and
 * tenants keep theirs. Only someone who already holds the id can recognise it, which is all it is for: a piece
 * contributed late (a request in flight, an access token still valid) must not bring the id back.
 */
export const erasedMemberKey = (tenantId: string, memberId: string) =>
  createHash('sha256')
    .update(`hearth/advocacy/erased-member/${tenantId.toLowerCase()}/${memberId.toLowerCase()}`)
    .digest('hex');

/**
 * Holds one member's writes here (a contribution, their erasure) apart from each other until the transaction ends,
 * so an erasure never runs beside a contribution that it does not see, nor a contribution beside an erasure.
 */
const lockMember = (tenantId: string, memberId: string): Statement => ({
  sql: `select pg_advisory_xact_lock(hashtextextended($1, 0))`,
  params: [`advocacy/member/${tenantId.toLowerCase()}/${memberId.toLowerCase()}`],
});

/**
 * Inside a write that stores a member id (a contribution), first in its transaction: takes the member's lock, then
 * NOT_FOUND (as for a member record that never was) if their erasure has been applied here. The erasure takes the
 * same lock, so whichever commits first, the other sees it: an erasure after this write withdraws what it wrote.
 * One round trip; in READ COMMITTED the read, a later statement than the lock, sees an erasure that just committed.
 */
export async function ensureNotErased(
  tx: TenantTransaction,
  tenantId: TenantId,
  memberId: string,
): Promise<void> {
  const [, rows] = await tx.run<[unknown[], unknown[]]>([
    lockMember(tenantId, memberId),
    {
      sql: `select 1 from advocacy.erased_members where tenant_id = $1 and member_key = $2`,
      params: [tenantId, erasedMemberKey(tenantId, memberId)],
    },
  ]);
  if (rows.length > 0) throw notFound('Member');
}

/**
 * First in an erasure's transaction: takes the member's lock (a contribution in flight commits first, and the
 * erasure's later statements see its piece) and leaves their tombstone (no contribution after it is taken).
 */
export async function buryMember(tx: TenantTransaction, tenantId: TenantId, memberId: string): Promise<void> {
  await tx.run([
    lockMember(tenantId, memberId),
    {
      sql: `insert into advocacy.erased_members (tenant_id, member_key) values ($1, $2) on conflict do nothing`,
      params: [tenantId, erasedMemberKey(tenantId, memberId)],
    },
  ]);
}
