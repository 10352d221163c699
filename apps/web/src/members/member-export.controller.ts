import { Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SignedInForm } from '../http/guards';
import { Pages } from '../http/pages';
import { WebController } from '../http/web-controller';
import { downloadExport } from './member-export';
import { Member, type MemberPage } from './member-page';

/** A member's data, for the LERO's admins and coordinators to give them (their right of access). */
@WebController('leros/:tenantId/members/:memberId/export')
export class MemberExportController {
  constructor(private readonly pages: Pages) {}

  /** Everything Hearth holds about the person (every service's part), as a JSON file to give them. */
  @Post()
  @SignedInForm()
  async export(@Res() reply: FastifyReply, @Member() { lero, member, calls }: MemberPage): Promise<void> {
    await downloadExport(this.pages, reply, member.displayName, await calls.exportMember(lero.id, member.id));
  }
}
