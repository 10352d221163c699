import { Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { downloadExport } from './member-export';
import { memberOf } from './member-page';

/** A member's data, for the LERO's admins and coordinators to give them (their right of access). */
@WebController('leros/:tenantId/members/:memberId/export')
export class MemberExportController {
  constructor(private readonly pages: Pages) {}

  /** Everything Hearth holds about the person (every service's part), as a JSON file to give them. */
  @Post()
  @SignedInForm()
  async export(
    @Res() reply: FastifyReply,
    @Lero('staff') page: LeroPage,
    @uuidParam('memberId') memberId: string,
  ): Promise<void> {
    const { lero, member, calls } = await memberOf(page, memberId);
    await downloadExport(this.pages, reply, member.displayName, await calls.exportMember(lero.id, member.id));
  }
}
