import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { RoleView, TrainingView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { cursorOf } from '../directory/curator-view';
import { FormErrors, NO_ERRORS, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { PageNotFound } from '../http/web-errors';
import { flash } from '../session/web-session';
import { memberIdIn } from '../navigation/navigation';
import { interestsView } from './interest-view';
import {
  ROLE_FIELDS,
  ROLE_LABELS,
  emptyRoleForm,
  readRoleForm,
  requirementItems,
  roleFormFrom,
  roleRequest,
  type RoleFormValues,
} from './role-form';
import {
  KIND_WORDS,
  Volunteering,
  pager,
  shiftCard,
  volunteerMemberId,
  type VolunteeringPage,
} from './volunteering-page';

/**
 * A LERO's volunteering roles: everyone in the LERO reads the open ones (a volunteer signs up to their shifts);
 * its admins and coordinators create, change, close and reopen them (ADR 0059).
 */
@WebController('leros/:tenantId/volunteering')
export class VolunteeringRolesController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async home(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering() page: VolunteeringPage,
    @Query('cursor') cursor?: unknown,
  ) {
    const { lero, vol, staff, base } = page;
    const after = cursorOf(cursor);
    const [roles, volunteerId] = await Promise.all([
      vol.roles(lero.id, { cursor: after }),
      volunteerMemberId(page),
    ]);
    const summary = (r: RoleView) => ({
      id: r.id,
      title: r.title,
      where: r.where,
      public: r.visibility === 'public',
      needs: r.requirements.map((q) => q.name).join(', '),
    });
    await this.pages.render(req, reply, 'volunteering/home', {
      lero,
      staff,
      base,
      isVolunteer: !!volunteerId,
      open: roles.items.filter((r) => r.status === 'open').map(summary),
      closed: roles.items.filter((r) => r.status === 'closed').map(summary),
      ...pager(base, roles.nextCursor, after),
    });
  }

  @Get('roles/new')
  @SignedIn()
  async newRole(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
  ) {
    await this.renderForm(req, reply, page, await this.catalogue(page), emptyRoleForm(), NO_ERRORS);
  }

  @Post('roles')
  @SignedInForm()
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
  ) {
    const values = readRoleForm(req.body);
    const errors = new FormErrors();
    const dto = roleRequest(values, errors);
    if (dto) {
      try {
        const role = await page.vol.createRole(page.lero.id, dto);
        flash(
          req,
          `${role.title} is open`,
          'Add its shifts: when volunteers are needed, where and how many.',
        );
        return this.pages.redirect(reply, `${page.base}/roles/${role.id}`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(err, ROLE_LABELS, 'title');
      }
    }
    await this.renderForm(
      req,
      reply,
      page,
      await this.catalogue(page),
      values,
      errors.view(ROLE_FIELDS),
      400,
    );
  }

  @Get('roles/:roleId')
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering() page: VolunteeringPage,
    @uuidParam('roleId') roleId: string,
    @Query('cursor') cursor?: unknown,
  ) {
    const { lero, vol, staff, base } = page;
    const after = cursorOf(cursor);
    const linked = !!memberIdIn(page.viewer, lero.id);
    const [role, shifts, volunteerId, myInterests, interests] = await Promise.all([
      vol.role(lero.id, roleId),
      vol.shifts(lero.id, roleId, after),
      volunteerMemberId(page),
      linked ? vol.myInterests(lero.id) : undefined,
      staff ? vol.roleInterests(lero.id, roleId) : undefined,
    ]);
    const cards = shifts.items.map(shiftCard);
    // A volunteer sees where they stand on each coming date (the API shows them only themselves).
    const mine = new Map<string, string>();
    if (volunteerId && role.status === 'open')
      await Promise.all(
        cards.flatMap((s) =>
          s.next.map(async (o) => {
            const list = await vol.signups(lero.id, s.id, o.date);
            const own = list.items.find((i) => i.memberId === volunteerId);
            if (own) mine.set(`${s.id}/${o.date}`, own.status);
          }),
        ),
      );
    await this.pages.render(req, reply, 'volunteering/role', {
      lero,
      staff,
      base,
      volunteerId,
      role: {
        ...role,
        requirements: role.requirements.map((q) => ({ name: q.name, kind: KIND_WORDS[q.kind] })),
        open: role.status === 'open',
      },
      // "I'm interested" for anyone linked to a member record (ADR 0063); the interested people for staff.
      interest: linked
        ? { open: myInterests?.items.some((i) => i.roleId === role.id && i.status === 'open') ?? false }
        : undefined,
      interests: interests && interestsView(interests),
      shifts: cards.map((s) => ({
        ...s,
        next: s.next.map((o) => ({ ...o, mine: mine.get(`${s.id}/${o.date}`) })),
      })),
      ...pager(`${base}/roles/${role.id}`, shifts.nextCursor, after),
    });
  }

  @Get('roles/:roleId/edit')
  @SignedIn()
  async edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('roleId') roleId: string,
  ) {
    const [role, catalogue] = await Promise.all([page.vol.role(page.lero.id, roleId), this.catalogue(page)]);
    await this.renderForm(req, reply, page, catalogue, roleFormFrom(role), NO_ERRORS, 200, role);
  }

  @Post('roles/:roleId/edit')
  @SignedInForm()
  async change(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('roleId') roleId: string,
  ) {
    const role = await page.vol.role(page.lero.id, roleId);
    const values = readRoleForm(req.body);
    const errors = new FormErrors();
    const dto = roleRequest(values, errors);
    if (dto) {
      try {
        const { status: _keep, ...changes } = dto;
        const changed = await page.vol.changeRole(page.lero.id, role.id, changes);
        flash(req, `${changed.title} is changed`, 'Volunteers see the change at once.');
        return this.pages.redirect(reply, `${page.base}/roles/${role.id}`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(err, ROLE_LABELS, 'title');
      }
    }
    const catalogue = await this.catalogue(page);
    await this.renderForm(req, reply, page, catalogue, values, errors.view(ROLE_FIELDS), 400, role);
  }

  /** Close (no longer shown to volunteers and members, nobody signs up) or reopen a role. */
  @Post('roles/:roleId/:change')
  @SignedInForm()
  async closeOrReopen(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('roleId') roleId: string,
    @Param('change') change: string,
  ) {
    if (change !== 'close' && change !== 'reopen') throw new PageNotFound();
    const role = await page.vol.changeRole(page.lero.id, roleId, {
      status: change === 'close' ? 'closed' : 'open',
    });
    flash(
      req,
      change === 'close' ? `${role.title} is closed` : `${role.title} is open again`,
      change === 'close'
        ? 'Volunteers and members no longer see it, and nobody can sign up to its shifts.'
        : 'Volunteers and members see it again and can sign up to its shifts.',
    );
    await this.pages.redirect(reply, `${page.base}/roles/${role.id}`);
  }

  private async catalogue(page: VolunteeringPage): Promise<TrainingView[]> {
    return (await page.vol.training(page.lero.id)).items;
  }

  private renderForm(
    req: WebRequest,
    reply: FastifyReply,
    page: VolunteeringPage,
    catalogue: TrainingView[],
    values: RoleFormValues,
    errors: FormView,
    status = 200,
    editing?: RoleView,
  ) {
    return this.pages.render(
      req,
      reply,
      'volunteering/role-form',
      {
        lero: page.lero,
        base: page.base,
        values,
        errors,
        editing: editing ? { id: editing.id, title: editing.title } : undefined,
        requirementItems: requirementItems(catalogue, values.requirementIds),
      },
      status,
    );
  }
}
