import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { MemberView, TrainingRecordView, TrainingView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { cursorOf } from '../directory/curator-view';
import { FormErrors, NO_ERRORS, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { longDate } from '../http/time';
import { WebController } from '../http/web-controller';
import { PageNotFound } from '../http/web-errors';
import { flash } from '../session/web-session';
import {
  HOW_WORDS,
  RECORD_ANCHORS,
  RECORD_FIELDS,
  RECORD_LABELS,
  readRecordForm,
  recordFormChoices,
  recordFormFrom,
  recordRequest,
  type RecordFormValues,
} from './training-forms';
import { credentialRow } from './passport-staff';
import { KIND_WORDS, Volunteering, pager, type VolunteeringPage } from './volunteering-page';

const day = (date: string) => longDate(`${date}T12:00:00Z`);

/**
 * The LERO's volunteers (names asked of membership, never kept by volunteering) and each one's training and check
 * records: record, correct, remove (ADR 0059). Staff only; a record holds the item, dates and how it was verified.
 */
@WebController('leros/:tenantId/volunteering/volunteers')
export class VolunteeringRecordsController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async volunteers(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @Query('cursor') cursor?: unknown,
  ) {
    const after = cursorOf(cursor);
    const list = await page.calls.members(page.lero.id, {
      communityRole: 'volunteer',
      status: 'active',
      sort: 'name',
      limit: 100,
      cursor: after,
    });
    await this.pages.render(req, reply, 'volunteering/volunteers', {
      lero: page.lero,
      base: page.base,
      volunteers: (list.items as MemberView[]).map((m) => ({ id: m.id, name: m.displayName })),
      ...pager(`${page.base}/volunteers`, list.nextCursor, after),
    });
  }

  @Get(':memberId')
  @SignedIn()
  async records(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('memberId') memberId: string,
  ) {
    await this.render(req, reply, page, memberId, recordFormFrom(), NO_ERRORS);
  }

  @Post(':memberId/training')
  @SignedInForm()
  async record(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('memberId') memberId: string,
  ) {
    const values = readRecordForm(req.body);
    const errors = new FormErrors();
    const dto = recordRequest(values, errors);
    let status = 400;
    if (dto) {
      try {
        const record = await page.vol.record(page.lero.id, memberId, dto);
        flash(req, `${record.name} is recorded`, expiryWords(record));
        return this.pages.redirect(reply, `${page.base}/volunteers/${memberId}`);
      } catch (err) {
        if (!(err instanceof ApiError) || ![400, 409].includes(err.status)) throw err;
        status = err.status;
        errors.fromApi(err, RECORD_LABELS, 'trainingId');
      }
    }
    await this.render(req, reply, page, memberId, values, errors.view(RECORD_FIELDS, RECORD_ANCHORS), status);
  }

  @Get(':memberId/training/:recordId/edit')
  @SignedIn()
  async edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('memberId') memberId: string,
    @uuidParam('recordId') recordId: string,
  ) {
    const record = await this.find(page, memberId, recordId);
    await this.render(req, reply, page, memberId, recordFormFrom(record), NO_ERRORS, 200, record);
  }

  @Post(':memberId/training/:recordId/edit')
  @SignedInForm()
  async correct(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('memberId') memberId: string,
    @uuidParam('recordId') recordId: string,
  ) {
    const record = await this.find(page, memberId, recordId);
    const values = readRecordForm(req.body);
    const errors = new FormErrors();
    const dto = recordRequest(values, errors);
    if (dto) {
      try {
        const corrected = await page.vol.correctRecord(page.lero.id, memberId, record.id, dto);
        flash(req, `${corrected.name} is corrected`, expiryWords(corrected));
        return this.pages.redirect(reply, `${page.base}/volunteers/${memberId}`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(err, RECORD_LABELS, 'trainingId');
      }
    }
    await this.render(
      req,
      reply,
      page,
      memberId,
      values,
      errors.view(RECORD_FIELDS, RECORD_ANCHORS),
      400,
      record,
    );
  }

  @Post(':memberId/training/:recordId/remove')
  @SignedInForm()
  async remove(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering('staff') page: VolunteeringPage,
    @uuidParam('memberId') memberId: string,
    @uuidParam('recordId') recordId: string,
  ) {
    const record = await this.find(page, memberId, recordId);
    await page.vol.removeRecord(page.lero.id, memberId, record.id);
    flash(req, `${record.name} is removed`, 'It no longer counts for sign-ups.');
    await this.pages.redirect(reply, `${page.base}/volunteers/${memberId}`);
  }

  private async find(
    page: VolunteeringPage,
    memberId: string,
    recordId: string,
  ): Promise<TrainingRecordView> {
    const record = (await page.vol.records(page.lero.id, memberId)).items.find((r) => r.id === recordId);
    if (!record) throw new PageNotFound();
    return record;
  }

  private async render(
    req: WebRequest,
    reply: FastifyReply,
    page: VolunteeringPage,
    memberId: string,
    values: RecordFormValues,
    errors: FormView,
    status = 200,
    editing?: TrainingRecordView,
  ) {
    const { lero, vol, calls, base } = page;
    const [member, records, catalogue, credentials] = await Promise.all([
      calls.member(lero.id, memberId),
      vol.records(lero.id, memberId),
      vol.training(lero.id),
      editing ? undefined : vol.credentials(lero.id, memberId),
    ]);
    await this.pages.render(
      req,
      reply,
      editing ? 'volunteering/record-edit' : 'volunteering/records',
      {
        lero,
        base,
        member: { id: member.id, name: member.displayName },
        records: records.items.map((r) => ({
          id: r.id,
          name: r.name,
          kind: KIND_WORDS[r.kind],
          completed: day(r.completedOn),
          expires: r.expiresOn ? day(r.expiresOn) : 'Never',
          expired: r.status === 'expired',
          how: HOW_WORDS[r.how],
        })),
        editing: editing ? { id: editing.id, name: editing.name } : undefined,
        credentials: credentials?.items.map(credentialRow) ?? [],
        hasCatalogue: catalogue.items.length > 0,
        values,
        errors,
        ...recordFormChoices(values, errors, catalogue.items as TrainingView[]),
      },
      status,
    );
  }
}

const expiryWords = (r: TrainingRecordView) =>
  r.expiresOn ? `It is valid until the day before ${day(r.expiresOn)}.` : 'It does not expire.';
