import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SECOND_FACTOR_ROLES, type Grant } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { DigestApi } from '../api/digest-api';
import { FormErrors, NO_ERRORS, rawField, type FormView } from '../http/form.util';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { describeGrant } from '../navigation/navigation';
import { CurrentViewer, SignedIn, SignedInForm } from '../http/guards';
import { SessionAuthService, callContext } from '../session/session-auth.service';
import { session, type Viewer } from '../session/web-session';
import { passwordProblem } from './password-form';

/** Where giving up a grant is confirmed: the team page of its LERO or region (the platform role stays). */
const giveUpHref = (viewer: Viewer, g: Grant) =>
  g.tenantId
    ? `/leros/${g.tenantId}/team/${viewer.accountId}/roles/${g.role}/remove`
    : g.regionId
      ? `/regions/${g.regionId}/team/${viewer.accountId}/roles/${g.role}/remove`
      : undefined;

@WebController('account')
export class AccountController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
    private readonly auth: SessionAuthService,
  ) {}

  /** Who you are and what your grants let you do, in words, with the names of the places they reach. */
  @Get()
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    const calls = this.api.for(callContext(req, viewer.accessToken));
    const [me, regions, tenants, digest] = await Promise.all([
      calls.me(),
      calls.regions(),
      calls.tenants({ limit: 100 }),
      new DigestApi(this.api, callContext(req, viewer.accessToken)).get(),
    ]);
    const names = {
      regions: new Map(regions.items.map((r) => [r.id, r.name])),
      tenants: new Map(tenants.items.map((t) => [t.id, t.name])),
    };
    const grants = (me.grants as Grant[]).map((g) => ({
      text: describeGrant(g, names),
      giveUpHref: giveUpHref(viewer, g),
      waiting: me.twoFactor.setupRequired && SECOND_FACTOR_ROLES.includes(g.role),
    }));
    await this.pages.render(req, reply, 'account/show', { me, grants, digest });
  }

  @Get('password')
  @SignedIn()
  async passwordForm(@Req() req: WebRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderPassword(req, reply, NO_ERRORS);
  }

  /** A new password ends every sign-in, this one's included: the person is signed in again with it. */
  @Post('password')
  @SignedInForm()
  async changePassword(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    const currentPassword = rawField(req.body, 'currentPassword');
    const newPassword = rawField(req.body, 'newPassword');
    const errors = new FormErrors();
    if (!currentPassword) errors.add('currentPassword', 'Enter your current password');
    const problem = passwordProblem(newPassword);
    if (problem) errors.add('newPassword', problem);
    else if (newPassword === currentPassword)
      errors.add('newPassword', 'Choose a new password that is different from your current one');
    if (!errors.ok)
      return this.renderPassword(req, reply, errors.view(['currentPassword', 'newPassword']), 400);
    try {
      await this.api
        .for(callContext(req, viewer.accessToken))
        .changePassword({ currentPassword, newPassword });
    } catch (err) {
      if (!(err instanceof ApiError) || ![400, 429].includes(err.status)) throw err;
      if (err.reason === 'WrongPassword') errors.add('currentPassword', 'Your current password is not right');
      else
        errors.fromApi(
          err,
          { currentPassword: 'Current password', newPassword: 'New password' },
          'newPassword',
        );
      return this.renderPassword(req, reply, errors.view(['currentPassword', 'newPassword']), err.status);
    }
    const outcome = await this.auth.signIn(req, viewer.email, newPassword, '/account');
    session(req).set('flash', {
      success: {
        title: 'Password changed',
        text:
          'secondFactor' in outcome
            ? 'You have been signed out of Hearth everywhere. Enter a code from your app to carry on.'
            : 'You have been signed out of Hearth everywhere else. Use your new password from now on.',
      },
    });
    await this.pages.redirect(reply, 'secondFactor' in outcome ? '/sign-in/code' : '/account');
  }

  @Get('sign-out-everywhere')
  @SignedIn()
  async confirmSignOutEverywhere(@Req() req: WebRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.pages.render(req, reply, 'confirm', {
      confirm: {
        question: 'Sign out everywhere?',
        paragraphs: [
          'You will be signed out of Hearth on every phone, tablet and computer, this one included.',
          'Do this if you lost a device or signed in somewhere you should not have. Any Hearth page still open elsewhere stops working at once.',
        ],
        button: 'Yes, sign out everywhere',
        classes: 'govuk-button--warning',
        action: '/account/sign-out-everywhere',
        cancelHref: '/account',
      },
    });
  }

  @Post('sign-out-everywhere')
  @SignedInForm()
  async signOutEverywhere(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    await this.api.for(callContext(req, viewer.accessToken)).logoutAll();
    await this.auth.signOut(req);
    session(req).set('flash', {
      success: { title: 'You have signed out everywhere', text: 'Sign in again on the devices you use.' },
    });
    await this.pages.redirect(reply, '/sign-in');
  }

  private renderPassword(req: WebRequest, reply: FastifyReply, errors: FormView, status = 200) {
    return this.pages.render(req, reply, 'account/password', { errors }, status);
  }
}
