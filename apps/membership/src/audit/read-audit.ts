import { Inject, Injectable } from '@nestjs/common';
import { uuidv7 } from 'uuidv7';
import { AuditGroupCommit, type TenantId } from '@hearth/persistence';
import { MembershipDatabase } from '../membership-database';
import { MEMBERSHIP_OPTIONS, type MembershipOptions } from '../membership.options';
import type { MemberAuditAction } from './member-audit.service';

const COLUMNS = ['id', 'tenant_id', 'at', 'actor_account_id', 'action', 'member_id', 'details'] as const;

/**
 * The audit rows of member reads, group-committed when `auditGroupCommitMs` is above 0 (ADR 0090): a read's
 * answer waits until its row has committed with those of the reads around it. Off (0), a read writes its row
 * in its own statement and commit, as it always did (`MembersRepository.readAudited`).
 */
@Injectable()
export class ReadAudit {
  private readonly group: AuditGroupCommit;

  constructor(db: MembershipDatabase, @Inject(MEMBERSHIP_OPTIONS) options: MembershipOptions) {
    this.group = new AuditGroupCommit(db, 'membership.audit_entries', COLUMNS, {
      windowMs: options.auditGroupCommitMs ?? 0,
    });
  }

  get grouped(): boolean {
    return this.group.enabled;
  }

  /** Resolves once the read's row is committed; rejects (503) when its batch did not commit. */
  record(
    tenantId: TenantId,
    read: { memberId: string; actorAccountId: string | null; action: MemberAuditAction; self?: boolean },
  ): Promise<void> {
    const details = read.self ? { memberId: read.memberId, self: true } : { memberId: read.memberId };
    return this.group.write(tenantId, [
      uuidv7(),
      tenantId,
      new Date(),
      read.actorAccountId,
      read.action,
      read.memberId,
      JSON.stringify(details),
    ]);
  }
}
