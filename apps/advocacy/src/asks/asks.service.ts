import { Injectable } from '@nestjs/common';
import { uuidv7 } from 'uuidv7';
import {
  AdvocacyEvents,
  notFound,
  type AddAskUpdateRequest,
  type AskIdRequest,
  type AskSourceDto,
  type AskView,
  type CreateAskRequest,
  type ListAsksRequest,
  type Page,
  type RequestContext,
  type UpdateAskRequest,
} from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import { decodeCursor, encodeCursor, type TenantId, type TenantTransaction } from '@hearth/persistence';
import { AdvocacyDatabase } from '../advocacy-database';
import { allows, authoriseInLero } from '../advocacy-access';
import { invalidField } from '../consultations/consultations.exception';
import { AsksRepository, type AskFields, type AskRow } from './asks.repository';
import { askView, timelines } from './ask.view';
import { checkAfter, checkNotFuture, checkTransition } from './ask-rules';

const DEFAULT_PAGE = 50;

/**
 * A LERO's asks (ADR 0065): its tenant-admins and coordinators raise them and keep their timelines; its members
 * read the public ones. Each request through the gate first, then the rules, in the LERO's transaction (RLS).
 */
@Injectable()
export class AsksService {
  constructor(
    private readonly db: AdvocacyDatabase,
    private readonly repo: AsksRepository,
  ) {}

  create(ctx: RequestContext, d: CreateAskRequest): Promise<AskView> {
    const { tenantId } = authoriseInLero(ctx.actor, d.tenantId, 'create', 'Ask');
    checkNotFuture('raisedOn', d.raisedOn);
    return this.db.transactInTenant(tenantId, async (tx) => {
      const fields = await this.fieldsOf(tx, tenantId, {
        what: d.what,
        bodyName: d.body.name,
        bodyKind: d.body.kind,
        raisedOn: d.raisedOn,
        public: d.public ?? false,
        ...sourceOf(d.source),
      });
      const first = {
        id: uuidv7(),
        status: 'raised' as const,
        date: d.raisedOn,
        text: d.text?.trim() || null,
      };
      const row = await this.repo.insert(tx, tenantId, uuidv7(), fields, { ...first, reason: null });
      await tx.run(this.event(tx, row, AdvocacyEvents.askRaised, d.raisedOn));
      return this.view(tx, row);
    });
  }

  async list(ctx: RequestContext, d: ListAsksRequest): Promise<Page<AskView>> {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'read', 'Ask', { public: true });
    const all = allows(a, 'read', 'Ask', { tenantId: a.tenantId, public: false });
    if (!all && d.public === false) return { items: [], nextCursor: null };
    const limit = d.limit ?? DEFAULT_PAGE;
    return this.db.transactInTenant(a.tenantId, async (tx) => {
      const rows = await this.repo.page(tx, a.tenantId, {
        status: d.status,
        public: all ? d.public : true,
        afterId: d.cursor ? decodeCursor(d.cursor) : undefined,
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

  /** The LERO's ask; a member asking for one that is not public learns nothing more than of a missing one. */
  get(ctx: RequestContext, d: AskIdRequest): Promise<AskView> {
    const a = authoriseInLero(ctx.actor, d.tenantId, 'read', 'Ask', { public: true });
    return this.db.transactInTenant(a.tenantId, async (tx) => {
      const row = await this.repo.find(tx, d.askId);
      if (!row || row.tenant_id !== a.tenantId) throw notFound('Ask');
      if (!allows(a, 'read', 'Ask', { tenantId: a.tenantId, public: row.public })) throw notFound('Ask');
      return this.view(tx, row);
    });
  }

  /** Fields left out stay; `raisedOn` moves the raising's entry with it, never past the next update. */
  update(ctx: RequestContext, d: UpdateAskRequest): Promise<AskView> {
    const { tenantId } = authoriseInLero(ctx.actor, d.tenantId, 'update', 'Ask');
    if (d.raisedOn) checkNotFuture('raisedOn', d.raisedOn);
    return this.db.transactInTenant(tenantId, async (tx) => {
      const row = await this.locked(tx, tenantId, d.askId);
      if (d.raisedOn) {
        const next = (await this.repo.updatesOf(tx, [row.id]))[1];
        if (next && d.raisedOn > next.on_date)
          throw invalidField('raisedOn', `must not be after the next update (${next.on_date})`);
      }
      const source = d.source
        ? sourceOf(d.source)
        : { source: row.source, consultationId: row.consultation_id };
      const fields = await this.fieldsOf(tx, tenantId, {
        what: d.what ?? row.what,
        bodyName: d.body?.name ?? row.body_name,
        bodyKind: d.body?.kind ?? row.body_kind,
        raisedOn: d.raisedOn ?? row.raised_on,
        public: d.public ?? row.public,
        ...source,
      });
      return this.view(tx, await this.repo.update(tx, row.id, fields));
    });
  }

  /** A dated change of status with its public text: the ask's status becomes this one. */
  addUpdate(ctx: RequestContext, d: AddAskUpdateRequest): Promise<AskView> {
    const { tenantId } = authoriseInLero(ctx.actor, d.tenantId, 'update', 'Ask');
    checkNotFuture('date', d.date);
    return this.db.transactInTenant(tenantId, async (tx) => {
      const row = await this.locked(tx, tenantId, d.askId);
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
      if (update.reason === '')
        throw invalidField('reason', 'must be the body’s reason (needed when declined)');
      if (d.status !== 'declined' && d.reason)
        throw invalidField('reason', 'only a declined ask has a reason');
      const changed = await this.repo.addUpdate(tx, row, update);
      await tx.run(this.event(tx, changed, AdvocacyEvents.askUpdated, d.date));
      return this.view(tx, changed);
    });
  }

  private async locked(tx: TenantTransaction, tenantId: TenantId, id: string): Promise<AskRow> {
    const row = await this.repo.find(tx, id, true);
    if (!row || row.tenant_id !== tenantId) throw notFound('Ask');
    return row;
  }

  private async view(tx: TenantTransaction, row: AskRow): Promise<AskView> {
    const updates = timelines(await this.repo.updatesOf(tx, [row.id]));
    return askView(row, updates.get(row.id) ?? []);
  }

  /** The fields as kept: trimmed; a consultation named must be one of this LERO's (else 400, as for none). */
  private async fieldsOf(tx: TenantTransaction, tenantId: TenantId, f: AskFields): Promise<AskFields> {
    if (f.consultationId && !(await this.repo.ownConsultation(tx, tenantId, f.consultationId)))
      throw invalidField('source.consultationId', 'is not a consultation of this LERO');
    return { ...f, what: f.what.trim(), bodyName: f.bodyName.trim() };
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
      { tenantId: a.tenant_id, askId: a.id, status: a.status, date },
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
