import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SHIFT_DATE } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { field } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { looksLikeUuid } from '../http/params';
import { longDate } from '../http/time';
import { WebController } from '../http/web-controller';
import { PageForbidden, PageNotFound } from '../http/web-errors';
import { memberIdIn } from '../navigation/navigation';
import { flash } from '../session/web-session';
import { myShiftCard, myShiftsRange } from './my-shifts';
import { Volunteering, volunteerMemberId, type VolunteeringPage } from './volunteering-page';

/**
 * "My shifts" (ADR 0061): the coming dates the viewer's own member record is on or waiting for, soonest first, each
 * with "Cancel my place" (a plain form, then back here). Anyone in the LERO may look: an account with no member
 * record has none, as the API answers (ADR 0055).
 */
@WebController('leros/:tenantId/volunteering/my-shifts')
export class VolunteeringMyShiftsController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async mine(@Req() req: WebRequest, @Res() reply: FastifyReply, @Volunteering() page: VolunteeringPage) {
    const { lero, vol, base } = page;
    const range = myShiftsRange();
    const [list, volunteerId] = await Promise.all([vol.myShifts(lero.id, range), volunteerMemberId(page)]);
    const open = await openRoleIds(
      page,
      list.items.map((s) => s.roleId),
    );
    await this.pages.render(req, reply, 'volunteering/my-shifts', {
      lero,
      base,
      isVolunteer: !!volunteerId,
      until: longDate(`${list.to}T12:00:00Z`),
      shifts: list.items.map((s) => myShiftCard(s, open)),
    });
  }

  @Post('cancel')
  @SignedInForm()
  async cancel(@Req() req: WebRequest, @Res() reply: FastifyReply, @Volunteering() page: VolunteeringPage) {
    const { lero, vol, base } = page;
    const shiftId = field(req.body, 'shiftId');
    const date = field(req.body, 'date');
    if (!looksLikeUuid(shiftId) || !SHIFT_DATE.test(date)) throw new PageNotFound();
    const memberId = memberIdIn(page.viewer, lero.id);
    if (!memberId) throw new PageForbidden();
    try {
      const cancelled = await vol.cancelSignup(lero.id, shiftId, memberId, date);
      flash(
        req,
        'Your place is cancelled',
        cancelled.late
          ? 'Thank you for saying. The place goes to the first on the waiting list, if anyone is waiting.'
          : 'The place goes to the first on the waiting list, if anyone is waiting.',
      );
    } catch (err) {
      // Already cancelled (another tab) on a shift of this LERO: the result is what they asked for. Anything the
      // viewer cannot read (another LERO's shift, a missing one) stays the API's 404.
      if (!(err instanceof ApiError) || err.status !== 404) throw err;
      await vol.shift(lero.id, shiftId);
    }
    await this.pages.redirect(reply, `${base}/my-shifts`);
  }
}

/**
 * Which of these roles are open as the viewer sees them: the open roles' first page, then any other one by one
 * (a volunteer cannot read a closed role; staff can, and see its status).
 */
async function openRoleIds(page: VolunteeringPage, roleIds: string[]): Promise<Set<string>> {
  const wanted = new Set(roleIds);
  const open = new Set<string>();
  if (wanted.size === 0) return open;
  for (const r of (await page.vol.roles(page.lero.id, { status: 'open' })).items)
    if (wanted.has(r.id)) open.add(r.id);
  await Promise.all(
    [...wanted]
      .filter((id) => !open.has(id))
      .map((id) =>
        page.vol.role(page.lero.id, id).then(
          (r) => (r.status === 'open' ? open.add(id) : undefined),
          () => undefined,
        ),
      ),
  );
  return open;
}
