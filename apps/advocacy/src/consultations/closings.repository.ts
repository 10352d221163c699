import { Injectable } from '@nestjs/common';
import type { TenantTransaction } from '@hearth/persistence';
import { AdvocacyDatabase } from '../advocacy-database';
import type { ConsultationRow } from './consultations.repository';

/** A queued closing: which consultation, whose, and when it closes. Nothing a LERO wrote. */
export interface DueClosing {
  consultation_id: string;
  tenant_id: string | null;
  region_id: string | null;
}

/**
 * The queue of open consultations' closing times (`advocacy.closings`, no row-level security: ids and a time, like
 * the outbox), so that one sweep across LEROs and regions finds the due ones (ADR 0067).
 */
@Injectable()
export class ClosingsRepository {
  constructor(private readonly db: AdvocacyDatabase) {}

  /** Queues an opened consultation's closing, in the opening's transaction. */
  async queue(tx: TenantTransaction, c: ConsultationRow): Promise<void> {
    await tx.run({
      sql: `insert into advocacy.closings (consultation_id, tenant_id, region_id, closes_at)
            values ($1, $2, $3, $4) on conflict (consultation_id) do nothing`,
      params: [c.id, c.tenant_id, c.region_id, new Date(c.closes_at)],
    });
  }

  /** Takes the consultation's queued closing (in the close's transaction): whether it was there. */
  async take(tx: TenantTransaction, consultationId: string): Promise<boolean> {
    const [rows] = await tx.run<[unknown[]]>({
      sql: `delete from advocacy.closings where consultation_id = $1 returning 1`,
      params: [consultationId],
    });
    return rows.length > 0;
  }

  /** The closings due by `now`, oldest first, across every LERO and region. */
  due(now: Date, limit: number): Promise<DueClosing[]> {
    return this.db.em().execute<DueClosing[]>(
      `select consultation_id, tenant_id, region_id from advocacy.closings
          where closes_at <= ? order by closes_at, consultation_id limit ?`,
      [now, limit],
    );
  }

  /** Whose an open consultation is (the queue holds every open one): how a public link, with its id alone, finds it. */
  async ownerOfOpen(consultationId: string): Promise<DueClosing | null> {
    const rows = await this.db
      .em()
      .execute<DueClosing[]>(
        `select consultation_id, tenant_id, region_id from advocacy.closings where consultation_id = ?`,
        [consultationId],
      );
    return rows[0] ?? null;
  }
}
