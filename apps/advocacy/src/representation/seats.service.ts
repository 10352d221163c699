import { Injectable } from '@nestjs/common';
import { uuidv7 } from 'uuidv7';
import {
  notFound,
  type CreateSeatDto,
  type ListSeatsQuery,
  type Page,
  type SeatView,
  type UpdateSeatDto,
} from '@hearth/contracts';
import { decodeCursor, type TenantId } from '@hearth/persistence';
import { AdvocacyDatabase } from '../advocacy-database';
import { invalidField } from '../consultations/consultations.exception';
import { RepresentationRepository, type SeatFields } from './representation.repository';
import { seatView, pageOf } from './representation.view';

const DEFAULT_PAGE = 50;

/** The rules of a LERO's seats (ADR 0069); the gate has said whose. Seats emit no events: none is a figure. */
@Injectable()
export class SeatsService {
  constructor(
    private readonly db: AdvocacyDatabase,
    private readonly repo: RepresentationRepository,
  ) {}

  create(tenantId: TenantId, d: CreateSeatDto): Promise<SeatView> {
    const fields = checked({
      bodyName: d.body.name,
      bodyKind: d.body.kind,
      role: d.role,
      since: d.since,
      until: d.until ?? null,
    });
    return this.db.transactInTenant(tenantId, async (tx) =>
      seatView(await this.repo.insertSeat(tx, tenantId, uuidv7(), fields)),
    );
  }

  list(tenantId: TenantId, q: ListSeatsQuery): Promise<Page<SeatView>> {
    const limit = q.limit ?? DEFAULT_PAGE;
    return this.db.transactInTenant(tenantId, async (tx) => {
      const rows = await this.repo.seats(tx, tenantId, {
        current: q.current,
        afterId: q.cursor ? decodeCursor(q.cursor) : undefined,
        limit,
      });
      return pageOf(rows, limit, seatView);
    });
  }

  get(tenantId: TenantId, id: string): Promise<SeatView> {
    return this.db.transactInTenant(tenantId, async (tx) => {
      const row = await this.repo.findSeat(tx, tenantId, id);
      if (!row) throw notFound('Seat');
      return seatView(row);
    });
  }

  /** Fields left out stay; `until: null` reopens an ended seat. */
  update(tenantId: TenantId, id: string, d: UpdateSeatDto): Promise<SeatView> {
    return this.db.transactInTenant(tenantId, async (tx) => {
      const row = await this.repo.findSeat(tx, tenantId, id, true);
      if (!row) throw notFound('Seat');
      const fields = checked({
        bodyName: d.body?.name ?? row.body_name,
        bodyKind: d.body?.kind ?? row.body_kind,
        role: d.role ?? row.role,
        since: d.since ?? row.since,
        until: d.until === undefined ? row.until : (d.until ?? null),
      });
      return seatView(await this.repo.updateSeat(tx, id, fields));
    });
  }

  /** Deletes a seat entered by mistake; its meetings keep their body (a seat that ended takes `until` instead). */
  remove(tenantId: TenantId, id: string): Promise<{ deleted: true }> {
    return this.db.transactInTenant(tenantId, async (tx) => {
      if (!(await this.repo.findSeat(tx, tenantId, id, true))) throw notFound('Seat');
      await this.repo.deleteSeat(tx, id);
      return { deleted: true as const };
    });
  }
}

/** The fields as kept: the body's name trimmed, not blank; a seat ends on or after it began. */
function checked(f: SeatFields): SeatFields {
  const kept = { ...f, bodyName: f.bodyName.trim() };
  if (!kept.bodyName) throw invalidField('body.name', 'must not be blank');
  if (kept.until && kept.until < kept.since)
    throw invalidField('until', `must not be before the seat began (${kept.since})`);
  return kept;
}
