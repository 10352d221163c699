import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  DEFAULT_RETENTION,
  MESSAGING_OPTIONS,
  PruningJob,
  deleteOlderThan,
  pruningJobToken,
  type MessagingOptions,
  type RetentionOptions,
  type RetentionRule,
} from '@hearth/messaging';
import type { RequestContext } from '@hearth/contracts';
import { MEMBERSHIP_SCHEMA, MembershipDatabase } from '../membership-database';
import { trustedTenantId } from '../membership-access';
import { MembersRepository } from '../members/members.repository';
import { EraseMemberUseCase } from '../erasure/erase-member.use-case';
import { MEMBERSHIP_OPTIONS, type MembershipOptions } from '../membership.options';
import { MAIL_QUEUE_DEFAULTS } from '@hearth/mail';

/** Members the job erases in one pass at most; the next pass takes the rest. */
const BATCH = 200;

/**
 * An old unsubscribe link that can no longer change anything (ADR 0081): its member chose no reminders, or is
 * erased (reminders none) or gone. A link of a member who still has reminders is kept, so it never stops working
 * while there is something to stop.
 */
const SPENT_TOKEN = `created_at < $1 and not exists (select 1 from membership.members m
  where m.id = unsubscribe_tokens.member_id and m.tenant_id = unsubscribe_tokens.tenant_id and m.reminders = 'email')`;
/** Who erased them, in the audit log: nobody, the schedule. */
const SCHEDULE: RequestContext = { requestId: 'retention-schedule', token: '' };

/**
 * The membership service's lines of the retention schedule (docs/retention.md): audit entries, and
 * members who left long ago, who are erased as a person's own request would erase them (the record becomes a
 * tombstone, counts stay, every service holding the id hears `member.erased`).
 */
@Injectable()
export class MembershipRetention implements OnModuleInit {
  private readonly logger = new Logger(MembershipRetention.name);

  constructor(
    @Inject(pruningJobToken(MEMBERSHIP_SCHEMA.schema)) private readonly job: PruningJob,
    @Inject(MESSAGING_OPTIONS) private readonly messaging: MessagingOptions,
    private readonly db: MembershipDatabase,
    private readonly members: MembersRepository,
    private readonly erasure: EraseMemberUseCase,
    @Inject(MEMBERSHIP_OPTIONS) private readonly options: MembershipOptions,
  ) {}

  onModuleInit(): void {
    this.job.addRules(this.rules({ ...DEFAULT_RETENTION, ...this.messaging.retention }));
  }

  rules(retention: RetentionOptions): RetentionRule[] {
    return [
      {
        name: 'members who left (erased)',
        keepMs: retention.leftMembersMs,
        prune: (_db, cutoff) => this.eraseLeftBefore(cutoff),
      },
      {
        // A reminder's envelope once sent or given up (its body went then), and the links of those emails
        // (ADR 0081) only once they can change nothing: a link works as long as its member still has reminders.
        name: 'emails',
        keepMs: this.options.mail?.keepMs ?? MAIL_QUEUE_DEFAULTS.keepMs,
        prune: async (db, cutoff) =>
          (await deleteOlderThan(db, 'membership.mail_queue', 'finished_at < $1', cutoff)) +
          // When each session or shift occurrence was last announced or withdrawn: long past its reminders.
          (await deleteOlderThan(db, 'membership.reminder_marks', 'at < $1', cutoff)) +
          (await deleteOlderThan(db, 'membership.shift_reminder_marks', 'at < $1', cutoff)) +
          (await deleteOlderThan(db, 'membership.unsubscribe_tokens', SPENT_TOKEN, cutoff, {
            acrossTenants: true,
          })),
      },
      {
        name: 'audit entries',
        keepMs: retention.auditMs,
        prune: (db, cutoff) =>
          deleteOlderThan(db, 'membership.audit_entries', 'at < $1', cutoff, { acrossTenants: true }),
      },
    ];
  }

  /** Erases, each in its own LERO's transaction, the members who left before `cutoff`; returns how many. */
  async eraseLeftBefore(cutoff: Date): Promise<number> {
    let erased = 0;
    for (;;) {
      const due = await this.members.leftBefore(cutoff, BATCH);
      for (const { id, tenant_id } of due) {
        const tenantId = trustedTenantId(tenant_id);
        const done = await this.db.forTenant(tenantId).em.transactional(async (em) => {
          const member = await this.members.findForUpdate({ tenantId, em }, id);
          // Rejoined (or erased) meanwhile: not due any more.
          if (!member || member.status !== 'left' || !member.leftAt || member.leftAt >= cutoff) return false;
          await this.erasure.erase({ tenantId, em }, member, SCHEDULE, { reason: 'retention' });
          return true;
        });
        if (!done) continue;
        erased++;
        await this.erasure.committed(tenantId, id);
      }
      if (due.length < BATCH) break;
    }
    if (erased) this.logger.log(`Erased ${erased} members who left before ${cutoff.toISOString()}.`);
    return erased;
  }
}
