import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, field } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { flash } from '../session/web-session';
import { Member, recordHref, type MemberPage } from './member-page';

/** A member leaves and rejoins (their record is kept), or is erased (it is not), by the LERO's staff. */
@WebController('leros/:tenantId/members/:memberId')
export class MemberLeaveController {
  constructor(private readonly pages: Pages) {}

  @Get('leave')
  @SignedIn()
  async confirmLeave(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Member() { lero, member }: MemberPage,
  ): Promise<void> {
    if (member.status === 'left') return this.pages.redirect(reply, recordHref({ lero, member }), 302);
    await this.pages.render(req, reply, 'members/leave', { lero, member });
  }

  @Post('leave')
  @SignedInForm()
  async leave(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Member() about: MemberPage,
  ): Promise<void> {
    const { lero, member, calls } = about;
    await tolerate409(() => calls.leaveMember(lero.id, member.id));
    flash(req, `${member.displayName} has left`, 'Their record is kept. You can rejoin them at any time.');
    await this.pages.redirect(reply, recordHref(about));
  }

  @Post('rejoin')
  @SignedInForm()
  async rejoin(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Member() about: MemberPage,
  ): Promise<void> {
    const { lero, member, calls } = about;
    await tolerate409(() => calls.rejoinMember(lero.id, member.id));
    flash(req, `${member.displayName} has rejoined`, 'They are a current member again.');
    await this.pages.redirect(reply, recordHref(about));
  }

  @Get('erase')
  @SignedIn()
  async confirmErase(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Member() { lero, member }: MemberPage,
  ): Promise<void> {
    await this.pages.render(req, reply, 'members/erase', { lero, member, errors: NO_ERRORS });
  }

  /** Erasure cannot be undone, so it needs a ticked box as well as the button. */
  @Post('erase')
  @SignedInForm()
  async erase(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Member() { lero, member, calls }: MemberPage,
  ): Promise<void> {
    if (field(req.body, 'confirm') !== 'yes') {
      const errors = new FormErrors().add(
        'confirm',
        `Tick the box to confirm you want to erase ${member.displayName}’s record`,
      );
      return this.pages.render(req, reply, 'members/erase', { lero, member, errors: errors.view() }, 400);
    }
    await calls.eraseMember(lero.id, member.id);
    flash(req, 'Record erased', `${member.displayName}’s personal details have been destroyed.`);
    await this.pages.redirect(reply, `/leros/${lero.id}/members`);
  }
}

/** Leaving someone who has just left (another tab, a double post) is not an error to show. */
async function tolerate409(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 409) throw err;
  }
}
