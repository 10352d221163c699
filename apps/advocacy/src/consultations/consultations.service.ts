import { Injectable } from '@nestjs/common';
import { uuidv7 } from 'uuidv7';
import {
  AdvocacyEvents,
  MIN_RESULTS_THRESHOLD,
  notFound,
  type ConsultationAudience,
  type ConsultationStatus,
  type ConsultationView,
  type CreateConsultationDto,
  type ListConsultationsQuery,
  type Page,
  type PublishedTextsView,
  type QuestionView,
  type ResultsView,
  type UpdateConsultationDto,
} from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import { decodeCursor, encodeCursor, type TenantTransaction } from '@hearth/persistence';
import { AdvocacyDatabase } from '../advocacy-database';
import { checkAudience, checkTimes, questionsOf } from './consultation-rules';
import { consultationView } from './consultation.view';
import { invalidField, notDraft, resultsNotShown } from './consultations.exception';
import {
  ConsultationsRepository,
  type ConsultationFields,
  type ConsultationRow,
  type Owner,
} from './consultations.repository';
import { AnswerBatch } from './answer-batch.service';
import { ClosingsRepository } from './closings.repository';
import { resultsView } from './results.util';

const DEFAULT_PAGE = 50;

/**
 * The rules of consultations, the same for a LERO's and a region's: the caller's gate has said whose (`Owner`, made
 * from a checked `TenantId` or `RegionId`) and what they may do. Draft → open → closed; questions freeze at open.
 */
@Injectable()
export class ConsultationsService {
  constructor(
    private readonly db: AdvocacyDatabase,
    private readonly repo: ConsultationsRepository,
    private readonly batch: AnswerBatch,
    private readonly closings: ClosingsRepository,
  ) {}

  /** A transaction whose row-level security is the owner's. */
  transact<T>(owner: Owner, work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    return owner.kind === 'lero'
      ? this.db.transactInTenant(owner.id, work)
      : this.db.transactInRegion(owner.id, work);
  }

  create(owner: Owner, dto: CreateConsultationDto): Promise<ConsultationView> {
    const fields = fieldsOf(owner, dto);
    return this.transact(owner, async (tx) =>
      consultationView(await this.repo.insert(tx, owner, uuidv7(), fields)),
    );
  }

  async list(owner: Owner, q: ListConsultationsQuery, onlyOpen: boolean): Promise<Page<ConsultationView>> {
    if (onlyOpen && q.status && q.status !== 'open') return { items: [], nextCursor: null };
    const limit = q.limit ?? DEFAULT_PAGE;
    const afterId = q.cursor ? decodeCursor(q.cursor) : undefined;
    const statuses: ConsultationStatus[] | undefined = onlyOpen
      ? ['open']
      : q.status
        ? [q.status]
        : undefined;
    return pageOf(
      await this.transact(owner, (tx) => this.repo.page(tx, [owner], { statuses, afterId, limit })),
      limit,
    );
  }

  /**
   * What a member of the LERO may answer (ADR 0067): its open consultations, and its region's open ones asked of
   * the region's LEROs or of the public, in one list by id. Each read in its owner's own transaction.
   */
  async listOpenForMember(
    lero: Owner,
    region: Owner,
    q: ListConsultationsQuery,
  ): Promise<Page<ConsultationView>> {
    if (q.status && q.status !== 'open') return { items: [], nextCursor: null };
    const limit = q.limit ?? DEFAULT_PAGE;
    const f = { statuses: ['open' as const], afterId: q.cursor ? decodeCursor(q.cursor) : undefined, limit };
    const [own, regions] = await Promise.all([
      this.transact(lero, (tx) => this.repo.page(tx, [lero], f)),
      this.transact(region, (tx) => this.repo.page(tx, [region], { ...f, audiences: ['region', 'public'] })),
    ]);
    return pageOf(
      [...own, ...regions].sort((x, y) => (x.id < y.id ? -1 : 1)),
      limit,
    );
  }

  /** The owner's consultation; `visible` says whether this caller may see it (else 404, as a missing one). */
  async get(
    owner: Owner,
    id: string,
    visible: (c: { status: ConsultationStatus; audience: ConsultationAudience }) => boolean,
  ): Promise<ConsultationView> {
    const row = await this.transact(owner, (tx) => this.repo.find(tx, id));
    if (!row || !ownedBy(row, owner) || !visible(row)) throw notFound('Consultation');
    return consultationView(row);
  }

  /**
   * A member's read by id (ADR 0067): the LERO's consultation if the id is the LERO's (RLS shows no other), else
   * its region's when open and asked of the region's LEROs or the public; anything else is missing.
   */
  async getForMember(
    lero: Owner,
    regionOfLero: () => Promise<Owner>,
    id: string,
    visible: (c: { status: ConsultationStatus }) => boolean,
  ): Promise<ConsultationView> {
    const own = await this.transact(lero, (tx) => this.repo.find(tx, id));
    if (own) return this.get(lero, id, visible);
    return this.get(await regionOfLero(), id, (c) => c.status === 'open' && c.audience !== 'members');
  }

  /**
   * A draft's changes; once open or closed, only `public` sent alone (whether it shows on the public page once
   * closed: staff may decide that after seeing how it went), anything else is refused as before.
   */
  update(owner: Owner, id: string, dto: UpdateConsultationDto): Promise<ConsultationView> {
    return this.transact(owner, async (tx) => {
      const row = await this.locked(tx, owner, id);
      if (row.status !== 'draft') {
        if (
          dto.public === undefined ||
          Object.entries(dto).some(([k, v]) => k !== 'public' && v !== undefined)
        )
          throw notDraft();
        return consultationView(await this.repo.setPublic(tx, id, dto.public));
      }
      const merged: CreateConsultationDto = {
        title: dto.title ?? row.title,
        purpose: dto.purpose ?? row.purpose,
        askedBy: dto.askedBy ?? row.asked_by,
        useOfAnswers: dto.useOfAnswers ?? row.use_of_answers,
        opensAt: dto.opensAt ?? new Date(row.opens_at).toISOString(),
        closesAt: dto.closesAt ?? new Date(row.closes_at).toISOString(),
        audience: dto.audience ?? row.audience,
        public: dto.public ?? row.public,
        resultsThreshold: dto.resultsThreshold ?? row.results_threshold,
        questions: dto.questions ?? row.questions.map(asInput),
        aboutYou:
          dto.aboutYou ??
          row.about_you.map((q) => ({ kind: 'single' as const, text: q.text, options: q.options })),
      };
      return consultationView(await this.repo.update(tx, id, fieldsOf(owner, merged)));
    });
  }

  /** Opens a draft: its questions freeze, members may respond; its closing is queued for the sweep. */
  open(owner: Owner, id: string): Promise<ConsultationView> {
    return this.transact(owner, async (tx) => {
      const row = await this.locked(tx, owner, id);
      if (row.status !== 'draft') throw notDraft();
      const opened = await this.repo.setStatus(tx, id, 'open');
      await this.closings.queue(tx, opened);
      await tx.run(this.event(tx, opened, AdvocacyEvents.consultationOpened));
      return consultationView(opened);
    });
  }

  /** Closes an open consultation, then writes every answer still waiting as one last batch: the final results. */
  async close(owner: Owner, id: string): Promise<ConsultationView> {
    const closed = await this.transact(owner, async (tx) => {
      const row = await this.locked(tx, owner, id);
      if (row.status !== 'open') throw invalidField('status', 'only an open consultation can be closed');
      return this.closeLocked(tx, row);
    });
    await this.batch.flush(owner, id, { final: true });
    return consultationView(closed);
  }

  /**
   * The sweep's close of a consultation whose `closesAt` passed (ADR 0067): only if its queued closing is still
   * there and it is still open, so that it is closed, and announced, once. Whether this call closed it.
   */
  async closeWhenDue(owner: Owner, id: string): Promise<boolean> {
    const closed = await this.transact(owner, async (tx) => {
      const row = await this.repo.find(tx, id, 'update');
      if (!row || !ownedBy(row, owner) || row.status !== 'open') {
        await this.closings.take(tx, id);
        return false;
      }
      await this.closeLocked(tx, row);
      return true;
    });
    if (closed) await this.batch.flush(owner, id, { final: true });
    return closed;
  }

  /** Open → closed in the caller's transaction (the row locked): its queued closing taken, the event sent. */
  private async closeLocked(tx: TenantTransaction, row: ConsultationRow): Promise<ConsultationRow> {
    const done = await this.repo.setStatus(tx, row.id, 'closed');
    await this.closings.take(tx, row.id);
    await tx.run(this.event(tx, done, AdvocacyEvents.consultationClosed));
    return done;
  }

  async results(owner: Owner, id: string, opts: { texts: boolean; by?: string }): Promise<ResultsView> {
    let row = await this.transact(owner, (tx) => this.repo.find(tx, id));
    if (!row || !ownedBy(row, owner)) throw notFound('Consultation');
    if (row.status === 'closed') {
      // A close whose last batch did not get written (the process stopped in between) is finished here.
      await this.batch.flush(owner, id, { final: true });
      row = (await this.transact(owner, (tx) => this.repo.find(tx, id))) ?? row;
    }
    if (opts.by && !row.about_you.some((q) => q.key === opts.by))
      throw invalidField('by', `${opts.by} is not an "about you" question of this consultation`);
    return resultsView(
      {
        consultationId: row.id,
        status: row.status,
        threshold: row.results_threshold,
        questions: row.questions,
        aboutYou: row.about_you,
        snapshot: row.snapshot,
        published: row.published_texts ?? {},
      },
      opts,
    );
  }

  /**
   * Publishes a free-text question's answers as a staff member reviewed and edited them (ADR 0067): the whole list,
   * replacing the last; only once the results are shown, so nothing is published of fewer than k responses.
   */
  publishTexts(owner: Owner, id: string, question: string, texts: string[]): Promise<PublishedTextsView> {
    return this.transact(owner, async (tx) => {
      const row = await this.locked(tx, owner, id);
      if (!row.questions.some((q) => q.key === question && q.kind === 'text'))
        throw invalidField('question', `${question} is not a free-text question of this consultation`);
      const kept = texts.map((t, i) => {
        if (!t.trim()) throw invalidField(`texts[${i}]`, 'is empty');
        return t.trim();
      });
      if (!row.snapshot || row.snapshot.counted < row.results_threshold) throw resultsNotShown();
      await this.repo.setPublished(tx, id, question, kept);
      return { consultationId: id, question, texts: kept };
    });
  }

  private async locked(tx: TenantTransaction, owner: Owner, id: string): Promise<ConsultationRow> {
    const row = await this.repo.find(tx, id, 'update');
    if (!row || !ownedBy(row, owner)) throw notFound('Consultation');
    return row;
  }

  private event(
    tx: TenantTransaction,
    c: ConsultationRow,
    subject: (typeof AdvocacyEvents)[keyof typeof AdvocacyEvents],
  ) {
    return eventStatement(
      tx,
      'advocacy',
      subject,
      { tenantId: c.tenant_id, regionId: c.region_id, consultationId: c.id, audience: c.audience },
      c.tenant_id,
    );
  }
}

/** A page of rows read one past `limit`: the first `limit`, and a cursor when there are more. */
function pageOf(rows: ConsultationRow[], limit: number): Page<ConsultationView> {
  const items = rows.slice(0, limit).map(consultationView);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** A kept question as the create body gives it (a scale's points and a text's none are not options). */
const asInput = (q: QuestionView) => ({
  kind: q.kind,
  text: q.text,
  ...(q.kind === 'single' || q.kind === 'multiple' ? { options: q.options } : {}),
});

const ownedBy = (row: ConsultationRow, owner: Owner) =>
  owner.kind === 'lero' ? row.tenant_id === owner.id : row.region_id === owner.id;

function fieldsOf(owner: Owner, dto: CreateConsultationDto): ConsultationFields {
  checkAudience(owner.kind, dto.audience);
  const opensAt = new Date(dto.opensAt);
  const closesAt = new Date(dto.closesAt);
  checkTimes(opensAt, closesAt);
  return {
    title: dto.title.trim(),
    purpose: dto.purpose.trim(),
    askedBy: dto.askedBy.trim(),
    useOfAnswers: dto.useOfAnswers.trim(),
    opensAt,
    closesAt,
    audience: dto.audience,
    // Left out: only a public-link consultation shows once closed; the others only when their staff say so.
    public: dto.public ?? dto.audience === 'public',
    resultsThreshold: Math.max(MIN_RESULTS_THRESHOLD, dto.resultsThreshold ?? MIN_RESULTS_THRESHOLD),
    questions: questionsOf(dto.questions, 'q', 'questions'),
    aboutYou: questionsOf(dto.aboutYou ?? [], 'a', 'aboutYou'),
  };
}
