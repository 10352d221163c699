import type { MemberView } from '@hearth/contracts';
import type { LeroPage } from '../http/lero-page';

/** A page about one of the LERO's members. */
export interface MemberPage extends LeroPage {
  member: MemberView;
}

/** The LERO's member (the LERO checked for its staff by `@Lero('staff')`); an unknown or erased one is a 404. */
export async function memberOf(page: LeroPage, memberId: string): Promise<MemberPage> {
  return { ...page, member: await page.calls.member(page.lero.id, memberId) };
}

/** The member's record page. */
export const recordHref = ({ lero, member }: Pick<MemberPage, 'lero' | 'member'>) =>
  `/leros/${lero.id}/members/${member.id}`;
