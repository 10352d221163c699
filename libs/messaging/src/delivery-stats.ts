import type { ServiceDatabase } from '@hearth/persistence';

export interface DeliveryStats {
  /** Outbox rows not yet relayed. */
  outboxBacklog: number;
  /** Age of the oldest of them, in seconds (0 when there is none). */
  outboxOldestSeconds: number;
  /** Dead letters per consumer. */
  deadLetters: Record<string, number>;
}

const CACHE_MS = 1000;
const cache = new WeakMap<ServiceDatabase, { at: number; stats: Promise<DeliveryStats> }>();

/** One round trip for a service's delivery figures (readiness and each gauge of a scrape share it for a second). */
export function deliveryStats(db: ServiceDatabase): Promise<DeliveryStats> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.stats;
  const s = `"${db.schema}"`;
  const stats = db
    .em()
    .execute<{ backlog: number; oldest: number; dead: Record<string, number> | string | null }[]>(
      `select (select count(*) from ${s}.outbox where published_at is null)::int as backlog,
        coalesce(extract(epoch from now() - (select min(occurred_at) from ${s}.outbox where published_at is null)), 0)::float8 as oldest,
        (select json_object_agg(consumer, n) from (select consumer, count(*)::int as n from ${s}.dead_letter group by consumer) d) as dead`,
    )
    .then(([row]) => ({
      outboxBacklog: Number(row.backlog),
      outboxOldestSeconds: Number(row.oldest),
      deadLetters: (typeof row.dead === 'string' ? JSON.parse(row.dead) : (row.dead ?? {})) as Record<
        string,
        number
      >,
    }));
  cache.set(db, { at: Date.now(), stats });
  stats.catch(() => cache.delete(db));
  return stats;
}
