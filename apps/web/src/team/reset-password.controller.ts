import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { Lero, type LeroPage } from '../http/lero-page';
import { WebController } from '../http/web-controller';
import { PageForbidden } from '../http/web-errors';
import { resetsPassword } from './team-roles';
import { SignedIn, SignedInForm } from '../http/guards';
import { session } from '../session/web-session';
import { findAccount } from './team-confirmations';

/**
 * A LERO's admin resets the password of someone in its team (a volunteer who forgot theirs): the old one
 * stops working, they are signed out everywhere, and a link goes to their email — or, when Hearth sends no
 * email, is shown here once for the admin to pass on.
 */
@WebController('leros/:tenantId/team/:accountId/reset-password')
export class ResetPasswordController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async confirm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero() page: LeroPage,
    @uuidParam('accountId') accountId: string,
  ): Promise<void> {
    const { lero, account } = await target(page, accountId);
    const base = `/leros/${lero.id}/team`;
    await this.pages.render(req, reply, 'confirm', {
      confirm: {
        caption: lero.name,
        question: `Reset ${account.displayName}’s password?`,
        paragraphs: [
          `Their current password stops working at once, and they are signed out of Hearth everywhere.`,
          `They get a link to choose a new password, sent to ${account.email}. If Hearth cannot send email, you will see the link to pass on to them.`,
        ],
        button: 'Yes, reset the password',
        classes: 'govuk-button--warning',
        action: `${base}/${account.accountId}/reset-password`,
        cancelHref: base,
      },
    });
  }

  @Post()
  @SignedInForm()
  async reset(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero() page: LeroPage,
    @uuidParam('accountId') accountId: string,
  ): Promise<void> {
    const { lero, account, calls } = await target(page, accountId);
    const reset = await calls.requestPasswordReset(account.accountId);
    session(req).set('resetLink', {
      placeId: lero.id,
      name: account.displayName,
      email: reset.email,
      emailed: reset.emailed,
      ...(reset.token ? { url: this.pages.tokenLink(req, '/password-reset', reset.token) } : {}),
      expiresAt: reset.expiresAt,
    });
    await this.pages.redirect(reply, `/leros/${lero.id}/team/${account.accountId}/reset-password/done`);
  }

  /** The reset just made, shown once after the redirect. */
  @Get('done')
  @SignedIn()
  async done(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @uuidParam('tenantId') tenantId: string,
  ): Promise<void> {
    const reset = session(req).take('resetLink');
    if (!reset || reset.placeId !== tenantId)
      return this.pages.redirect(reply, `/leros/${tenantId}/team`, 302);
    await this.pages.render(req, reply, 'team/reset-link', { reset, backHref: `/leros/${tenantId}/team` });
  }
}

/** Someone in the LERO's team whose password this admin may reset (not their own: that is the account page). */
async function target({ lero, calls, viewer }: LeroPage, accountId: string) {
  if (!resetsPassword(viewer, lero, accountId)) throw new PageForbidden();
  const account = findAccount((await calls.tenantTeam(lero.id)).accounts, accountId);
  return { lero, calls, account };
}
