import { Injectable, Logger } from '@nestjs/common';
import { AppError, MAX_MEMBER_NAMES, MembershipClient, type RequestContext } from '@hearth/contracts';

/** Display names by member id, or `unavailable` when membership could not be asked. */
export type RotaNames = Map<string, string> | 'unavailable';

/**
 * Names on the rota, asked of membership (`membership.member.names`) at read time on behalf of the person reading it
 * (ADR 0055): volunteering keeps no copy of anyone. Membership decides whose names this person may have — the LERO's
 * staff (tenant-admins, coordinators and the `volunteer` access grant) any active member's, a member only their own —
 * and leaves out anyone who left. When it cannot be reached the rota is still answered, unnamed.
 */
@Injectable()
export class RotaNameLookup {
  private readonly log = new Logger(RotaNameLookup.name);

  constructor(private readonly membership: MembershipClient) {}

  async names(ctx: RequestContext, tenantId: string, memberIds: string[]): Promise<RotaNames> {
    const names = new Map<string, string>();
    try {
      for (let i = 0; i < memberIds.length; i += MAX_MEMBER_NAMES) {
        const { items } = await this.membership.memberNames(
          ctx,
          tenantId,
          memberIds.slice(i, i + MAX_MEMBER_NAMES),
        );
        for (const m of items) names.set(m.id.toLowerCase(), m.displayName);
      }
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'UNAVAILABLE') throw err;
      this.log.warn(`answered without names: ${err.message}`);
      return 'unavailable';
    }
    return names;
  }
}
