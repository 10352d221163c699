import { Inject, Injectable } from '@nestjs/common';
import { notFound, type RequestContext } from '@hearth/contracts';
import type { TenantId } from '@hearth/persistence';
import { EventsDatabase } from '../events-database';
import { MEMBER_DIRECTORY, type MemberDirectory } from './member-directory';
import { lockMemberStatement, statusUpsertStatement } from './member-status.repository';

const BATCH = 500;

/** Checks and names member ids through the membership service; events keeps ids, never people. */
@Injectable()
export class MemberLookup {
  constructor(
    @Inject(MEMBER_DIRECTORY) private readonly directory: MemberDirectory,
    private readonly db: EventsDatabase,
  ) {}

  /**
   * Notes a member that membership confirmed as active when asked at `askedAt`. Like membership's events
   * (MemberStatusConsumer), it only replaces what is older: a member who left after the question keeps
   * `left` here whichever write lands first, and an erasure heard of meanwhile leaves nothing to note.
   */
  async rememberActive(tenantId: TenantId, memberId: string, askedAt: Date): Promise<void> {
    await this.db.transactInTenant(tenantId, (tx) =>
      tx.run([
        lockMemberStatement(tenantId, memberId),
        statusUpsertStatement(tenantId, memberId, 'active', askedAt),
      ]),
    );
  }

  /** NOT_FOUND unless the id is an active member of this LERO (another LERO's member looks the same). */
  async ensureActive(ctx: RequestContext, tenantId: string, memberId: string): Promise<void> {
    const id = memberId.toLowerCase();
    const names = await this.directory.activeNames(ctx, tenantId, [id]);
    if (!names.has(id)) throw notFound('Member');
  }

  async names(ctx: RequestContext, tenantId: string, memberIds: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(memberIds.map((id) => id.toLowerCase()))];
    const names = new Map<string, string>();
    for (let i = 0; i < unique.length; i += BATCH) {
      const part = await this.directory.activeNames(ctx, tenantId, unique.slice(i, i + BATCH));
      for (const [id, name] of part) names.set(id, name);
    }
    return names;
  }
}
