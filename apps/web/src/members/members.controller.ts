import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  COMMUNITY_ROLES,
  CONSENT_KINDS,
  type ConsentRecordView,
  MEMBER_STATUSES,
  type CommunityRole,
  type MemberStatus,
  type MemberView,
  type TenantView,
  type UpdateMemberDto,
} from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { HearthApi, type HearthApiCalls } from '../api/hearth-api';
import { FormErrors, NO_ERRORS, field, fields, isEmail, type FormView } from '../http/form.util';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { dateAndTime, longDate } from '../http/time';
import { WebController } from '../http/web-controller';
import { leroFor } from '../http/lero-page';
import { slugify } from '../http/slug.util';
import { CurrentViewer, SignedIn, SignedInForm } from '../http/guards';
import { callContext } from '../session/session-auth.service';
import { session, type Viewer } from '../session/web-session';
import {
  CONSENT_NAMES,
  MEMBER_FIELDS,
  MEMBER_LABELS,
  PREFERRED_CONTACT_NAMES,
  checkboxItems,
  consentChoices,
  consentsOf,
  contactItems,
  emptyMemberForm,
  memberFormOf,
  readMemberForm,
  roleChoices,
  rolesInWords,
  validateMemberForm,
  type MemberFormValues,
} from './member-form';
import { importCsvFrom, importErrorRows, IMPORT_MAX_BYTES } from './member-import';

const PAGE_SIZE = 25;
const STATUS_FILTERS = ['active', 'left', 'all'] as const;

/**
 * A LERO's people, for its admins and coordinators: find, add, change, consent, import, export, leave and
 * rejoin, erase. Every rule is the membership service's; these pages ask, explain and confirm.
 */
@WebController('leros/:tenantId/members')
export class MembersController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  @Get()
  @SignedIn()
  async list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const calls = this.calls(req, viewer);
    const lero = await leroFor(calls, viewer, tenantId, 'staff');
    const text = (name: string, max: number) => {
      const value = query[name];
      return typeof value === 'string' ? value.trim().slice(0, max) : '';
    };
    const search = text('q', 100);
    const role = (COMMUNITY_ROLES as readonly string[]).includes(text('role', 20)) ? text('role', 20) : '';
    const statusFilter = (STATUS_FILTERS as readonly string[]).includes(text('status', 10))
      ? text('status', 10)
      : 'active';
    const cursor = text('cursor', 200);
    const page = await calls.members(lero.id, {
      search: search || undefined,
      communityRole: (role || undefined) as CommunityRole | undefined,
      status: (MEMBER_STATUSES as readonly string[]).includes(statusFilter)
        ? (statusFilter as MemberStatus)
        : undefined,
      limit: PAGE_SIZE,
      cursor: cursor || undefined,
    });
    const filters = new URLSearchParams({
      ...(search ? { q: search } : {}),
      ...(role ? { role } : {}),
      ...(statusFilter !== 'active' ? { status: statusFilter } : {}),
    });
    const base = `/leros/${lero.id}/members`;
    const withFilters = (extra: Record<string, string> = {}) => {
      const params = new URLSearchParams(filters);
      for (const [k, v] of Object.entries(extra)) params.set(k, v);
      const qs = params.toString();
      return qs ? `${base}?${qs}` : base;
    };
    await this.pages.render(req, reply, 'members/list', {
      lero,
      members: (page.items as MemberView[]).map((m) => ({
        id: m.id,
        displayName: m.displayName,
        roles: rolesInWords(m.communityRoles),
        left: m.status === 'left',
      })),
      filter: { q: search, role, status: statusFilter },
      filtered: !!(search || role || statusFilter !== 'active'),
      roleOptions: [
        { value: '', text: 'Any role', selected: role === '' },
        ...roleChoices().map((r) => ({ ...r, selected: r.value === role })),
      ],
      statusOptions: [
        { value: 'active', text: 'Current members', selected: statusFilter === 'active' },
        { value: 'left', text: 'People who have left', selected: statusFilter === 'left' },
        { value: 'all', text: 'Everyone', selected: statusFilter === 'all' },
      ],
      nextHref: page.nextCursor ? withFilters({ cursor: page.nextCursor }) : undefined,
      firstHref: cursor ? withFilters() : undefined,
      clearHref: base,
    });
  }

  @Get('new')
  @SignedIn()
  async newMember(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
  ): Promise<void> {
    const lero = await leroFor(this.calls(req, viewer), viewer, tenantId, 'staff');
    await this.renderForm(req, reply, lero, undefined, emptyMemberForm(), NO_ERRORS);
  }

  @Post()
  @SignedInForm()
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
  ): Promise<void> {
    const calls = this.calls(req, viewer);
    const lero = await leroFor(calls, viewer, tenantId, 'staff');
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
          consents: consentsOf(values.consents),
          ...(values.notes ? { notes: values.notes } : {}),
        });
        this.flash(req, `${member.displayName} has been added`, 'Their record is below.');
        return this.pages.redirect(reply, `/leros/${lero.id}/members/${member.id}`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        status = err.status;
        errors.fromApi(err, MEMBER_LABELS, 'displayName');
      }
    }
    await this.renderForm(req, reply, lero, undefined, values, errors.view(MEMBER_FIELDS), status);
  }

  @Get('import')
  @SignedIn()
  async importForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
  ): Promise<void> {
    const lero = await leroFor(this.calls(req, viewer), viewer, tenantId, 'staff');
    await this.pages.render(req, reply, 'members/import', { lero, errors: NO_ERRORS, rows: [] });
  }

  /** All or nothing: the file's problems are listed row by row, and nothing is added until there are none. */
  @Post('import')
  @SignedInForm()
  async import(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
  ): Promise<void> {
    const calls = this.calls(req, viewer);
    const lero = await leroFor(calls, viewer, tenantId, 'staff');
    const file = importCsvFrom(req.body);
    const errors = new FormErrors();
    if (!file) errors.add('csv', 'Select a CSV file');
    else if (file.bytes > IMPORT_MAX_BYTES)
      errors.add('csv', 'The file must be smaller than 768 KB. Split it into smaller files');
    else if (!file.text.trim()) errors.add('csv', 'The selected file is empty');
    let status = 400;
    let rows: ReturnType<typeof importErrorRows> = [];
    if (errors.ok && file) {
      try {
        const result = await calls.importMembers(lero.id, file.text);
        this.flash(
          req,
          `${result.created} ${result.created === 1 ? 'person' : 'people'} added`,
          `From ${file.filename || 'your file'}.`,
        );
        return this.pages.redirect(reply, `/leros/${lero.id}/members`);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 413].includes(err.status)) throw err;
        status = err.status;
        rows = importErrorRows(err);
        if (rows.length) {
          errors.add(
            'csv',
            `The file has ${rows.length === 1 ? 'a problem' : `${rows.length} problems`}. Nobody was added. Fix ${rows.length === 1 ? 'it' : 'them'} and upload the file again`,
          );
        } else {
          errors.add('csv', err.status === 413 ? 'The file must be smaller than 768 KB' : err.detail);
        }
      }
    }
    await this.pages.render(
      req,
      reply,
      'members/import',
      { lero, errors: errors.view(['csv']), rows, filename: file?.filename },
      status,
    );
  }

  @Get(':memberId')
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('memberId') memberId: string,
  ): Promise<void> {
    const { lero, member } = await this.member(req, viewer, tenantId, memberId);
    await this.pages.render(req, reply, 'members/show', {
      lero,
      member,
      base: `/leros/${lero.id}/members/${member.id}`,
      details: {
        roles: rolesInWords(member.communityRoles),
        preferredContact: member.preferredContact
          ? PREFERRED_CONTACT_NAMES[member.preferredContact]
          : 'Not asked yet',
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
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('memberId') memberId: string,
  ): Promise<void> {
    const { lero, member } = await this.member(req, viewer, tenantId, memberId);
    await this.renderForm(req, reply, lero, member, memberFormOf(member), NO_ERRORS);
  }

  @Post(':memberId/edit')
  @SignedInForm()
  async edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('memberId') memberId: string,
  ): Promise<void> {
    const { lero, member, calls } = await this.member(req, viewer, tenantId, memberId);
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
        notes: values.notes || null,
      };
      try {
        const changed = await calls.updateMember(lero.id, member.id, change);
        this.flash(req, 'Changes saved', `${changed.displayName}’s record is up to date.`);
        return this.pages.redirect(reply, `/leros/${lero.id}/members/${member.id}`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        status = err.status;
        errors.fromApi(err, MEMBER_LABELS, 'displayName');
      }
    }
    await this.renderForm(req, reply, lero, member, values, errors.view(MEMBER_FIELDS), status);
  }

  @Get(':memberId/consents')
  @SignedIn()
  async consents(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('memberId') memberId: string,
  ): Promise<void> {
    const { lero, member, calls } = await this.member(req, viewer, tenantId, memberId);
    await this.renderConsents(
      req,
      reply,
      viewer,
      calls,
      lero,
      member,
      memberFormOf(member).consents,
      NO_ERRORS,
    );
  }

  /** Consent is history: only the consents that change are recorded (what, when, by whom). */
  @Post(':memberId/consents')
  @SignedInForm()
  async recordConsents(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('memberId') memberId: string,
  ): Promise<void> {
    const { lero, member, calls } = await this.member(req, viewer, tenantId, memberId);
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
        this.flash(
          req,
          'Consent recorded',
          `${changed.map((k) => `${CONSENT_NAMES[k].text}: ${next[k] ? 'given' : 'withdrawn'}`).join('. ')}.`,
        );
        return this.pages.redirect(reply, `/leros/${lero.id}/members/${member.id}/consents`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        status = err.status;
        errors.fromApi(err, { consents: 'Consents' }, 'consents');
      }
    }
    await this.renderConsents(req, reply, viewer, calls, lero, member, chosen, errors.view(), status);
  }

  /** Everything Hearth holds about the person (every service's part), as a JSON file to give them. */
  @Post(':memberId/export')
  @SignedInForm()
  async export(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('memberId') memberId: string,
  ): Promise<void> {
    const { lero, member, calls } = await this.member(req, viewer, tenantId, memberId);
    const data = await calls.exportMember(lero.id, member.id);
    await this.pages.download(
      reply,
      exportFilename(member.displayName, data.exportedAt),
      'application/json; charset=utf-8',
      `${JSON.stringify(data, null, 2)}\n`,
    );
  }

  @Get(':memberId/leave')
  @SignedIn()
  async confirmLeave(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('memberId') memberId: string,
  ): Promise<void> {
    const { lero, member } = await this.member(req, viewer, tenantId, memberId);
    if (member.status === 'left')
      return this.pages.redirect(reply, `/leros/${lero.id}/members/${member.id}`, 302);
    await this.pages.render(req, reply, 'members/leave', { lero, member });
  }

  @Post(':memberId/leave')
  @SignedInForm()
  async leave(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('memberId') memberId: string,
  ): Promise<void> {
    const { lero, member, calls } = await this.member(req, viewer, tenantId, memberId);
    await this.tolerate409(() => calls.leaveMember(lero.id, member.id));
    this.flash(
      req,
      `${member.displayName} has left`,
      'Their record is kept. You can rejoin them at any time.',
    );
    await this.pages.redirect(reply, `/leros/${lero.id}/members/${member.id}`);
  }

  @Post(':memberId/rejoin')
  @SignedInForm()
  async rejoin(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('memberId') memberId: string,
  ): Promise<void> {
    const { lero, member, calls } = await this.member(req, viewer, tenantId, memberId);
    await this.tolerate409(() => calls.rejoinMember(lero.id, member.id));
    this.flash(req, `${member.displayName} has rejoined`, 'They are a current member again.');
    await this.pages.redirect(reply, `/leros/${lero.id}/members/${member.id}`);
  }

  @Get(':memberId/erase')
  @SignedIn()
  async confirmErase(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('memberId') memberId: string,
  ): Promise<void> {
    const { lero, member } = await this.member(req, viewer, tenantId, memberId);
    await this.pages.render(req, reply, 'members/erase', { lero, member, errors: NO_ERRORS });
  }

  /** Erasure cannot be undone, so it needs a ticked box as well as the button. */
  @Post(':memberId/erase')
  @SignedInForm()
  async erase(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('memberId') memberId: string,
  ): Promise<void> {
    const { lero, member, calls } = await this.member(req, viewer, tenantId, memberId);
    if (field(req.body, 'confirm') !== 'yes') {
      const errors = new FormErrors().add(
        'confirm',
        `Tick the box to confirm you want to erase ${member.displayName}’s record`,
      );
      return this.pages.render(req, reply, 'members/erase', { lero, member, errors: errors.view() }, 400);
    }
    await calls.eraseMember(lero.id, member.id);
    this.flash(req, 'Record erased', `${member.displayName}’s personal details have been destroyed.`);
    await this.pages.redirect(reply, `/leros/${lero.id}/members`);
  }

  /** Give the person a Hearth account of their own, linked to this record (they then see `/me`). */
  @Get(':memberId/invite')
  @SignedIn()
  async inviteForm(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('memberId') memberId: string,
  ): Promise<void> {
    const { lero, member } = await this.member(req, viewer, tenantId, memberId);
    await this.pages.render(req, reply, 'members/invite', {
      lero,
      member,
      values: { email: member.email ?? '' },
      errors: NO_ERRORS,
    });
  }

  @Post(':memberId/invite')
  @SignedInForm()
  async invite(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('tenantId') tenantId: string,
    @uuidParam('memberId') memberId: string,
  ): Promise<void> {
    const { lero, member } = await this.member(req, viewer, tenantId, memberId);
    const email = field(req.body, 'email');
    const errors = new FormErrors();
    if (!email) errors.add('email', 'Enter their email address');
    else if (!isEmail(email))
      errors.add('email', 'Enter an email address in the correct format, like name@example.org');
    let status = 400;
    if (errors.ok) {
      try {
        const invitation = await this.calls(req, viewer).inviteToTenant(lero.id, {
          email,
          role: 'member',
          memberId: member.id,
        });
        session(req).set('invitation', {
          placeId: lero.id,
          placeName: lero.name,
          email: invitation.email,
          role: invitation.role,
          url: `${this.pages.origin(req)}/invitations/accept?token=${encodeURIComponent(invitation.token)}`,
          expiresAt: invitation.expiresAt,
        });
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

  private calls(req: WebRequest, viewer: Viewer): HearthApiCalls {
    return this.api.for(callContext(req, viewer.accessToken));
  }

  /** The LERO (for its staff) and one of its members; an unknown or erased member is a 404. */
  private async member(req: WebRequest, viewer: Viewer, tenantId: string, memberId: string) {
    const calls = this.calls(req, viewer);
    const lero = await leroFor(calls, viewer, tenantId, 'staff');
    const member = await calls.member(lero.id, memberId);
    return { lero, member, calls };
  }

  private flash(req: WebRequest, title: string, text: string): void {
    session(req).set('flash', { success: { title, text } });
  }

  /** Leaving someone who has just left (another tab, a double post) is not an error to show. */
  private async tolerate409(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 409) throw err;
    }
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
        action: member ? `/leros/${lero.id}/members/${member.id}/edit` : `/leros/${lero.id}/members`,
        backHref: member ? `/leros/${lero.id}/members/${member.id}` : `/leros/${lero.id}/members`,
        values,
        roleItems: checkboxItems('communityRoles', roleChoices(), values.communityRoles),
        consentItems: checkboxItems('consents', consentChoices(), values.consents),
        contactItems: contactItems(values.preferredContact),
        errors,
      },
      status,
    );
  }

  private async renderConsents(
    req: WebRequest,
    reply: FastifyReply,
    viewer: Viewer,
    calls: HearthApiCalls,
    lero: TenantView,
    member: MemberView,
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

/** `hearth-data-jo-bloggs-2027-01-05.json` */
export const exportFilename = (displayName: string, exportedAt: string) =>
  `hearth-data-${slugify(displayName) || 'member'}-${exportedAt.slice(0, 10)}.json`;
