import type { RequestContext } from '@hearth/contracts';

export const MEMBER_DIRECTORY = Symbol('MEMBER_DIRECTORY');

/** What the events service needs to know about a LERO's people, from the membership service. */
export interface MemberDirectory {
  /** The active members of the LERO among `memberIds`, with their display names. */
  activeNames(ctx: RequestContext, tenantId: string, memberIds: string[]): Promise<Map<string, string>>;
}
