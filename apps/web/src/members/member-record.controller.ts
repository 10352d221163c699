import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  CONSENT_KINDS,
  type CommunityRole,
  type MemberView,
  type TenantView,
  type UpdateMemberDto,
} from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { longDate } from '../http/time';
import { WebController } from '../http/web-controller';
import { flash } from '../session/web-session';
import {
  CONSENT_NAMES,
  MEMBER_FIELDS,
  MEMBER_LABELS,
  PREFERRED_CONTACT_NAMES,
  checkboxItems,
  consentChoices,
  consentsOf,
  contactItems,
  reminderItems,
  REMINDER_NAMES,
  emptyMemberForm,
  memberFormOf,
  readMemberForm,
  roleChoices,
  rolesInWords,
  validateMemberForm,
  type MemberFormValues,
} from './member-form';
import { Member, recordHref, type MemberPage } from './member-page';

/** A member's record, for the LERO's admins and coordinators: add someone, see their record, change it. */
@WebController('leros/:tenantId/members')
export class MemberRecordController {
  constructor(private readonly pages: Pages) {}

  @Get('new')
  @SignedIn()
  async newMember(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero }: LeroPage,
  ): Promise<void> {
    await this.renderForm(req, reply, lero, undefined, emptyMemberForm(), NO_ERRORS);
  }

  @Post()
  @SignedInForm()
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero('staff') { lero, calls }: LeroPage,
  ): Promise<void> {
    const values = readMemberForm(req.body);
    const errors = new FormErrors();
    validateMemberForm(values, errors);
    let status = 400;
    if (errors.ok) {
      try {
        const member = await calls.createMember(lero.id, {
          displayName: values.displayName,
          ...(values.email ? { email: values.email } : {}),
          ...(values.phone ? { phone: values.phone } : {}),
          communityRoles: values.communityRoles as CommunityRole[],
          ...(values.pathway ? { pathway: values.pathway } : {}),
          ...(values.preferredContact
            ? { preferredContact: values.preferredContact as MemberView['preferredContact'] }
            : {}),
          reminders: values.reminders as MemberView['reminders'],
          consents: consentsOf(values.consents),
          ...(values.notes ? { notes: values.notes } : {}),
        });
        flash(req, `${member.displayName} has been added`, 'Their record is below.');
        return this.pages.redirect(reply, recordHref({ lero, member }));
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        status = err.status;
        errors.fromApi(err, MEMBER_LABELS, 'displayName');
      }
    }
    await this.renderForm(req, reply, lero, undefined, values, errors.view(MEMBER_FIELDS), status);
  }

  @Get(':memberId')
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Member() { lero, member }: MemberPage,
  ): Promise<void> {
    await this.pages.render(req, reply, 'members/show', {
      lero,
      member,
      base: recordHref({ lero, member }),
      details: {
        roles: rolesInWords(member.communityRoles),
        preferredContact: member.preferredContact
          ? PREFERRED_CONTACT_NAMES[member.preferredContact]
          : 'Not asked yet',
        reminders: REMINDER_NAMES[member.reminders].text,
        joined: longDate(member.joinedAt),
        left: member.leftAt ? longDate(member.leftAt) : undefined,
      },
      consents: CONSENT_KINDS.map((k) => ({ name: CONSENT_NAMES[k].text, given: member.consents[k] })),
    });
  }

  @Get(':memberId/edit')
  @SignedIn()
  async editForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Member() { lero, member }: MemberPage,
  ): Promise<void> {
    await this.renderForm(req, reply, lero, member, memberFormOf(member), NO_ERRORS);
  }

  @Post(':memberId/edit')
  @SignedInForm()
  async edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Member() { lero, member, calls }: MemberPage,
  ): Promise<void> {
    const values = { ...readMemberForm(req.body), consents: memberFormOf(member).consents };
    const errors = new FormErrors();
    validateMemberForm(values, errors);
    let status = 400;
    if (errors.ok) {
      // Empty optional fields clear them (null); consents change on their own page, as history.
      const change: UpdateMemberDto = {
        displayName: values.displayName,
        email: values.email || null,
        phone: values.phone || null,
        communityRoles: values.communityRoles as CommunityRole[],
        pathway: values.pathway || null,
        preferredContact: (values.preferredContact || null) as UpdateMemberDto['preferredContact'],
        reminders: values.reminders as MemberView['reminders'],
        notes: values.notes || null,
      };
      try {
        const changed = await calls.updateMember(lero.id, member.id, change);
        flash(req, 'Changes saved', `${changed.displayName}’s record is up to date.`);
        return this.pages.redirect(reply, recordHref({ lero, member }));
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        status = err.status;
        errors.fromApi(err, MEMBER_LABELS, 'displayName');
      }
    }
    await this.renderForm(req, reply, lero, member, values, errors.view(MEMBER_FIELDS), status);
  }

  private renderForm(
    req: WebRequest,
    reply: FastifyReply,
    lero: TenantView,
    member: MemberView | undefined,
    values: MemberFormValues,
    errors: FormView,
    status = 200,
  ) {
    return this.pages.render(
      req,
      reply,
      'members/form',
      {
        lero,
        member,
        action: member ? `${recordHref({ lero, member })}/edit` : `/leros/${lero.id}/members`,
        backHref: member ? recordHref({ lero, member }) : `/leros/${lero.id}/members`,
        values,
        roleItems: checkboxItems('communityRoles', roleChoices(), values.communityRoles),
        consentItems: checkboxItems('consents', consentChoices(), values.consents),
        contactItems: contactItems(values.preferredContact),
        reminderItems: reminderItems(values.reminders),
        errors,
      },
      status,
    );
  }
}
