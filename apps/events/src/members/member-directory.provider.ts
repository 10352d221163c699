import type { Provider } from '@nestjs/common';
import { MembershipClient, type RequestContext } from '@hearth/contracts';
import { MessageClient } from '@hearth/messaging';
import { MEMBER_DIRECTORY, type MemberDirectory } from './member-directory';

/** Asks the membership service (`membership.member.names`), on behalf of whoever is using events. */
class MembershipMemberDirectory implements MemberDirectory {
  constructor(private readonly membership: MembershipClient) {}

  async activeNames(
    ctx: RequestContext,
    tenantId: string,
    memberIds: string[],
  ): Promise<Map<string, string>> {
    if (memberIds.length === 0) return new Map();
    const { items } = await this.membership.memberNames(ctx, tenantId, memberIds);
    return new Map(items.map((m) => [m.id.toLowerCase(), m.displayName]));
  }
}

export const memberDirectoryProvider: Provider = {
  provide: MEMBER_DIRECTORY,
  inject: [MessageClient],
  useFactory: (bus: MessageClient) => new MembershipMemberDirectory(new MembershipClient(bus)),
};
