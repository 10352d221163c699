import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TenantView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, field, type FormView } from '../http/form.util';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { dateAndTime } from '../http/time';
import { WebController } from '../http/web-controller';
import { Lero, type LeroPage } from '../http/lero-page';
import { breaksGlass } from './team-roles';
import { SignedIn, SignedInForm } from '../http/guards';
import { session } from '../session/web-session';

const LABELS = { email: 'Email address', reason: 'Reason' };

/**
 * Break glass: a region's admin appoints an admin for a LERO that has none who can sign in. The LERO's
 * contact is told, and the appointment takes effect only after the notice period; until then it is on the
 * team page and can be cancelled.
 */
@WebController('leros/:tenantId/team/appoint')
export class AppointAdminController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async form(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero(breaksGlass) { lero }: LeroPage,
  ): Promise<void> {
    await this.render(req, reply, lero, {}, NO_ERRORS);
  }

  @Post()
  @SignedInForm()
  async appoint(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero(breaksGlass) { lero, calls }: LeroPage,
  ): Promise<void> {
    const email = field(req.body, 'email');
    const reason = field(req.body, 'reason');
    const errors = new FormErrors();
    errors.email('email', email, 'Enter the email address of the person to appoint');
    if (reason.length < 10) errors.add('reason', 'Say why the LERO needs an admin appointed, in a sentence');
    else if (reason.length > 1000) errors.add('reason', 'The reason must be 1000 characters or fewer');
    let status = 400;
    if (errors.ok) {
      try {
        const appointed = await calls.breakGlass(lero.id, { email, reason });
        session(req).set('appointment', {
          placeId: lero.id,
          placeName: lero.name,
          email: appointed.email,
          url: this.pages.tokenLink(req, '/invitations/accept', appointed.token),
          takesEffectAt: appointed.takesEffectAt,
          contactNotified: appointed.contactNotified,
        });
        return this.pages.redirect(reply, `/leros/${lero.id}/team/appoint/done`);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 403, 409].includes(err.status)) throw err;
        status = err.status;
        errors.fromApi(err, LABELS, 'email');
      }
    }
    await this.render(req, reply, lero, { email, reason }, errors.view(['email', 'reason']), status);
  }

  /** The appointment just made, shown once after the redirect. */
  @Get('done')
  @SignedIn()
  async done(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @uuidParam('tenantId') tenantId: string,
  ): Promise<void> {
    const appointment = session(req).take('appointment');
    if (!appointment || appointment.placeId !== tenantId)
      return this.pages.redirect(reply, `/leros/${tenantId}/team`, 302);
    await this.pages.render(req, reply, 'team/appointed', {
      appointment,
      takesEffect: dateAndTime(appointment.takesEffectAt),
      backHref: `/leros/${tenantId}/team`,
    });
  }

  private render(
    req: WebRequest,
    reply: FastifyReply,
    lero: TenantView,
    values: { email?: string; reason?: string },
    errors: FormView,
    status = 200,
  ) {
    return this.pages.render(req, reply, 'team/appoint', { lero, values, errors }, status);
  }
}
