import { Inject, Injectable } from '@nestjs/common';
import { TenantsClient, type RequestContext } from '@hearth/contracts';
import type { RegionId, SqlLiteral } from '@hearth/persistence';
import { WebhooksDatabase } from '../webhooks-database';
import { WEBHOOKS_OPTIONS, type WebhooksOptions } from '../webhooks.options';
import { learnRegion } from '../deliveries/lero-regions';

/** A region's LEROs as the tenants service lists them to the region's admin (every status). */
export type RegionLerosLookup = (ctx: RequestContext, regionId: string) => Promise<string[]>;

/**
 * Which LEROs a region has, asked of the tenants service on behalf of the region's admin when they subscribe or list
 * their subscriptions (ADR 0082): a LERO whose tenants events this service never saw (from before it ran, or older
 * than the stream keeps) is recorded then, so the region's subscriptions get its events too.
 */
@Injectable()
export class RegionLeros {
  private readonly lookup: RegionLerosLookup;

  constructor(
    private readonly db: WebhooksDatabase,
    tenants: TenantsClient,
    @Inject(WEBHOOKS_OPTIONS) options: WebhooksOptions,
  ) {
    this.lookup = options.regionLeros ?? ((ctx, regionId) => allLeros(tenants, ctx, regionId));
  }

  /** Records every LERO of the region not yet known (and queues what was kept for them). */
  async learn(ctx: RequestContext, regionId: RegionId): Promise<void> {
    const leros = await this.lookup(ctx, regionId);
    if (leros.length === 0) return;
    const known = new Set(
      (
        await this.db.readInRegion<{ tenant_id: string }>(
          regionId,
          `select tenant_id from webhooks.leros where tenant_id = any($1::uuid[])`,
          [`{${leros.join(',')}}`],
        )
      ).map((r) => r.tenant_id),
    );
    for (const tenantId of leros.filter((id) => !known.has(id)))
      await this.db.transactInRegion(regionId, (tx) =>
        learnRegion(
          async <R>(sql: string, params: SqlLiteral[]) => (await tx.run<[R[]]>({ sql, params }))[0],
          tenantId,
          regionId,
        ),
      );
  }
}

async function allLeros(tenants: TenantsClient, ctx: RequestContext, regionId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await tenants.listTenants(ctx, { regionId, limit: 100, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.filter((t) => t.regionId === regionId).map((t) => t.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}
