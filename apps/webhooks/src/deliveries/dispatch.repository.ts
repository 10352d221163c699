import { Injectable } from '@nestjs/common';
import type { TenantTransaction } from '@hearth/persistence';
import type { WebhookDeliveryStatus } from '@hearth/contracts';
import { WebhooksDatabase } from '../webhooks-database';

/** A delivery claimed for an attempt, with what sending it needs of its subscription. */
export interface ClaimedDelivery {
  id: string;
  /** Its subscription's: the associated data of the secrets' encryption. */
  subscription_id: string;
  payload: Record<string, unknown>;
  tries: number;
  first_attempt_at: Date;
  lease_until: Date;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
}

export interface AttemptRecord {
  status: WebhookDeliveryStatus;
  statusCode: number | null;
  error: string | null;
  nextAttemptAt: Date | null;
  at: Date;
}

/**
 * The dispatcher's side of `webhooks.deliveries`, across every owner: its transactions set `app.webhooks_dispatch`,
 * which the tables' `dispatcher` policy honours and no request path sets (ADR 0079).
 */
@Injectable()
export class DispatchRepository {
  constructor(private readonly db: WebhooksDatabase) {}

  private asDispatcher<T>(work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    return this.db.transactPlatform(async (tx) => {
      await tx.run({ sql: `select set_config('app.webhooks_dispatch', 'on', true)` });
      return work(tx);
    });
  }

  /** Takes up to `limit` due deliveries for `leaseMs`; another dispatcher skips them meanwhile. */
  async claim(now: Date, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
    const lease = new Date(now.getTime() + leaseMs);
    const [rows] = await this.asDispatcher((tx) =>
      tx.run<[ClaimedDelivery[]]>(
        {
          sql: `update webhooks.deliveries d
                   set lease_until = $2, first_attempt_at = coalesce(d.first_attempt_at, $1)
                  from webhooks.subscriptions s
                 where s.id = d.subscription_id and d.id in (
                   select id from webhooks.deliveries
                    where status = 'pending' and next_attempt_at <= $1 and (lease_until is null or lease_until < $1)
                    order by next_attempt_at limit $3 for update skip locked)
                returning d.id, d.subscription_id, d.payload, d.tries, d.first_attempt_at, d.lease_until, s.url, s.secret,
                          s.previous_secret, s.previous_secret_until`,
          params: [now, lease, limit],
        },
        { commit: true },
      ),
    );
    return rows;
  }

  /** The outcome of an attempt, if the claim still holds (a replay in between starts the delivery over). */
  async record(id: string, lease: Date, r: AttemptRecord): Promise<void> {
    await this.asDispatcher((tx) =>
      tx.run(
        {
          sql: `update webhooks.deliveries
                   set status = $3, attempts = attempts + 1, tries = tries + 1, last_status_code = $4,
                       last_error = $5, next_attempt_at = $6, lease_until = null,
                       delivered_at = case when $3 = 'delivered' then $7::timestamptz else delivered_at end
                 where id = $1 and lease_until = $2`,
          params: [id, new Date(lease), r.status, r.statusCode, r.error, r.nextAttemptAt, r.at],
        },
        { commit: true },
      ),
    );
  }

  /** Drops messages whose LERO's region was not learnt in time (no RLS: plumbing, as `leros`). */
  async pruneUnplaced(before: Date): Promise<void> {
    await this.db.transactPlatform((tx) =>
      tx.run({ sql: `delete from webhooks.unplaced_messages where created_at < $1`, params: [before] }),
    );
  }

  /** Re-encrypts every subscription's secrets `again` changes, rows locked against a rotation meanwhile. */
  async reencryptSecrets(
    again: (stored: string | null, subscriptionId: string) => string | null,
  ): Promise<number> {
    return this.asDispatcher(async (tx) => {
      const [rows] = await tx.run<[{ id: string; secret: string; previous_secret: string | null }[]]>({
        sql: `select id, secret, previous_secret from webhooks.subscriptions order by id for update`,
      });
      let moved = 0;
      for (const r of rows) {
        const [secret, previous] = [again(r.secret, r.id)!, again(r.previous_secret, r.id)];
        if (secret === r.secret && previous === r.previous_secret) continue;
        await tx.run({
          sql: `update webhooks.subscriptions set secret = $2, previous_secret = $3 where id = $1`,
          params: [r.id, secret, previous],
        });
        moved++;
      }
      return moved;
    });
  }
}
