import { Injectable } from '@nestjs/common';
import { uuidv7 } from 'uuidv7';
import {
  AdvocacyEvents,
  notFound,
  type AskBodyDto,
  type ListMeetingsQuery,
  type LogMeetingDto,
  type MeetingView,
  type Page,
  type UpdateMeetingDto,
} from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import { decodeCursor, type TenantId, type TenantTransaction } from '@hearth/persistence';
import { AdvocacyDatabase } from '../advocacy-database';
import { invalidField } from '../consultations/consultations.exception';
import { checkNotFuture } from '../asks/ask-rules';
import { RepresentationRepository, type MeetingFields, type MeetingRow } from './representation.repository';
import { meetingView, pageOf } from './representation.view';

const DEFAULT_PAGE = 50;

/**
 * The rules of the meetings a LERO attended (ADR 0069); the gate has said whose. Logging, a change of date and
 * removal each put an event in the outbox in the change's transaction: counts for reporting, no text.
 */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly db: AdvocacyDatabase,
    private readonly repo: RepresentationRepository,
  ) {}

  log(tenantId: TenantId, d: LogMeetingDto): Promise<MeetingView> {
    checkNotFuture('date', d.date);
    return this.db.transactInTenant(tenantId, async (tx) => {
      const fields = checked({
        ...(await this.placeOf(tx, tenantId, d)),
        date: d.date,
        representedBy: d.representedBy,
        outcome: d.outcome ?? null,
      });
      const askIds = await this.asksOf(tx, tenantId, d.askIds ?? []);
      const row = await this.repo.insertMeeting(tx, tenantId, uuidv7(), fields, askIds);
      await tx.run(this.event(tx, row, AdvocacyEvents.meetingLogged, row.version));
      return meetingView(row);
    });
  }

  /** The LERO's meetings, latest first, within `from`–`to` when given. */
  list(tenantId: TenantId, q: ListMeetingsQuery): Promise<Page<MeetingView>> {
    if (q.from && q.to && q.to < q.from) throw invalidField('to', 'must not be before from');
    const limit = q.limit ?? DEFAULT_PAGE;
    return this.db.transactInTenant(tenantId, async (tx) => {
      const rows = await this.repo.meetings(tx, tenantId, {
        from: q.from,
        to: q.to,
        afterId: q.cursor ? decodeCursor(q.cursor) : undefined,
        limit,
      });
      return pageOf(rows, limit, meetingView);
    });
  }

  get(tenantId: TenantId, id: string): Promise<MeetingView> {
    return this.db.transactInTenant(tenantId, async (tx) => meetingView(await this.found(tx, tenantId, id)));
  }

  /** Fields left out stay; a new date is announced again (a newer version), nothing else is a figure. */
  update(tenantId: TenantId, id: string, d: UpdateMeetingDto): Promise<MeetingView> {
    if (d.date) checkNotFuture('date', d.date);
    return this.db.transactInTenant(tenantId, async (tx) => {
      const row = await this.found(tx, tenantId, id, true);
      const moved = d.seatId !== undefined || d.body !== undefined;
      const place = moved
        ? await this.placeOf(tx, tenantId, d)
        : { seatId: row.seat_id, bodyName: row.body_name, bodyKind: row.body_kind };
      const fields = checked({
        ...place,
        date: d.date ?? row.on_date,
        representedBy: d.representedBy ?? row.represented_by,
        outcome: d.outcome === undefined ? row.outcome : d.outcome,
      });
      const askIds = d.askIds ? await this.asksOf(tx, tenantId, d.askIds) : undefined;
      const redated = fields.date !== row.on_date;
      const changed = await this.repo.updateMeeting(tx, tenantId, id, fields, askIds, redated);
      if (redated) await tx.run(this.event(tx, changed, AdvocacyEvents.meetingLogged, changed.version));
      return meetingView(changed);
    });
  }

  /** Removes an entry logged by mistake; reporting stops counting it. */
  remove(tenantId: TenantId, id: string): Promise<{ deleted: true }> {
    return this.db.transactInTenant(tenantId, async (tx) => {
      const row = await this.found(tx, tenantId, id, true);
      await this.repo.deleteMeeting(tx, id);
      await tx.run(this.event(tx, row, AdvocacyEvents.meetingRemoved, row.version + 1));
      return { deleted: true as const };
    });
  }

  private async found(tx: TenantTransaction, tenantId: TenantId, id: string, lock = false) {
    const row = await this.repo.findMeeting(tx, tenantId, id, lock);
    if (!row) throw notFound('Meeting');
    return row;
  }

  /** Where the meeting was: one of the LERO's seats (its body) or another body, exactly one of the two. */
  private async placeOf(
    tx: TenantTransaction,
    tenantId: TenantId,
    d: { seatId?: string; body?: AskBodyDto },
  ): Promise<Pick<MeetingFields, 'seatId' | 'bodyName' | 'bodyKind'>> {
    if (d.seatId && d.body) throw invalidField('body', 'give seatId or body, not both');
    if (d.body) return { seatId: null, bodyName: d.body.name, bodyKind: d.body.kind };
    const seat = d.seatId ? await this.repo.findSeat(tx, tenantId, d.seatId) : null;
    if (!seat) throw invalidField('seatId', 'is not a seat of this LERO');
    return { seatId: seat.id, bodyName: seat.body_name, bodyKind: seat.body_kind };
  }

  /** The asks linked, each once: all of them the LERO's own (another's, a region's or none is a 400 on askIds). */
  private async asksOf(tx: TenantTransaction, tenantId: TenantId, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    const own = await this.repo.ownAsks(tx, tenantId, unique);
    if (unique.some((id) => !own.has(id))) throw invalidField('askIds', 'are not all asks of this LERO');
    return unique;
  }

  private event(
    tx: TenantTransaction,
    m: MeetingRow,
    subject: typeof AdvocacyEvents.meetingLogged | typeof AdvocacyEvents.meetingRemoved,
    version: number,
  ) {
    return eventStatement(
      tx,
      'advocacy',
      subject,
      { tenantId: m.tenant_id, meetingId: m.id, date: m.on_date, version },
      m.tenant_id,
    );
  }
}

/** The fields as kept: texts trimmed, none blank. */
function checked(f: MeetingFields): MeetingFields {
  const kept = {
    ...f,
    bodyName: f.bodyName.trim(),
    representedBy: f.representedBy.trim(),
    outcome: f.outcome?.trim() ?? null,
  };
  if (!kept.bodyName) throw invalidField('body.name', 'must not be blank');
  if (!kept.representedBy) throw invalidField('representedBy', 'must not be blank');
  if (kept.outcome === '') throw invalidField('outcome', 'must not be blank');
  return kept;
}
