import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, field } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { Member, type MemberPage } from './member-page';

/** Give the person a Hearth account of their own, linked to this record (they then see `/me`). */
@WebController('leros/:tenantId/members/:memberId/invite')
export class MemberInviteController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async inviteForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Member() { lero, member }: MemberPage,
  ): Promise<void> {
    await this.pages.render(req, reply, 'members/invite', {
      lero,
      member,
      values: { email: member.email ?? '' },
      errors: NO_ERRORS,
    });
  }

  @Post()
  @SignedInForm()
  async invite(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Member() { lero, member, calls }: MemberPage,
  ): Promise<void> {
    const email = field(req.body, 'email');
    const errors = new FormErrors().email('email', email, 'Enter their email address');
    let status = 400;
    if (errors.ok) {
      try {
        const invitation = await calls.inviteToTenant(lero.id, {
          email,
          role: 'member',
          memberId: member.id,
        });
        this.pages.keepInvitation(req, lero, invitation);
        return this.pages.redirect(reply, `/leros/${lero.id}/team/invitation`);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
        status = err.status;
        errors.fromApi(err, { email: 'Email address' }, 'email');
      }
    }
    await this.pages.render(
      req,
      reply,
      'members/invite',
      { lero, member, values: { email }, errors: errors.view() },
      status,
    );
  }
}
