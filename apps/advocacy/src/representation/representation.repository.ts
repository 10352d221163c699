import { Injectable } from '@nestjs/common';
import type { AskBodyKind, SeatRole } from '@hearth/contracts';
import type { SqlLiteral, TenantId, TenantTransaction } from '@hearth/persistence';

export interface SeatRow {
  id: string;
  tenant_id: string;
  body_name: string;
  body_kind: AskBodyKind;
  role: SeatRole;
  /** YYYY-MM-DD (read as text: a `date` is no instant). */
  since: string;
  until: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface SeatFields {
  bodyName: string;
  bodyKind: AskBodyKind;
  role: SeatRole;
  since: string;
  until: string | null;
}

export interface MeetingRow {
  id: string;
  tenant_id: string;
  seat_id: string | null;
  body_name: string;
  body_kind: AskBodyKind;
  on_date: string;
  represented_by: string;
  outcome: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  ask_ids: string[];
}

export interface MeetingFields {
  seatId: string | null;
  bodyName: string;
  bodyKind: AskBodyKind;
  date: string;
  representedBy: string;
  outcome: string | null;
}

const SEAT_COLUMNS = `id, tenant_id, body_name, body_kind, role, since::text as since, until::text as until,
  created_at, updated_at`;
const MEETING_COLUMNS = `m.id, m.tenant_id, m.seat_id, m.body_name, m.body_kind, m.on_date::text as on_date,
  m.represented_by, m.outcome, m.version, m.created_at, m.updated_at,
  array(select a.ask_id::text from advocacy.meeting_asks a where a.meeting_id = m.id order by a.ask_id) as ask_ids`;
const uuids = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * The SQL of the representation log (ADR 0069): a LERO's seats and meetings, each call in the caller's LERO
 * transaction (RLS); every query names the LERO too.
 */
@Injectable()
export class RepresentationRepository {
  async insertSeat(tx: TenantTransaction, tenantId: TenantId, id: string, f: SeatFields): Promise<SeatRow> {
    const [rows] = await tx.run<[SeatRow[]]>({
      sql: `insert into advocacy.seats (id, tenant_id, body_name, body_kind, role, since, until)
            values ($1, $2, $3, $4, $5, $6::date, $7::date) returning ${SEAT_COLUMNS}`,
      params: [id, tenantId, ...seatValues(f)],
    });
    return rows[0];
  }

  async updateSeat(tx: TenantTransaction, id: string, f: SeatFields): Promise<SeatRow> {
    const [rows] = await tx.run<[SeatRow[]]>({
      sql: `update advocacy.seats set body_name = $2, body_kind = $3, role = $4, since = $5::date, until = $6::date,
              updated_at = now() where id = $1 returning ${SEAT_COLUMNS}`,
      params: [id, ...seatValues(f)],
    });
    return rows[0];
  }

  /** Deletes the seat; its meetings stay, with the body they were held at and no seat. */
  async deleteSeat(tx: TenantTransaction, id: string): Promise<void> {
    await tx.run({ sql: `delete from advocacy.seats where id = $1`, params: [id] });
  }

  async findSeat(
    tx: TenantTransaction,
    tenantId: TenantId,
    id: string,
    lock = false,
  ): Promise<SeatRow | null> {
    const [rows] = await tx.run<[SeatRow[]]>({
      sql: `select ${SEAT_COLUMNS} from advocacy.seats where id = $1 and tenant_id = $2 ${lock ? 'for update' : ''}`,
      params: [id, tenantId],
    });
    return rows[0] ?? null;
  }

  /** A page of the LERO's seats by id, one more than `limit`; current (not ended by today) or ended when asked. */
  async seats(
    tx: TenantTransaction,
    tenantId: TenantId,
    f: { current?: boolean; afterId?: string; limit: number },
  ): Promise<SeatRow[]> {
    const [rows] = await tx.run<[SeatRow[]]>({
      sql: `select ${SEAT_COLUMNS} from advocacy.seats where tenant_id = $1
              and ($2::boolean is null or (until is null or until >= current_date) = $2)
              and ($3::uuid is null or id > $3::uuid) order by id limit $4`,
      params: [tenantId, f.current ?? null, f.afterId ?? null, f.limit + 1],
    });
    return rows;
  }

  /** The meeting and its links to asks, in one round trip; `version` 1. */
  async insertMeeting(
    tx: TenantTransaction,
    tenantId: TenantId,
    id: string,
    f: MeetingFields,
    askIds: string[],
  ): Promise<MeetingRow> {
    const results = await tx.run<unknown[]>([
      {
        sql: `insert into advocacy.meetings (id, tenant_id, seat_id, body_name, body_kind, on_date, represented_by,
                outcome) values ($1, $2, $3, $4, $5, $6::date, $7, $8)`,
        params: [id, tenantId, ...meetingValues(f)],
      },
      ...this.linkStatements(tenantId, id, askIds),
    ]);
    return lastRow(results);
  }

  /** Changes the meeting (a new `version` when `bump`), and replaces its links when `askIds` is given. */
  async updateMeeting(
    tx: TenantTransaction,
    tenantId: TenantId,
    id: string,
    f: MeetingFields,
    askIds: string[] | undefined,
    bump: boolean,
  ): Promise<MeetingRow> {
    const links = askIds
      ? [{ sql: `delete from advocacy.meeting_asks where meeting_id = $1`, params: [id] }]
      : [];
    const results = await tx.run<unknown[]>([
      {
        sql: `update advocacy.meetings set seat_id = $2, body_name = $3, body_kind = $4, on_date = $5::date,
                represented_by = $6, outcome = $7, version = version + $8, updated_at = now() where id = $1`,
        params: [id, ...meetingValues(f), bump ? 1 : 0],
      },
      ...links,
      ...this.linkStatements(tenantId, id, askIds ?? null),
    ]);
    return lastRow(results);
  }

  async deleteMeeting(tx: TenantTransaction, id: string): Promise<void> {
    await tx.run({ sql: `delete from advocacy.meetings where id = $1`, params: [id] });
  }

  async findMeeting(
    tx: TenantTransaction,
    tenantId: TenantId,
    id: string,
    lock = false,
  ): Promise<MeetingRow | null> {
    const [rows] = await tx.run<[MeetingRow[]]>({
      sql: `select ${MEETING_COLUMNS} from advocacy.meetings m where m.id = $1 and m.tenant_id = $2
              ${lock ? 'for update of m' : ''}`,
      params: [id, tenantId],
    });
    return rows[0] ?? null;
  }

  /** A page of the LERO's meetings, latest first, dated within `from`–`to` when given; one more than `limit`. */
  async meetings(
    tx: TenantTransaction,
    tenantId: TenantId,
    f: { from?: string; to?: string; afterId?: string; limit: number },
  ): Promise<MeetingRow[]> {
    const [rows] = await tx.run<[MeetingRow[]]>({
      sql: `select ${MEETING_COLUMNS} from advocacy.meetings m where m.tenant_id = $1
              and ($2::date is null or m.on_date >= $2::date) and ($3::date is null or m.on_date <= $3::date)
              and ($4::uuid is null or (m.on_date, m.id) <
                (select c.on_date, c.id from advocacy.meetings c where c.id = $4::uuid))
              order by m.on_date desc, m.id desc limit $5`,
      params: [tenantId, f.from ?? null, f.to ?? null, f.afterId ?? null, f.limit + 1],
    });
    return rows;
  }

  /** Which of these ids are asks of the LERO (RLS hides every other; a region's has no `tenant_id`). */
  async ownAsks(tx: TenantTransaction, tenantId: TenantId, askIds: string[]): Promise<Set<string>> {
    if (askIds.length === 0) return new Set();
    const [rows] = await tx.run<[{ id: string }[]]>({
      sql: `select id::text as id from advocacy.asks where id = any($1::uuid[]) and tenant_id = $2`,
      params: [uuids(askIds), tenantId],
    });
    return new Set(rows.map((r) => r.id));
  }

  /** The links (when given) and, last, the meeting as it now is. */
  private linkStatements(tenantId: TenantId, id: string, askIds: string[] | null) {
    const insert = askIds?.length
      ? [
          {
            sql: `insert into advocacy.meeting_asks (meeting_id, ask_id, tenant_id)
                  select $1::uuid, unnest($2::uuid[]), $3::uuid`,
            params: [id, uuids(askIds), tenantId] as SqlLiteral[],
          },
        ]
      : [];
    return [
      ...insert,
      {
        sql: `select ${MEETING_COLUMNS} from advocacy.meetings m where m.id = $1`,
        params: [id] as SqlLiteral[],
      },
    ];
  }
}

/** The meeting as the last statement read it. */
const lastRow = (results: unknown[]) => (results[results.length - 1] as MeetingRow[])[0];
const seatValues = (f: SeatFields): SqlLiteral[] => [f.bodyName, f.bodyKind, f.role, f.since, f.until];
const meetingValues = (f: MeetingFields): SqlLiteral[] => [
  f.seatId,
  f.bodyName,
  f.bodyKind,
  f.date,
  f.representedBy,
  f.outcome,
];
