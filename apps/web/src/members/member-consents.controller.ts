import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CONSENT_KINDS, type ConsentRecordView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, fields, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { dateAndTime } from '../http/time';
import { WebController } from '../http/web-controller';
import { flash } from '../session/web-session';
import { CONSENT_NAMES, checkboxItems, consentChoices, consentsOf, memberFormOf } from './member-form';
import { Member, recordHref, type MemberPage } from './member-page';

/** A member's consents and their history, for the LERO's admins and coordinators. */
@WebController('leros/:tenantId/members/:memberId/consents')
export class MemberConsentsController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async consents(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Member() page: MemberPage,
  ): Promise<void> {
    await this.render(req, reply, page, memberFormOf(page.member).consents, NO_ERRORS);
  }

  /** Consent is history: only the consents that change are recorded (what, when, by whom). */
  @Post()
  @SignedInForm()
  async recordConsents(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Member() about: MemberPage,
  ): Promise<void> {
    const { lero, member, calls } = about;
    const chosen = fields(req.body, 'consents');
    const next = consentsOf(chosen);
    const changed = CONSENT_KINDS.filter((k) => next[k] !== member.consents[k]);
    const errors = new FormErrors();
    if (chosen.some((c) => !(CONSENT_KINDS as readonly string[]).includes(c)))
      errors.add('consents', 'Select consents from the list');
    else if (changed.length === 0)
      errors.add('consents', 'Nothing has changed. Tick or untick a consent, or go back to their record');
    let status = 400;
    if (errors.ok) {
      try {
        await calls.updateMember(lero.id, member.id, {
          consents: Object.fromEntries(changed.map((k) => [k, next[k]])),
        });
        flash(
          req,
          'Consent recorded',
          `${changed.map((k) => `${CONSENT_NAMES[k].text}: ${next[k] ? 'given' : 'withdrawn'}`).join('. ')}.`,
        );
        return this.pages.redirect(reply, `${recordHref(about)}/consents`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        status = err.status;
        errors.fromApi(err, { consents: 'Consents' }, 'consents');
      }
    }
    await this.render(req, reply, about, chosen, errors.view(), status);
  }

  private async render(
    req: WebRequest,
    reply: FastifyReply,
    { lero, member, calls, viewer }: MemberPage,
    checked: string[],
    errors: FormView,
    status = 200,
  ) {
    const history = await calls.memberConsents(lero.id, member.id);
    await this.pages.render(
      req,
      reply,
      'members/consents',
      {
        lero,
        member,
        consentItems: checkboxItems('consents', consentChoices(), checked),
        history: consentHistory(history.items, viewer.accountId),
        errors,
      },
      status,
    );
  }
}

/**
 * Consent history in words, newest first. A consent's first record says what the person said when their
 * record was made ("Given" or "Not given"); after that a change is "Given" or "Withdrawn".
 */
export function consentHistory(items: ConsentRecordView[], viewerAccountId: string) {
  const seen = new Set<string>();
  const oldestFirst = [...items].reverse().map((r) => {
    const first = !seen.has(r.consent);
    seen.add(r.consent);
    return {
      what: CONSENT_NAMES[r.consent]?.text ?? r.consent,
      given: r.given,
      change: r.given ? 'Given' : first ? 'Not given' : 'Withdrawn',
      when: dateAndTime(r.recordedAt),
      by: r.bySelf ? 'Them, in Hearth' : r.recordedBy === viewerAccountId ? 'You' : 'The LERO’s team',
    };
  });
  return oldestFirst.reverse();
}
