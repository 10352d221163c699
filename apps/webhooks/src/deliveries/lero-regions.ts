import { uuidv7 } from 'uuidv7';
import type { SqlLiteral } from '@hearth/persistence';
import type { WebhookMessage } from './webhook-payload';

/** One statement in the caller's transaction (a consumer's EntityManager or a `TenantTransaction`). */
export type Run = <R = Record<string, unknown>>(sql: string, params: SqlLiteral[]) => Promise<R[]>;

/** How long a message of a LERO whose region is not known yet waits for it (then it is no region's). */
export const UNPLACED_KEPT_MS = 7 * 24 * 60 * 60_000;

/**
 * Serialises, per LERO, learning its region with placing its messages (ADR 0082): without it a message parked while
 * the region is being learnt in another transaction would be missed by both (each reads before the other commits).
 */
const lockLero = (run: Run, tenantId: string) =>
  run(`select pg_advisory_xact_lock(hashtext('webhooks-lero:' || $1::text))`, [tenantId]);

/** Queues `message` (of event `eventId`) once for each of these subscriptions. */
export async function queueFor(
  run: Run,
  subscriptions: { id: string; tenant_id: string | null; region_id: string | null }[],
  eventId: string,
  message: WebhookMessage,
): Promise<void> {
  for (const s of subscriptions)
    await run(
      `insert into webhooks.deliveries (id, tenant_id, region_id, subscription_id, event_id, event_type, payload,
         next_attempt_at)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) on conflict (subscription_id, event_id) do nothing`,
      [uuidv7(), s.tenant_id, s.region_id, s.id, eventId, message.type, JSON.stringify(message), new Date()],
    );
}

/**
 * The region of a LERO whose message is being queued, or null when the service does not know it yet: then the
 * message is kept (`unplaced_messages`) for the region's subscriptions, to be queued when the region is learnt.
 */
export async function regionForMessage(
  run: Run,
  tenantId: string,
  eventId: string,
  message: WebhookMessage,
): Promise<string | null> {
  await lockLero(run, tenantId);
  const [lero] = await run<{ region_id: string }>(
    `select region_id from webhooks.leros where tenant_id = $1`,
    [tenantId],
  );
  if (lero) return lero.region_id;
  await run(
    `insert into webhooks.unplaced_messages (tenant_id, event_id, event_type, payload) values ($1, $2, $3, $4::jsonb)
       on conflict do nothing`,
    [tenantId, eventId, message.type, JSON.stringify(message)],
  );
  return null;
}

/**
 * Records a LERO's region (from its tenants event, or the tenants service), and queues the messages kept for it to
 * the region's subscriptions of their type. The transaction must see the region's rows (`app.region_id` set).
 */
export async function learnRegion(run: Run, tenantId: string, regionId: string): Promise<void> {
  await lockLero(run, tenantId);
  await run(
    `insert into webhooks.leros (tenant_id, region_id) values ($1, $2)
       on conflict (tenant_id) do update set region_id = excluded.region_id`,
    [tenantId, regionId],
  );
  const kept = await run<{ event_id: string; payload: WebhookMessage; created_at: Date }>(
    `delete from webhooks.unplaced_messages where tenant_id = $1 returning event_id, payload, created_at`,
    [tenantId],
  );
  const since = Date.now() - UNPLACED_KEPT_MS;
  for (const { event_id, payload } of kept.filter((k) => new Date(k.created_at).getTime() > since)) {
    const subscriptions = await run<{ id: string; tenant_id: string | null; region_id: string | null }>(
      `select id, tenant_id, region_id from webhooks.subscriptions where region_id = $1 and $2 = any(event_types)`,
      [regionId, payload.type],
    );
    await queueFor(run, subscriptions, event_id, payload);
  }
}
