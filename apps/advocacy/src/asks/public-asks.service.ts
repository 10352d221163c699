import { Injectable } from '@nestjs/common';
import {
  TenantsClient,
  type PublicLeroAsksRequest,
  type PublicLeroAsksView,
  type PublicLeroPageView,
  type PublicRegionAsksRequest,
  type PublicAskView,
  type PublicRegionPageView,
  type PublicTenantView,
  type RequestContext,
} from '@hearth/contracts';
import type { TenantTransaction } from '@hearth/persistence';
import { AdvocacyDatabase } from '../advocacy-database';
import { publicAsksOf, publicRegionAsksOf } from '../advocacy-access';
import type { Owner } from '../consultations/consultations.repository';
import { PublicOutcomesService } from '../consultations/public-outcomes.service';
import { AsksRepository } from './asks.repository';
import { publicAskView, timelines } from './ask.view';
import { countsOf } from './ask-rules';

/** The most asks a LERO's public page lists (latest raised first): a bound on the answer, not a page. */
export const MAX_PUBLIC_ASKS = 200;

/**
 * "You said, we did" (ADR 0065), without signing in: the public asks of an active LERO (the tenants service answers
 * for the slug, and only while the LERO is active), or of a region: its own and every active LERO's. Counts per LERO only for a
 * LERO whose figures are `per-lero`; on a region's page the asks of the others are pooled, naming no LERO, and count
 * in the region's totals only. Beside the asks, the closed consultations of the LERO (or, on the region's page, the
 * region's own) with their published texts and, where the results are shown, their figures (ADR 0075).
 */
@Injectable()
export class PublicAsksService {
  constructor(
    private readonly tenants: TenantsClient,
    private readonly db: AdvocacyDatabase,
    private readonly repo: AsksRepository,
    private readonly outcomes: PublicOutcomesService,
  ) {}

  async ofLero(ctx: RequestContext, d: PublicLeroAsksRequest): Promise<PublicLeroPageView> {
    const lero = await this.tenants.tenantBySlug(ctx, d.slug);
    const [page, consultations] = await Promise.all([
      this.page(lero),
      // A `regional-total-only` LERO's consultations without their figures: no per-LERO figure in public.
      this.outcomes.closedOf(
        { kind: 'lero', id: publicAsksOf(lero) },
        lero.reportingVisibility === 'per-lero',
      ),
    ]);
    return { ...page, consultations };
  }

  async ofRegion(ctx: RequestContext, d: PublicRegionAsksRequest): Promise<PublicRegionPageView> {
    const { region, leros } = await this.tenants.regionPublicLeros(ctx, d.slug);
    const own: Owner = { kind: 'region', id: publicRegionAsksOf(region) };
    // One read per LERO, each in that LERO's own transaction (its RLS): a region has a handful of LEROs.
    const [regionAsks, regionConsultations, ...pages] = await Promise.all([
      this.items(own),
      // The region's own: its figures are the region's, pooled across its LEROs, never one LERO's.
      this.outcomes.closedOf(own, true),
      ...leros.map((lero) => this.page(lero)),
    ]);
    const pooled = pages
      .filter((p) => p.counts === null)
      .flatMap((p) => p.items)
      .sort((x, y) => y.raisedOn.localeCompare(x.raisedOn) || y.id.localeCompare(x.id));
    return {
      region: { name: region.name, slug: region.slug },
      totals: countsOf([...regionAsks, ...pages.flatMap((p) => p.items)].map((a) => a.status)),
      regionAsks,
      leros: pages.filter((p) => p.counts !== null && p.items.length > 0),
      pooled,
      regionConsultations,
    };
  }

  private async page(lero: PublicTenantView): Promise<PublicLeroAsksView> {
    const items = await this.items({ kind: 'lero', id: publicAsksOf(lero) });
    return {
      lero: { name: lero.name, slug: lero.slug },
      counts: lero.reportingVisibility === 'per-lero' ? countsOf(items.map((a) => a.status)) : null,
      items,
    };
  }

  /** The owner's public asks with their timelines, read in the owner's own transaction (its RLS). */
  private async items(owner: Owner): Promise<PublicAskView[]> {
    const read = (tx: TenantTransaction) => this.repo.publicAsks(tx, owner, MAX_PUBLIC_ASKS);
    const { asks, updates } = await (owner.kind === 'lero'
      ? this.db.transactInTenant(owner.id, read)
      : this.db.transactInRegion(owner.id, read));
    const byAsk = timelines(updates);
    return asks.map((a) => publicAskView(a, byAsk.get(a.id) ?? []));
  }
}
