import { Injectable } from '@nestjs/common';
import { uuidv7 } from 'uuidv7';
import {
  AdvocacyEvents,
  notFound,
  type AskSourceDto,
  type AskUpdateDto,
  type AskConsultationsView,
  type AskView,
  type CreateAskDto,
  type ListAsksQuery,
  type Page,
  type UpdateAskDto,
} from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import { decodeCursor, encodeCursor, type TenantTransaction } from '@hearth/persistence';
import { AdvocacyDatabase } from '../advocacy-database';
import type { Owner } from '../consultations/consultations.repository';
import { invalidField } from '../consultations/consultations.exception';
import { AsksRepository, askOwnedBy, type AskFields, type AskRow } from './asks.repository';
import { askView, timelines } from './ask.view';
import { checkAfter, checkNotFuture, checkTransition } from './ask-rules';

const DEFAULT_PAGE = 50;
/** The most consultations of each owner the ask form offers. */
const MAX_NAMABLE = 100;

/** The region of the LERO whose ask this is, as its gate learnt it. */
type RegionOf = () => Promise<Owner>;

/**
 * The rules of asks (ADR 0065), the same for a LERO's and a region's: the caller's gate has said whose (`Owner`) and
 * what they may do. Each change runs in the owner's transaction (RLS), its event through the outbox in it.
 */
@Injectable()
export class AsksService {
  constructor(
    private readonly db: AdvocacyDatabase,
    private readonly repo: AsksRepository,
  ) {}

  /** A transaction whose row-level security is the owner's. */
  transact<T>(owner: Owner, work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    return owner.kind === 'lero'
      ? this.db.transactInTenant(owner.id, work)
      : this.db.transactInRegion(owner.id, work);
  }

  /** `regionOf`: a LERO's region, asked only when the ask names a consultation that is not the LERO's own. */
  async create(owner: Owner, d: CreateAskDto, regionOf?: RegionOf): Promise<AskView> {
    checkNotFuture('raisedOn', d.raisedOn);
    const source = sourceOf(d.source);
    const ofRegion = await this.namesRegionConsultation(owner, source.consultationId, regionOf);
    return this.transact(owner, async (tx) => {
      const fields = await this.fieldsOf(
        tx,
        owner,
        {
          what: d.what,
          bodyName: d.body.name,
          bodyKind: d.body.kind,
          raisedOn: d.raisedOn,
          public: d.public ?? false,
          ...source,
        },
        ofRegion,
      );
      const first = {
        id: uuidv7(),
        status: 'raised' as const,
        date: d.raisedOn,
        text: d.text?.trim() || null,
      };
      const row = await this.repo.insert(tx, owner, uuidv7(), fields, { ...first, reason: null });
      await tx.run(this.event(tx, row, AdvocacyEvents.askRaised, d.raisedOn));
      return this.view(tx, row);
    });
  }

  /** The consultations an ask of this LERO may name (ADR 0075): its own and its region's, open or closed, latest first. */
  async namableConsultations(lero: Owner, regionOf: RegionOf): Promise<AskConsultationsView> {
    const region = await regionOf();
    const [own, regions] = await Promise.all(
      [lero, region].map((o) => this.transact(o, (tx) => this.repo.namableConsultations(tx, o, MAX_NAMABLE))),
    );
    const of = (owner: 'lero' | 'region') => (c: (typeof own)[number]) => ({
      id: c.id,
      owner,
      title: c.title,
      status: c.status,
      closesAt: new Date(c.closes_at).toISOString(),
    });
    return { items: [...own.map(of('lero')), ...regions.map(of('region'))] };
  }

  /** A page of the owner's asks, each with its timeline; the public ones only when `onlyPublic`. */
  list(owner: Owner, q: ListAsksQuery, onlyPublic: boolean): Promise<Page<AskView>> {
    if (onlyPublic && q.public === false) return Promise.resolve({ items: [], nextCursor: null });
    const limit = q.limit ?? DEFAULT_PAGE;
    return this.transact(owner, async (tx) => {
      const rows = await this.repo.page(tx, owner, {
        status: q.status,
        public: onlyPublic ? true : q.public,
        afterId: q.cursor ? decodeCursor(q.cursor) : undefined,
        limit,
      });
      const page = rows.slice(0, limit);
      const updates = timelines(
        await this.repo.updatesOf(
          tx,
          page.map((r) => r.id),
        ),
      );
      const items = page.map((r) => askView(r, updates.get(r.id) ?? []));
      return { items, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].id) : null };
    });
  }

  /** The owner's ask; `visible` says whether this caller may see one that is public or not (else 404). */
  get(owner: Owner, id: string, visible: (isPublic: boolean) => boolean): Promise<AskView> {
    return this.transact(owner, async (tx) => {
      const row = await this.repo.find(tx, id);
      if (!row || !askOwnedBy(row, owner) || !visible(row.public)) throw notFound('Ask');
      return this.view(tx, row);
    });
  }

  /** Fields left out stay; `raisedOn` moves the raising's entry with it, never past the next update. */
  async update(owner: Owner, id: string, d: UpdateAskDto, regionOf?: RegionOf): Promise<AskView> {
    if (d.raisedOn) checkNotFuture('raisedOn', d.raisedOn);
    const named = d.source ? sourceOf(d.source) : undefined;
    const ofRegion = await this.namesRegionConsultation(owner, named?.consultationId ?? null, regionOf);
    return this.transact(owner, async (tx) => {
      const row = await this.locked(tx, owner, id);
      if (d.raisedOn) {
        const next = (await this.repo.updatesOf(tx, [row.id]))[1];
        if (next && d.raisedOn > next.on_date)
          throw invalidField('raisedOn', `must not be after the next update (${next.on_date})`);
      }
      const source = named ?? { source: row.source, consultationId: row.consultation_id };
      const fields = await this.fieldsOf(
        tx,
        owner,
        {
          what: d.what ?? row.what,
          bodyName: d.body?.name ?? row.body_name,
          bodyKind: d.body?.kind ?? row.body_kind,
          raisedOn: d.raisedOn ?? row.raised_on,
          public: d.public ?? row.public,
          ...source,
        },
        // The consultation the ask already names was checked when it was named (consultations are never deleted).
        ofRegion || !named,
      );
      return this.view(tx, await this.repo.update(tx, row.id, fields));
    });
  }

  /** A dated change of status with its public text: the ask's status becomes this one. */
  addUpdate(owner: Owner, id: string, d: AskUpdateDto): Promise<AskView> {
    checkNotFuture('date', d.date);
    return this.transact(owner, async (tx) => {
      const row = await this.locked(tx, owner, id);
      checkTransition(row.status, d.status);
      const timeline = await this.repo.updatesOf(tx, [row.id]);
      const last = timeline[timeline.length - 1];
      if (last) checkAfter('date', d.date, last.on_date, 'the last update');
      const update = {
        id: uuidv7(),
        status: d.status,
        date: d.date,
        text: d.text.trim(),
        reason: d.status === 'declined' ? (d.reason ?? '').trim() : null,
      };
      if (!update.text) throw invalidField('text', 'must not be blank');
      if (update.reason === '')
        throw invalidField('reason', 'must be the body’s reason (needed when declined)');
      if (d.status !== 'declined' && d.reason)
        throw invalidField('reason', 'only a declined ask has a reason');
      const changed = await this.repo.addUpdate(tx, row, update);
      await tx.run(this.event(tx, changed, AdvocacyEvents.askUpdated, d.date));
      return this.view(tx, changed);
    });
  }

  private async locked(tx: TenantTransaction, owner: Owner, id: string): Promise<AskRow> {
    const row = await this.repo.find(tx, id, true);
    if (!row || !askOwnedBy(row, owner)) throw notFound('Ask');
    return row;
  }

  private async view(tx: TenantTransaction, row: AskRow): Promise<AskView> {
    const updates = timelines(await this.repo.updatesOf(tx, [row.id]));
    return askView(row, updates.get(row.id) ?? []);
  }

  /**
   * Whether a LERO's ask names a consultation of the LERO's region that its LEROs may name (ADR 0075), read in the
   * region's own transaction before the LERO's opens. False for none, for the LERO's own, and for anything else.
   */
  private async namesRegionConsultation(
    owner: Owner,
    consultationId: string | null,
    regionOf?: RegionOf,
  ): Promise<boolean> {
    if (!consultationId || owner.kind !== 'lero' || !regionOf) return false;
    const own = await this.transact(owner, (tx) => this.repo.ownConsultation(tx, owner, consultationId));
    if (own) return false;
    const region = await regionOf();
    return this.transact(region, (tx) => this.repo.regionConsultationForLeros(tx, region, consultationId));
  }

  /**
   * The fields as kept: trimmed; a consultation named must be the owner's own, or `checked` already (its region's),
   * else 400, as for none: another LERO's or region's id says no more than a made-up one.
   */
  private async fieldsOf(
    tx: TenantTransaction,
    owner: Owner,
    f: AskFields,
    checked = false,
  ): Promise<AskFields> {
    if (f.consultationId && !checked && !(await this.repo.ownConsultation(tx, owner, f.consultationId)))
      throw invalidField(
        'source.consultationId',
        owner.kind === 'lero'
          ? 'is not a consultation of this LERO or of its region'
          : 'is not a consultation of this region',
      );
    const kept = { ...f, what: f.what.trim(), bodyName: f.bodyName.trim() };
    if (!kept.what) throw invalidField('what', 'must not be blank');
    if (!kept.bodyName) throw invalidField('body.name', 'must not be blank');
    return kept;
  }

  private event(
    tx: TenantTransaction,
    a: AskRow,
    subject: typeof AdvocacyEvents.askRaised | typeof AdvocacyEvents.askUpdated,
    date: string,
  ) {
    return eventStatement(
      tx,
      'advocacy',
      subject,
      { tenantId: a.tenant_id, regionId: a.region_id, askId: a.id, status: a.status, date },
      a.tenant_id,
    );
  }
}

/** Where an ask came from: a consultation id only with `consultation`. */
function sourceOf(s: AskSourceDto): Pick<AskFields, 'source' | 'consultationId'> {
  if (s.consultationId && s.kind !== 'consultation')
    throw invalidField('source.consultationId', 'only an ask from a consultation names one');
  return { source: s.kind, consultationId: s.consultationId?.toLowerCase() ?? null };
}
