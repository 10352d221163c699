import { Injectable } from '@nestjs/common';
import {
  TenantsClient,
  type PublicRegionTestimonyRequest,
  type PublicRegionTestimonyView,
  type PublicTenantView,
  type PublicTestimonyRequest,
  type PublicTestimonyView,
  type PublishedThemeView,
  type RequestContext,
} from '@hearth/contracts';
import type { TenantTransaction } from '@hearth/persistence';
import { AdvocacyDatabase } from '../advocacy-database';
import { publicRegionTestimonyOf, publicTestimonyOf } from '../advocacy-access';
import { TestimonyRepository } from './testimony.repository';
import { publishedView } from './testimony.views';

/** The most published themes the public page shows (a LERO has a handful; this bounds the answer). */
export const MAX_PUBLIC_THEMES = 100;

/**
 * A LERO's published testimony, for anyone without signing in (ADR 0066): only an active LERO's (the tenants service
 * answers for the slug only then), only published themes, only approved pieces, each theme's pieces in a fresh
 * random order, with no id, date or anything of their contributors. A region's page shows its own themes and
 * gathers its active LEROs'.
 */
@Injectable()
export class PublicTestimonyService {
  constructor(
    private readonly tenants: TenantsClient,
    private readonly db: AdvocacyDatabase,
    private readonly repo: TestimonyRepository,
  ) {}

  async page(ctx: RequestContext, d: PublicTestimonyRequest): Promise<PublicTestimonyView> {
    return this.ofLero(await this.tenants.tenantBySlug(ctx, d.slug));
  }

  /**
   * A region's page: the region's own published themes (ADR 0076, read in the region's RLS), then each active LERO's
   * (one read per LERO, in its own RLS), those with some.
   */
  async ofRegion(ctx: RequestContext, d: PublicRegionTestimonyRequest): Promise<PublicRegionTestimonyView> {
    const { region, leros } = await this.tenants.regionPublicLeros(ctx, d.slug);
    const [themes, pages] = await Promise.all([
      this.db.transactInRegion(publicRegionTestimonyOf(region), (tx) => this.published(tx)),
      Promise.all(leros.map((lero) => this.ofLero(lero))),
    ]);
    return {
      region: { name: region.name, slug: region.slug },
      themes,
      leros: pages.filter((p) => p.themes.length > 0),
    };
  }

  private async ofLero(lero: PublicTenantView): Promise<PublicTestimonyView> {
    const themes = await this.db.transactInTenant(publicTestimonyOf(lero), (tx) => this.published(tx));
    return { lero: { name: lero.name, slug: lero.slug }, themes };
  }

  /** The published themes the transaction sees (one owner's), each with its approved texts shuffled. */
  private async published(tx: TenantTransaction): Promise<PublishedThemeView[]> {
    const rows = await this.repo.themes(tx, { published: true, limit: MAX_PUBLIC_THEMES });
    const texts = await this.repo.publishedTexts(
      tx,
      rows.map((t) => t.id),
    );
    return rows.slice(0, MAX_PUBLIC_THEMES).map((t) =>
      publishedView(
        t,
        texts.filter((p) => p.theme_id === t.id).map((p) => p.text),
      ),
    );
  }
}
