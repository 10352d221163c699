import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { RoleView, ShiftView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, field, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { flash } from '../session/web-session';
import { formFromShift, movesTimes, shiftChanges } from './shift-edit';
import {
  SHIFT_ANCHORS,
  SHIFT_API_IDS,
  SHIFT_FIELDS,
  SHIFT_LABELS,
  emptyShiftForm,
  readShiftForm,
  shiftFormChoices,
  shiftRequest,
  type ShiftFormValues,
} from './shift-form';
import { Volunteering, shiftCard, type VolunteeringPage } from './volunteering-page';

/**
 * A role's shifts, for the LERO's admins and coordinators: add one (once or repeating), change one, cancel one
 * (ADR 0059).
 */
@WebController('leros/:tenantId/volunteering')
export class VolunteeringShiftsController {
  constructor(private readonly pages: Pages) {}

  @Get('roles/:roleId/shifts/new')
  @SignedIn()
  async newShift(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('roleId') roleId: string,
  ) {
    const role = await page.vol.role(page.lero.id, roleId);
    await this.renderForm(req, reply, page, role, emptyShiftForm(), NO_ERRORS);
  }

  @Post('roles/:roleId/shifts')
  @SignedInForm()
  async create(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('roleId') roleId: string,
  ) {
    const role = await page.vol.role(page.lero.id, roleId);
    const values = readShiftForm(req.body);
    const errors = new FormErrors();
    const dto = shiftRequest(values, errors);
    if (dto) {
      try {
        const shift = shiftCard(await page.vol.createShift(page.lero.id, role.id, dto));
        flash(req, `A shift is added to ${role.title}`, `${shift.when}, ${shift.detail}.`);
        return this.pages.redirect(reply, `${page.base}/roles/${role.id}`);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
        errors.fromApi(err, SHIFT_LABELS, 'startDate', SHIFT_API_IDS);
      }
    }
    await this.renderForm(req, reply, page, role, values, errors.view(SHIFT_FIELDS, SHIFT_ANCHORS), 400);
  }

  @Get('shifts/:shiftId/edit')
  @SignedIn()
  async edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('shiftId') shiftId: string,
  ) {
    const { shift, role } = await this.shiftOf(page, shiftId);
    const form = formFromShift(shift);
    await this.renderForm(req, reply, page, role, form.values, NO_ERRORS, 200, shift);
  }

  @Post('shifts/:shiftId/edit')
  @SignedInForm()
  async change(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('shiftId') shiftId: string,
  ) {
    const { shift, role } = await this.shiftOf(page, shiftId);
    const values = readShiftForm(req.body);
    const errors = new FormErrors();
    const changes = shiftChanges(formFromShift(shift), values, errors);
    const href = `${page.base}/roles/${role.id}`;
    let status = 400;
    if (changes && Object.keys(changes).length === 0) {
      flash(req, 'Nothing was changed', 'The shift is as it was.');
      return this.pages.redirect(reply, href);
    }
    if (changes) {
      try {
        const changed = shiftCard(await page.vol.changeShift(page.lero.id, shift.id, changes));
        flash(
          req,
          'The shift is changed',
          movesTimes(changes)
            ? `${changed.when}, ${changed.detail}. Anyone already signed up keeps their place on the old date and ` +
                'time: tell them, and ask them to sign up again.'
            : `${changed.when}, ${changed.detail}.`,
        );
        return this.pages.redirect(reply, href);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
        status = err.status;
        errors.fromApi(err, SHIFT_LABELS, 'startDate', SHIFT_API_IDS);
      }
    }
    await this.renderForm(
      req,
      reply,
      page,
      role,
      values,
      errors.view(SHIFT_FIELDS, SHIFT_ANCHORS),
      status,
      shift,
    );
  }

  @Get('shifts/:shiftId/cancel')
  @SignedIn()
  async confirmCancel(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('shiftId') shiftId: string,
  ) {
    const { shift, role } = await this.shiftOf(page, shiftId);
    await this.pages.render(req, reply, 'volunteering/cancel-shift', {
      lero: page.lero,
      base: page.base,
      role,
      shift: shiftCard(shift),
    });
  }

  @Post('shifts/:shiftId/cancel')
  @SignedInForm()
  async cancel(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('shiftId') shiftId: string,
  ) {
    const reason = field(req.body, 'reason').slice(0, 500);
    const shift = await page.vol.cancelShift(page.lero.id, shiftId, reason || undefined);
    flash(req, 'The shift is cancelled', `${shiftCard(shift).when}: nobody can sign up to it any more.`);
    await this.pages.redirect(reply, `${page.base}/roles/${shift.roleId}`);
  }

  /** The shift and its role (a shift of another LERO answers as a missing one). */
  private async shiftOf(page: VolunteeringPage, shiftId: string) {
    const shift = await page.vol.shift(page.lero.id, shiftId);
    return { shift, role: await page.vol.role(page.lero.id, shift.roleId) };
  }

  private renderForm(
    req: WebRequest,
    reply: FastifyReply,
    page: VolunteeringPage,
    role: RoleView,
    values: ShiftFormValues,
    errors: FormView,
    status = 200,
    editing?: ShiftView,
  ) {
    const form = editing ? formFromShift(editing) : undefined;
    return this.pages.render(
      req,
      reply,
      'volunteering/shift-form',
      {
        lero: page.lero,
        base: page.base,
        role,
        values,
        errors,
        ...shiftFormChoices(values, errors, form?.keptDuration),
        editing: editing && {
          id: editing.id,
          when: shiftCard(editing).when,
          cancelled: editing.status === 'cancelled',
          customRule: form?.customRule,
        },
      },
      status,
    );
  }
}
