import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@hearth/contracts';
import { MembershipDatabase } from '../membership-database';
import { trustedTenantId } from '../membership-access';
import { MembersRepository } from '../members/members.repository';
import { EraseMemberUseCase } from './erase-member.use-case';

/** A member erased at some time, by ids alone: a line of standalone's erasure ledger. */
export interface ErasedMemberRef {
  tenantId: string;
  memberId: string;
}

/** Who erased them again, in the audit log: nobody, the restore. */
const REPLAY: RequestContext = { requestId: 'erasure-replay', token: '' };

/**
 * Standalone's erasure ledger meets the database (ADR 0030): erasures made after the data was saved (a backup
 * restored, an old copy of the data directory) are made again, through the same erasure as a person's request,
 * so every service that holds the id hears `member.erased` again; and the tombstones the ledger lacks are listed.
 */
@Injectable()
export class ErasureReplay {
  constructor(
    private readonly db: MembershipDatabase,
    private readonly members: MembersRepository,
    private readonly erasure: EraseMemberUseCase,
  ) {}

  /** Erases each listed member that is still a person here; returns how many were. */
  async eraseAgain(erased: ErasedMemberRef[]): Promise<number> {
    // One look for all of them (usually none is live), then a transaction for each one that is.
    const live = new Set<string>();
    for (let at = 0; at < erased.length; at += 1000) {
      const ids = erased.slice(at, at + 1000).map((e) => e.memberId);
      for (const row of await this.members.liveAmong(ids)) live.add(`${row.tenant_id} ${row.id}`);
    }
    let count = 0;
    for (const { tenantId: lero, memberId } of erased) {
      if (!live.has(`${lero} ${memberId}`)) continue;
      const tenantId = trustedTenantId(lero);
      const done = await this.db.forTenant(tenantId).em.transactional(async (em) => {
        // Erased already (in the saved data too), or made after it was saved: nothing to do.
        const member = await this.members.findForUpdate({ tenantId, em }, memberId);
        if (!member) return false;
        await this.erasure.erase({ tenantId, em }, member, REPLAY, {
          reason: 'erased again after a restore',
        });
        return true;
      });
      if (done) count++;
    }
    return count;
  }

  /** Every erased member of every LERO here. */
  async tombstones(): Promise<ErasedMemberRef[]> {
    const rows = await this.members.erasedAcrossLeros();
    return rows.map((r) => ({ tenantId: r.tenant_id, memberId: r.id }));
  }
}
