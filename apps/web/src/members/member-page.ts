import { Injectable, type PipeTransform } from '@nestjs/common';
import type { MemberView } from '@hearth/contracts';
import { HearthApi } from '../api/hearth-api';
import { leroPage, pageLookup, type LeroPage, type PageLookup } from '../http/lero-page';
import { pathUuid } from '../http/params';

/** A page about one of the LERO's members. */
export interface MemberPage extends LeroPage {
  member: MemberView;
}

/**
 * The LERO (for its staff) and its member of the path's `:memberId`: ids that are not UUIDs, a LERO the viewer
 * cannot see, an unknown or erased member are a 404; a LERO where they are not staff a 403.
 */
@Injectable()
export class MemberPagePipe implements PipeTransform<PageLookup<never>, Promise<MemberPage>> {
  constructor(private readonly api: HearthApi) {}

  async transform({ req }: PageLookup<never>): Promise<MemberPage> {
    const tenantId = await pathUuid(req.params, 'tenantId');
    const memberId = await pathUuid(req.params, 'memberId');
    const page = await leroPage(this.api, req, tenantId, 'staff');
    return { ...page, member: await page.calls.member(page.lero.id, memberId) };
  }
}

/** `@Member() page: MemberPage`, on the pages under `leros/:tenantId/members/:memberId` (behind `@SignedIn()`). */
export const Member = (): ParameterDecorator => pageLookup(undefined, MemberPagePipe);

/** The member's record page. */
export const recordHref = ({ lero, member }: Pick<MemberPage, 'lero' | 'member'>) =>
  `/leros/${lero.id}/members/${member.id}`;
