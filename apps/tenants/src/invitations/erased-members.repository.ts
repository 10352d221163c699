import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@hearth/contracts';

/** A one-way key of a member id: only someone who holds the id can recognise the tombstone. */
const erasedKey = (tenantId: string, memberId: string) =>
  createHash('sha256')
    .update(`hearth/tenants/erased-member/${tenantId.toLowerCase()}/${memberId.toLowerCase()}`)
    .digest('hex');

/**
 * The erasures of member records this service has heard of. Linking a record (an invitation that names it, a
 * grant made when one is accepted) and forgetting one take the same per-member lock, so an erasure and a link
 * in flight never both miss each other, whichever comes first.
 */
@Injectable()
export class ErasedMembersRepository {
  async lock(em: EntityManager, tenantId: string, memberId: string): Promise<void> {
    await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [
      `tenants/member/${tenantId.toLowerCase()}/${memberId.toLowerCase()}`,
    ]);
  }

  async record(em: EntityManager, tenantId: string, memberId: string): Promise<void> {
    await em.execute(
      `insert into tenants.erased_members (tenant_id, member_key) values (?, ?) on conflict do nothing`,
      [tenantId, erasedKey(tenantId, memberId)],
      'run',
    );
  }

  /** Takes the member's lock, then NOT_FOUND (as for a record that never was) if they were erased. */
  async ensureNotErased(em: EntityManager, tenantId: string, memberId: string): Promise<void> {
    await this.lock(em, tenantId, memberId);
    const rows = await em.execute<unknown[]>(
      `select 1 from tenants.erased_members where tenant_id = ? and member_key = ?`,
      [tenantId, erasedKey(tenantId, memberId)],
    );
    if (rows.length > 0) throw notFound('Member');
  }
}
