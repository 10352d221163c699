import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TotpSetupView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { FormErrors, NO_ERRORS, field, rawField, type FormView } from '../http/form.util';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { landingFor } from '../navigation/navigation';
import { CurrentViewer, SignedIn, SignedInForm } from '../http/guards';
import { SessionAuthService, callContext } from '../session/session-auth.service';
import { session, type Viewer } from '../session/web-session';
import { normaliseCode } from '../sign-in/sign-in.controller';

/** The secret in groups of four, as people read it out or type it into an app by hand. */
export const groupSecret = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** A code the person typed: six digits from the app, or one of their recovery codes. */
const proofOf = (value: string) =>
  /^\d{6}$/.test(value)
    ? { code: value }
    : /^[a-z0-9]{10}$/i.test(value)
      ? { recoveryCode: value }
      : undefined;

/**
 * A person's two-factor sign-in (ADR 15): setting up an authenticator app (a QR code, and its key in text for
 * anyone who cannot scan or see it), recovery codes shown once, new ones, and turning it off (never for an admin).
 */
@WebController('account/two-factor')
export class TwoFactorController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
    private readonly auth: SessionAuthService,
  ) {}

  @Get()
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    const me = await this.api.for(callContext(req, viewer.accessToken)).me();
    await this.pages.render(req, reply, 'account/two-factor', { twoFactor: me.twoFactor });
  }

  /** The app being set up (the same key when the page is reloaded), or a new one. */
  @Get('set-up')
  @SignedIn()
  async setUpForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    await this.renderSetUp(req, reply, viewer, await this.setup(req, viewer), NO_ERRORS);
  }

  @Post('set-up/restart')
  @SignedInForm()
  async restart(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    await this.api.for(callContext(req, viewer.accessToken)).startTotp();
    await this.pages.redirect(reply, '/account/two-factor/set-up');
  }

  /** The first code and the password: it is on, every other sign-in ends, and this one starts afresh. */
  @Post('set-up')
  @SignedInForm()
  async confirm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    const code = normaliseCode(field(req.body, 'code'));
    const currentPassword = rawField(req.body, 'currentPassword');
    const errors = new FormErrors();
    if (!/^\d{6}$/.test(code))
      errors.add(
        'code',
        code ? 'Enter the 6 digits of the code, like 123456' : 'Enter the code your app shows',
      );
    if (!currentPassword) errors.add('currentPassword', 'Enter your password');
    let status = 400;
    if (errors.ok) {
      try {
        const enabled = await this.api
          .for(callContext(req, viewer.accessToken))
          .confirmTotp({ code, currentPassword });
        const signedIn = await this.auth.start(req, enabled.tokens);
        session(req).set('recoveryCodes', enabled.recoveryCodes);
        session(req).set('flash', {
          success: {
            title: 'Two-factor sign-in is on',
            text:
              signedIn.grants.length > viewer.grants.length
                ? 'Your admin role works now. You were signed out of Hearth everywhere else.'
                : 'You were signed out of Hearth everywhere else. From now on you sign in with a code from your app.',
          },
        });
        return this.pages.redirect(reply, '/account/two-factor/recovery-codes');
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 404, 429].includes(err.status)) throw err;
        if (err.reason === 'NoTotpSetup') return this.pages.redirect(reply, '/account/two-factor/set-up');
        status = err.status;
        if (err.reason === 'WrongCode')
          errors.add(
            'code',
            'The code is not right. Check the time on your phone is right, and enter the newest code',
          );
        else if (err.reason === 'WrongPassword') errors.add('currentPassword', 'Your password is not right');
        else errors.fromApi(err, { code: 'Code', currentPassword: 'Password' }, 'code');
      }
    }
    await this.renderSetUp(
      req,
      reply,
      viewer,
      await this.setup(req, viewer),
      errors.view(['code', 'currentPassword']),
      status,
    );
  }

  /** Recovery codes just made, shown this once. */
  @Get('recovery-codes')
  @SignedIn()
  async recoveryCodes(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    const codes = session(req).take('recoveryCodes');
    if (!codes) return this.pages.redirect(reply, '/account/two-factor', 302);
    await this.pages.render(req, reply, 'account/recovery-codes', {
      codes,
      continueHref: landingFor(viewer),
    });
  }

  @Get('recovery-codes/new')
  @SignedIn()
  async newRecoveryCodesForm(@Req() req: WebRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderPasswordStep(req, reply, 'new-codes', NO_ERRORS);
  }

  @Post('recovery-codes/new')
  @SignedInForm()
  async newRecoveryCodes(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    const currentPassword = rawField(req.body, 'currentPassword');
    const errors = new FormErrors();
    if (!currentPassword) errors.add('currentPassword', 'Enter your password');
    else {
      try {
        const made = await this.api
          .for(callContext(req, viewer.accessToken))
          .regenerateRecoveryCodes(currentPassword);
        session(req).set('recoveryCodes', made.recoveryCodes);
        session(req).set('flash', {
          success: { title: 'You have new recovery codes', text: 'Your old recovery codes no longer work.' },
        });
        return this.pages.redirect(reply, '/account/two-factor/recovery-codes');
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 409, 429].includes(err.status)) throw err;
        if (err.reason === 'TwoFactorOff') return this.pages.redirect(reply, '/account/two-factor');
        if (err.reason === 'WrongPassword') errors.add('currentPassword', 'Your password is not right');
        else errors.fromApi(err, { currentPassword: 'Password' }, 'currentPassword');
        return this.renderPasswordStep(req, reply, 'new-codes', errors.view(['currentPassword']), err.status);
      }
    }
    await this.renderPasswordStep(req, reply, 'new-codes', errors.view(['currentPassword']), 400);
  }

  @Get('turn-off')
  @SignedIn()
  async turnOffForm(@Req() req: WebRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderPasswordStep(req, reply, 'turn-off', NO_ERRORS);
  }

  /** The password and a code (or a recovery code); refused to admins by the API, and the page says so first. */
  @Post('turn-off')
  @SignedInForm()
  async turnOff(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    const currentPassword = rawField(req.body, 'currentPassword');
    const typed = normaliseCode(field(req.body, 'code'));
    const proof = proofOf(typed);
    const errors = new FormErrors();
    if (!currentPassword) errors.add('currentPassword', 'Enter your password');
    if (!proof)
      errors.add(
        'code',
        typed ? 'Enter the 6-digit code from your app, or a recovery code' : 'Enter the code from your app',
      );
    let status = 400;
    if (errors.ok) {
      try {
        await this.api
          .for(callContext(req, viewer.accessToken))
          .disableTwoFactor({ currentPassword, ...proof });
        session(req).set('flash', {
          success: {
            title: 'Two-factor sign-in is off',
            text: 'You were signed out of Hearth everywhere else. You can turn it on again from this page.',
          },
        });
        return this.pages.redirect(reply, '/account/two-factor');
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 403, 409, 429].includes(err.status)) throw err;
        if (err.reason === 'TwoFactorOff') return this.pages.redirect(reply, '/account/two-factor');
        status = err.status;
        if (err.reason === 'WrongPassword') errors.add('currentPassword', 'Your password is not right');
        else if (err.reason === 'CodeReused')
          errors.add('code', 'That code has been used already. Enter the next one');
        else if (err.reason === 'WrongCode' || err.reason === 'WrongRecoveryCode')
          errors.add('code', 'The code is not right, or that recovery code has been used');
        else errors.add('code', err.detail);
      }
    }
    await this.renderPasswordStep(req, reply, 'turn-off', errors.view(['currentPassword', 'code']), status);
  }

  private async setup(req: WebRequest, viewer: Viewer): Promise<TotpSetupView> {
    const calls = this.api.for(callContext(req, viewer.accessToken));
    try {
      return await calls.pendingTotp();
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return calls.startTotp();
      throw err;
    }
  }

  private renderSetUp(
    req: WebRequest,
    reply: FastifyReply,
    viewer: Viewer,
    setup: TotpSetupView,
    errors: FormView,
    status = 200,
  ) {
    return this.pages.render(
      req,
      reply,
      'account/two-factor-set-up',
      {
        setup,
        groupedSecret: groupSecret(setup.secret),
        // An <img> of the SVG: it cannot run anything, whatever the API sent.
        qrCodeSrc: `data:image/svg+xml;base64,${Buffer.from(setup.qrCodeSvg).toString('base64')}`,
        replacing: viewer.twoFactor.enabled,
        setupRequired: viewer.twoFactor.setupRequired,
        errors,
      },
      status,
    );
  }

  private async renderPasswordStep(
    req: WebRequest,
    reply: FastifyReply,
    step: 'new-codes' | 'turn-off',
    errors: FormView,
    status = 200,
  ) {
    const me = await this.api.for(callContext(req, req.viewer!.accessToken)).me();
    if (!me.twoFactor.enabled) return this.pages.redirect(reply, '/account/two-factor', 302);
    await this.pages.render(
      req,
      reply,
      'account/two-factor-step',
      { step, twoFactor: me.twoFactor, errors },
      status,
    );
  }
}
