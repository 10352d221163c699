import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CONSENT_KINDS, type MemberView, type TenantView, type UpdateMeDto } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, type FormView } from '../http/form.util';
import { Pages, type WebRequest } from '../http/pages';
import { longDate } from '../http/time';
import { WebController } from '../http/web-controller';
import { Lero, type LeroPage } from '../http/lero-page';
import { memberIdIn, tenantIdsOf } from '../navigation/navigation';
import { CurrentViewer, SignedIn, SignedInForm } from '../http/guards';
import { session, type Viewer } from '../session/web-session';
import {
  CONSENT_NAMES,
  MEMBER_LABELS,
  PREFERRED_CONTACT_NAMES,
  checkboxItems,
  consentChoices,
  consentsOf,
  contactItems,
  reminderItems,
  REMINDER_NAMES,
  memberFormOf,
  readMemberForm,
  rolesInWords,
  validateMemberForm,
  type MemberFormValues,
} from './member-form';
import { downloadExport } from './member-export';

const ME_FIELDS = ['displayName', 'email', 'phone', 'preferredContact', 'reminders', 'pathway', 'consents'];

/** A member's own record: their profile and consents, and a copy of their data. */
@WebController()
export class MeController {
  constructor(private readonly pages: Pages) {}

  /** `/me`: the profile of the LERO where this account is a member (the first, if several). */
  @Get('me')
  @SignedIn()
  async me(@Res() reply: FastifyReply, @CurrentViewer() viewer: Viewer): Promise<void> {
    const tenantId = tenantIdsOf(viewer).find((t) => memberIdIn(viewer, t));
    await this.pages.redirect(reply, tenantId ? `/leros/${tenantId}/me` : '/account', 302);
  }

  @Get('leros/:tenantId/me')
  @SignedIn()
  async profile(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('member') page: LeroPage,
  ): Promise<void> {
    const { lero, me } = await mine(page);
    await this.pages.render(req, reply, 'members/me', {
      lero,
      me,
      details: {
        roles: rolesInWords(me.communityRoles),
        preferredContact: me.preferredContact
          ? me.preferredContact === 'none'
            ? 'I do not want to be contacted'
            : PREFERRED_CONTACT_NAMES[me.preferredContact]
          : 'Not said',
        reminders: REMINDER_NAMES[me.reminders].self,
        joined: longDate(me.joinedAt),
      },
      consents: CONSENT_KINDS.map((k) => ({
        text: CONSENT_NAMES[k].text,
        hint: CONSENT_NAMES[k].selfHint,
        given: me.consents[k],
      })),
    });
  }

  @Get('leros/:tenantId/me/edit')
  @SignedIn()
  async editForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('member') page: LeroPage,
  ): Promise<void> {
    const { lero, me } = await mine(page);
    await this.renderForm(req, reply, lero, memberFormOf(me), NO_ERRORS);
  }

  @Post('leros/:tenantId/me/edit')
  @SignedInForm()
  async edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('member') page: LeroPage,
  ): Promise<void> {
    const { lero, me, calls } = await mine(page);
    // Roles and notes are the LERO's to keep; a member changes only their profile and consents.
    const values = { ...readMemberForm(req.body), communityRoles: me.communityRoles, notes: '' };
    const errors = new FormErrors();
    validateMemberForm(values, errors, { self: true });
    let status = 400;
    if (errors.ok) {
      const change: UpdateMeDto = {
        displayName: values.displayName,
        email: values.email || null,
        phone: values.phone || null,
        pathway: values.pathway || null,
        preferredContact: (values.preferredContact || null) as UpdateMeDto['preferredContact'],
        reminders: values.reminders as UpdateMeDto['reminders'],
        consents: consentsOf(values.consents),
      };
      try {
        await calls.updateMyMember(lero.id, change);
        session(req).set('flash', {
          success: {
            title: 'Your changes are saved',
            text: `${lero.name} sees your details as they are below.`,
          },
        });
        return this.pages.redirect(reply, `/leros/${lero.id}/me`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        status = err.status;
        errors.fromApi(err, MEMBER_LABELS, 'displayName');
      }
    }
    await this.renderForm(req, reply, lero, values, errors.view(ME_FIELDS), status);
  }

  @Post('leros/:tenantId/me/export')
  @SignedInForm()
  async export(@Res() reply: FastifyReply, @Lero('member') page: LeroPage): Promise<void> {
    const { lero, me, calls } = await mine(page);
    await downloadExport(this.pages, reply, me.displayName, await calls.exportMyMember(lero.id));
  }

  private renderForm(
    req: WebRequest,
    reply: FastifyReply,
    lero: TenantView,
    values: MemberFormValues,
    errors: FormView,
    status = 200,
  ) {
    return this.pages.render(
      req,
      reply,
      'members/me-form',
      {
        lero,
        values,
        contactItems: contactItems(values.preferredContact, true),
        reminderItems: reminderItems(values.reminders, true),
        consentItems: checkboxItems('consents', consentChoices(true), values.consents),
        errors,
      },
      status,
    );
  }
}

/** This account's own record in the LERO. */
async function mine(page: LeroPage): Promise<LeroPage & { me: MemberView }> {
  return { ...page, me: await page.calls.myMember(page.lero.id) };
}
