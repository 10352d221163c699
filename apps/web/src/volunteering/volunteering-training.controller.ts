import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ExpiryView, MemberView, TrainingView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { longDate } from '../http/time';
import { WebController } from '../http/web-controller';
import { PageNotFound } from '../http/web-errors';
import { flash } from '../session/web-session';
import {
  TRAINING_FIELDS,
  TRAINING_LABELS,
  readTrainingForm,
  trainingFormFrom,
  trainingRequest,
  type TrainingFormValues,
} from './training-forms';
import { KIND_WORDS, Volunteering, type VolunteeringPage } from './volunteering-page';

const validity = (t: TrainingView) =>
  t.validityMonths ? `${t.validityMonths} ${t.validityMonths === 1 ? 'month' : 'months'}` : 'Never expires';

/**
 * The LERO's catalogue of training and checks (add, change) and the coordinators' list of records expiring in the
 * next 30 days and expired (ADR 0059). Staff only.
 */
@WebController('leros/:tenantId/volunteering')
export class VolunteeringTrainingController {
  constructor(private readonly pages: Pages) {}

  @Get('training')
  @SignedIn()
  async catalogue(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
  ) {
    await this.renderCatalogue(req, reply, page, trainingFormFrom(), NO_ERRORS);
  }

  @Post('training')
  @SignedInForm()
  async add(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
  ) {
    const values = readTrainingForm(req.body);
    const errors = new FormErrors();
    const dto = trainingRequest(values, errors);
    if (dto) {
      try {
        const item = await page.vol.addTraining(page.lero.id, dto);
        flash(req, `${item.name} is added`, 'Roles can now need it, and you can record it for volunteers.');
        return this.pages.redirect(reply, `${page.base}/training`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(err, TRAINING_LABELS, 'name');
      }
    }
    await this.renderCatalogue(req, reply, page, values, errors.view(TRAINING_FIELDS), 400);
  }

  @Get('training/:trainingId/edit')
  @SignedIn()
  async edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('trainingId') trainingId: string,
  ) {
    const item = await this.item(page, trainingId);
    await this.renderEdit(req, reply, page, item, trainingFormFrom(item), NO_ERRORS);
  }

  @Post('training/:trainingId/edit')
  @SignedInForm()
  async change(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('trainingId') trainingId: string,
  ) {
    const item = await this.item(page, trainingId);
    const values = readTrainingForm(req.body);
    const errors = new FormErrors();
    const dto = trainingRequest(values, errors);
    if (dto) {
      try {
        const changed = await page.vol.changeTraining(page.lero.id, item.id, dto);
        flash(
          req,
          `${changed.name} is changed`,
          'Records already made keep the expiry date they were given.',
        );
        return this.pages.redirect(reply, `${page.base}/training`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(err, TRAINING_LABELS, 'name');
      }
    }
    await this.renderEdit(req, reply, page, item, values, errors.view(TRAINING_FIELDS), 400);
  }

  @Get('expiring')
  @SignedIn()
  async expiring(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
  ) {
    const { lero, vol, calls, base } = page;
    const [expiring, expired, volunteers] = await Promise.all([
      vol.expiring(lero.id, 30),
      vol.expired(lero.id),
      calls.members(lero.id, { communityRole: 'volunteer', status: 'active', limit: 100 }),
    ]);
    const names = new Map((volunteers.items as MemberView[]).map((m) => [m.id, m.displayName]));
    const row = (e: ExpiryView) => ({
      name: names.get(e.memberId) ?? 'A volunteer',
      href: `${base}/volunteers/${e.memberId}`,
      item: e.name,
      kind: KIND_WORDS[e.kind],
      on: longDate(`${e.expiresOn}T12:00:00Z`),
    });
    await this.pages.render(req, reply, 'volunteering/expiring', {
      lero,
      base,
      expiring: expiring.items.map(row),
      expired: expired.items.map(row),
    });
  }

  private async item(page: VolunteeringPage, trainingId: string): Promise<TrainingView> {
    const item = (await page.vol.training(page.lero.id)).items.find((t) => t.id === trainingId);
    if (!item) throw new PageNotFound();
    return item;
  }

  private async renderCatalogue(
    req: WebRequest,
    reply: FastifyReply,
    page: VolunteeringPage,
    values: TrainingFormValues,
    errors: FormView,
    status = 200,
  ) {
    const items = (await page.vol.training(page.lero.id)).items;
    await this.pages.render(
      req,
      reply,
      'volunteering/training',
      {
        lero: page.lero,
        base: page.base,
        items: items.map((t) => ({
          id: t.id,
          name: t.name,
          kind: KIND_WORDS[t.kind],
          validity: validity(t),
        })),
        values,
        errors,
      },
      status,
    );
  }

  private renderEdit(
    req: WebRequest,
    reply: FastifyReply,
    page: VolunteeringPage,
    item: TrainingView,
    values: TrainingFormValues,
    errors: FormView,
    status = 200,
  ) {
    return this.pages.render(
      req,
      reply,
      'volunteering/training-edit',
      { lero: page.lero, base: page.base, item, values, errors },
      status,
    );
  }
}
