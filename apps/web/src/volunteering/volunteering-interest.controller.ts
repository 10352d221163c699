import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { INTEREST_OUTCOMES, MAX_INTEREST_NOTE, type InterestOutcome } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, field, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { PageForbidden, PageNotFound } from '../http/web-errors';
import { memberIdIn } from '../navigation/navigation';
import { flash } from '../session/web-session';
import { Volunteering, type VolunteeringPage } from './volunteering-page';
import { OUTCOME_WORDS } from './interest-view';

/**
 * "I'm interested" in a role (ADR 0063): a member whose account is linked to their record says it, perhaps with a
 * short note (never naming anyone else), and can take it back; the LERO's staff mark it followed up. Each is a form
 * that works without JavaScript and comes back to the role's page.
 */
@WebController('leros/:tenantId/volunteering')
export class VolunteeringInterestController {
  constructor(private readonly pages: Pages) {}

  @Get('roles/:roleId/interest')
  @SignedIn()
  async form(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering() page: VolunteeringPage,
    @uuidParam('roleId') roleId: string,
  ) {
    this.linked(page);
    await this.render(req, reply, page, roleId, '', NO_ERRORS);
  }

  @Post('roles/:roleId/interest')
  @SignedInForm()
  async express(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering() page: VolunteeringPage,
    @uuidParam('roleId') roleId: string,
  ) {
    this.linked(page);
    const note = field(req.body, 'note');
    const errors = new FormErrors();
    if (note.length > MAX_INTEREST_NOTE)
      errors.add('note', `Your note must be ${MAX_INTEREST_NOTE} characters or fewer`);
    if (errors.ok) {
      try {
        const interest = await page.vol.expressInterest(page.lero.id, roleId, note);
        flash(req, `You’re interested in ${interest.roleTitle}`, 'A coordinator will be in touch about it.');
        return this.pages.redirect(reply, `${page.base}/roles/${roleId}`);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
        if (err.status === 409) {
          flash(req, 'This role is no longer taking interest', 'It has closed since you opened it.');
          return this.pages.redirect(reply, page.base);
        }
        errors.fromApi(err, { note: 'Your note' }, 'note');
      }
    }
    await this.render(req, reply, page, roleId, note, errors.view(['note']), 400);
  }

  @Post('roles/:roleId/interest/withdraw')
  @SignedInForm()
  async withdraw(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering() page: VolunteeringPage,
    @uuidParam('roleId') roleId: string,
  ) {
    this.linked(page);
    await page.vol.withdrawInterest(page.lero.id, roleId);
    flash(
      req,
      'You’re no longer interested in this role',
      'You can say you are interested again at any time.',
    );
    return this.pages.redirect(reply, `${page.base}/roles/${roleId}`);
  }

  @Post('interests/:interestId/close')
  @SignedInForm()
  async close(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('interestId') interestId: string,
  ) {
    const outcome = field(req.body, 'outcome') as InterestOutcome;
    if (!INTEREST_OUTCOMES.includes(outcome)) throw new PageNotFound();
    const interest = await page.vol.closeInterest(page.lero.id, interestId, outcome);
    flash(
      req,
      `Followed up: ${OUTCOME_WORDS[outcome].toLowerCase()}`,
      outcome === 'became-volunteer'
        ? 'To put them on the rota, give them the volunteer role on their member record.'
        : 'They can say they are interested again.',
    );
    return this.pages.redirect(reply, `${page.base}/roles/${interest.roleId}`);
  }

  /** Interest is the person's own word: an account linked to no member record of the LERO may not say it. */
  private linked(page: VolunteeringPage): void {
    if (!memberIdIn(page.viewer, page.lero.id)) throw new PageForbidden();
  }

  private async render(
    req: WebRequest,
    reply: FastifyReply,
    page: VolunteeringPage,
    roleId: string,
    note: string,
    errors: FormView,
    status = 200,
  ) {
    const role = await page.vol.role(page.lero.id, roleId);
    await this.pages.render(
      req,
      reply,
      'volunteering/interest',
      { lero: page.lero, base: page.base, role, note, errors, maxNote: MAX_INTEREST_NOTE },
      status,
    );
  }
}
