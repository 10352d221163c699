import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { PageNotFound } from '../http/web-errors';
import { flash } from '../session/web-session';
import { credentialRow, importView, readPassport, verdictView } from './passport-staff';
import { Volunteering, type VolunteeringPage } from './volunteering-page';

/**
 * The staff's passport screens (ADR 0064): verify a passport someone gives the LERO, import a volunteer's training
 * from their passport, and revoke a passport or credential the LERO issued them (with a confirm step). Admins and
 * coordinators only; no JavaScript.
 */
@WebController('leros/:tenantId/volunteering')
export class VolunteeringPassportStaffController {
  constructor(private readonly pages: Pages) {}

  @Get('verify-passport')
  @SignedIn()
  async verifyForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
  ) {
    await this.pages.render(req, reply, 'volunteering/verify-passport', {
      lero: page.lero,
      base: page.base,
      values: { passport: '' },
      errors: NO_ERRORS,
    });
  }

  @Post('verify-passport')
  @SignedInForm()
  async verify(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
  ) {
    const errors = new FormErrors();
    const passport = readPassport(req.body, errors);
    const verdict = passport ? verdictView(await page.vol.verifyPassport(passport)) : undefined;
    await this.pages.render(
      req,
      reply,
      'volunteering/verify-passport',
      {
        lero: page.lero,
        base: page.base,
        values: { passport: '' },
        errors: errors.view(['passport']),
        verdict,
      },
      verdict ? 200 : 400,
    );
  }

  @Get('volunteers/:memberId/passport-import')
  @SignedIn()
  async importForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('memberId') memberId: string,
  ) {
    await this.renderImport(req, reply, page, memberId, NO_ERRORS);
  }

  @Post('volunteers/:memberId/passport-import')
  @SignedInForm()
  async import(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('memberId') memberId: string,
  ) {
    const errors = new FormErrors();
    const passport = readPassport(req.body, errors);
    let status = 400;
    if (passport) {
      try {
        const result = await page.vol.importPassport(page.lero.id, memberId, passport);
        return await this.renderImport(req, reply, page, memberId, NO_ERRORS, 200, importView(result));
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
        status = err.status;
        errors.fromApi(err, { passport: 'The passport' }, 'passport');
      }
    }
    await this.renderImport(req, reply, page, memberId, errors.view(['passport']), status);
  }

  @Get('volunteers/:memberId/credentials/:credentialId/revoke')
  @SignedIn()
  async confirmRevoke(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('memberId') memberId: string,
    @uuidParam('credentialId') credentialId: string,
  ) {
    const [member, credential] = await this.credential(page, memberId, credentialId);
    await this.pages.render(req, reply, 'volunteering/revoke-credential', {
      lero: page.lero,
      base: page.base,
      member,
      credential,
    });
  }

  @Post('volunteers/:memberId/credentials/:credentialId/revoke')
  @SignedInForm()
  async revoke(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('memberId') memberId: string,
    @uuidParam('credentialId') credentialId: string,
  ) {
    const [member, credential] = await this.credential(page, memberId, credentialId);
    await page.vol.revokeCredential(page.lero.id, credential.id);
    flash(
      req,
      `${member.name}’s ${credential.kind.toLowerCase()} is revoked`,
      'Anyone who checks it now finds it withdrawn.',
    );
    await this.pages.redirect(reply, `${page.base}/volunteers/${member.id}`);
  }

  /**
   * The volunteer and one credential the LERO issued them; anything else (another LERO's, another's) is 404. The
   * credential is found first: reading the member is an audited read, never made for a request that is refused.
   */
  private async credential(page: VolunteeringPage, memberId: string, credentialId: string) {
    const list = await page.vol.credentials(page.lero.id, memberId);
    const found = list.items.find((c) => c.id === credentialId);
    if (!found) throw new PageNotFound();
    const member = await page.calls.member(page.lero.id, memberId);
    return [{ id: member.id, name: member.displayName }, credentialRow(found)] as const;
  }

  private async renderImport(
    req: WebRequest,
    reply: FastifyReply,
    page: VolunteeringPage,
    memberId: string,
    errors: FormView,
    status = 200,
    result?: ReturnType<typeof importView>,
  ) {
    const member = await page.calls.member(page.lero.id, memberId);
    await this.pages.render(
      req,
      reply,
      'volunteering/passport-import',
      {
        lero: page.lero,
        base: page.base,
        member: { id: member.id, name: member.displayName },
        errors,
        result,
      },
      status,
    );
  }
}
