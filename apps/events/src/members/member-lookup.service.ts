import { Inject, Injectable } from '@nestjs/common';
import { notFound, type RequestContext } from '@hearth/contracts';
import type { TenantId } from '@hearth/persistence';
import { EventsDatabase } from '../events-database';
import { MEMBER_DIRECTORY, type MemberDirectory } from './member-directory';

const BATCH = 500;

/** Checks and names member ids through the membership service; events keeps ids, never people. */
@Injectable()
export class MemberLookup {
  constructor(
    @Inject(MEMBER_DIRECTORY) private readonly directory: MemberDirectory,
    private readonly db: EventsDatabase,
  ) {}

  /**
   * Notes a member that membership has just confirmed as active, unless this service already has news of them:
   * membership's events always overwrite the status (see MemberStatusConsumer), this never does, so a member
   * who leaves meanwhile ends up `left` here whichever write lands first.
   */
  async rememberActive(tenantId: TenantId, memberId: string): Promise<void> {
    await this.db.transactInTenant(tenantId, (tx) =>
      tx.run({
        sql: `insert into events.member_status (member_id, tenant_id, status) values ($1, $2, 'active')
          on conflict (member_id) do nothing`,
        params: [memberId.toLowerCase(), tenantId],
      }),
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
