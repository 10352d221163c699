import { Injectable } from '@nestjs/common';
import type { AskBodyKind, AskSource, AskStatus } from '@hearth/contracts';
import type { SqlLiteral, TenantTransaction } from '@hearth/persistence';
import type { Owner } from '../consultations/consultations.repository';

export interface AskRow {
  id: string;
  tenant_id: string | null;
  region_id: string | null;
  what: string;
  body_name: string;
  body_kind: AskBodyKind;
  source: AskSource;
  consultation_id: string | null;
  /** YYYY-MM-DD (read as text: a `date` is no instant). */
  raised_on: string;
  public: boolean;
  status: AskStatus;
  created_at: Date;
  updated_at: Date;
}

export interface AskUpdateRow {
  ask_id: string;
  status: AskStatus;
  on_date: string;
  text: string | null;
  reason: string | null;
}

export interface AskFields {
  what: string;
  bodyName: string;
  bodyKind: AskBodyKind;
  source: AskSource;
  consultationId: string | null;
  raisedOn: string;
  public: boolean;
}

export interface NewAskUpdate {
  id: string;
  status: AskStatus;
  date: string;
  text: string | null;
  reason: string | null;
}

const ASK_COLUMNS = `id, tenant_id, region_id, what, body_name, body_kind, source, consultation_id, raised_on::text as raised_on,
  public, status, created_at, updated_at`;
const UPDATE_COLUMNS = `ask_id, status, on_date::text as on_date, text, reason`;

const ownerColumn = (o: Owner) => (o.kind === 'lero' ? 'tenant_id' : 'region_id');
const ownerValues = (o: Owner): [string | null, string | null] =>
  o.kind === 'lero' ? [o.id, null] : [null, o.id];

/** Whether the row is the owner's (RLS already hides others'; the service says so too). */
export const askOwnedBy = (row: AskRow, owner: Owner) =>
  owner.kind === 'lero' ? row.tenant_id === owner.id : row.region_id === owner.id;

/**
 * The SQL of asks (a LERO's or a region's) and their timelines; each call runs in the caller's RLS-scoped
 * transaction. An update row carries its ask's owner columns.
 */
@Injectable()
export class AsksRepository {
  /** The ask and its first update ("raised"), in one round trip. */
  async insert(
    tx: TenantTransaction,
    owner: Owner,
    id: string,
    f: AskFields,
    first: NewAskUpdate,
  ): Promise<AskRow> {
    const [rows] = await tx.run<[AskRow[], unknown]>([
      {
        sql: `insert into advocacy.asks (id, tenant_id, region_id, what, body_name, body_kind, source, consultation_id,
                raised_on, public, status)
              values ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10, $11) returning ${ASK_COLUMNS}`,
        params: [id, ...ownerValues(owner), ...fieldValues(f), first.status],
      },
      this.updateStatement(ownerValues(owner), id, first),
    ]);
    return rows[0];
  }

  async update(tx: TenantTransaction, id: string, f: AskFields): Promise<AskRow> {
    const [rows] = await tx.run<[AskRow[], unknown]>([
      {
        sql: `update advocacy.asks set what = $2, body_name = $3, body_kind = $4, source = $5, consultation_id = $6,
                raised_on = $7::date, public = $8, updated_at = now() where id = $1 returning ${ASK_COLUMNS}`,
        params: [id, ...fieldValues(f)],
      },
      // The timeline's first entry is the raising: it keeps the ask's date.
      {
        sql: `update advocacy.ask_updates set on_date = $2::date
              where id = (select id from advocacy.ask_updates where ask_id = $1 order by on_date, id limit 1)`,
        params: [id, f.raisedOn],
      },
    ]);
    return rows[0];
  }

  /** Appends an update to the timeline and makes its status the ask's. */
  async addUpdate(tx: TenantTransaction, ask: AskRow, u: NewAskUpdate): Promise<AskRow> {
    const [, rows] = await tx.run<[unknown, AskRow[]]>([
      this.updateStatement([ask.tenant_id, ask.region_id], ask.id, u),
      {
        sql: `update advocacy.asks set status = $2, updated_at = now() where id = $1 returning ${ASK_COLUMNS}`,
        params: [ask.id, u.status],
      },
    ]);
    return rows[0];
  }

  /** The ask (any RLS lets this transaction see), locked `for update` when asked. */
  async find(tx: TenantTransaction, id: string, lock = false): Promise<AskRow | null> {
    const [rows] = await tx.run<[AskRow[]]>({
      sql: `select ${ASK_COLUMNS} from advocacy.asks where id = $1 ${lock ? 'for update' : ''}`,
      params: [id],
    });
    return rows[0] ?? null;
  }

  /** A page of the owner's asks by id, one more than `limit`; of a status, public or not, when asked. */
  async page(
    tx: TenantTransaction,
    owner: Owner,
    f: { status?: AskStatus; public?: boolean; afterId?: string; limit: number },
  ): Promise<AskRow[]> {
    const [rows] = await tx.run<[AskRow[]]>({
      sql: `select ${ASK_COLUMNS} from advocacy.asks where ${ownerColumn(owner)} = $1
              and ($2::text is null or status = $2) and ($3::boolean is null or public = $3)
              and ($4::uuid is null or id > $4::uuid) order by id limit $5`,
      params: [owner.id, f.status ?? null, f.public ?? null, f.afterId ?? null, f.limit + 1],
    });
    return rows;
  }

  /** The owner's public asks, latest raised first (at most `limit`), and their timelines, in one round trip. */
  async publicAsks(
    tx: TenantTransaction,
    owner: Owner,
    limit: number,
  ): Promise<{ asks: AskRow[]; updates: AskUpdateRow[] }> {
    const chosen = `select id from advocacy.asks where ${ownerColumn(owner)} = $1 and public
      order by raised_on desc, id desc limit $2`;
    const [asks, updates] = await tx.run<[AskRow[], AskUpdateRow[]]>([
      {
        sql: `select ${ASK_COLUMNS} from advocacy.asks where id in (${chosen}) order by raised_on desc, id desc`,
        params: [owner.id, limit],
      },
      {
        sql: `select ${UPDATE_COLUMNS} from advocacy.ask_updates where ask_id in (${chosen}) order by on_date, id`,
        params: [owner.id, limit],
      },
    ]);
    return { asks, updates };
  }

  /** The timelines of these asks, each oldest first. */
  async updatesOf(tx: TenantTransaction, askIds: string[]): Promise<AskUpdateRow[]> {
    if (askIds.length === 0) return [];
    const [rows] = await tx.run<[AskUpdateRow[]]>({
      sql: `select ${UPDATE_COLUMNS} from advocacy.ask_updates where ask_id = any($1::uuid[]) order by on_date, id`,
      params: [`{${askIds.join(',')}}`],
    });
    return rows;
  }

  /** Whether the consultation is the owner's own (RLS hides every other). */
  async ownConsultation(tx: TenantTransaction, owner: Owner, consultationId: string): Promise<boolean> {
    const [rows] = await tx.run<[unknown[]]>({
      sql: `select 1 from advocacy.consultations where id = $1 and ${ownerColumn(owner)} = $2`,
      params: [consultationId, owner.id],
    });
    return rows.length > 0;
  }

  /** The owner's open and closed consultations an ask may name, latest first: `statuses` of them. */
  async namableConsultations(
    tx: TenantTransaction,
    owner: Owner,
    limit: number,
  ): Promise<{ id: string; title: string; status: 'open' | 'closed'; closes_at: Date }[]> {
    const [rows] = await tx.run<
      [{ id: string; title: string; status: 'open' | 'closed'; closes_at: Date }[]]
    >({
      sql: `select id, title, status, closes_at from advocacy.consultations
            where ${ownerColumn(owner)} = $1 and status in ('open', 'closed') order by id desc limit $2`,
      params: [owner.id, limit],
    });
    return rows;
  }

  /**
   * Whether a consultation of this region may be named by its LEROs' asks (ADR 0075): the region's own, open or
   * closed (a draft is not yet asked of anyone). Read in the region's transaction (its RLS).
   */
  async regionConsultationForLeros(
    tx: TenantTransaction,
    region: Owner,
    consultationId: string,
  ): Promise<boolean> {
    const [rows] = await tx.run<[unknown[]]>({
      sql: `select 1 from advocacy.consultations where id = $1 and region_id = $2 and status in ('open', 'closed')`,
      params: [consultationId, region.id],
    });
    return rows.length > 0;
  }

  private updateStatement(owner: [string | null, string | null], askId: string, u: NewAskUpdate) {
    return {
      sql: `insert into advocacy.ask_updates (id, ask_id, tenant_id, region_id, status, on_date, text, reason)
            values ($1, $2, $3, $4, $5, $6::date, $7, $8)`,
      params: [u.id, askId, ...owner, u.status, u.date, u.text, u.reason] as SqlLiteral[],
    };
  }
}

const fieldValues = (f: AskFields): SqlLiteral[] => [
  f.what,
  f.bodyName,
  f.bodyKind,
  f.source,
  f.consultationId,
  f.raisedOn,
  f.public,
];
