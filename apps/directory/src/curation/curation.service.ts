import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  DirectoryEvents,
  notFound,
  type DirectorySettingsRequest,
  type DirectorySettingsView,
  type ListingRequest,
  type ListingView,
  type NeedsReviewRequest,
  type Page,
  type RegionRequest,
  type RequestContext,
} from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import type { RegionId } from '@hearth/persistence';
import { DirectoryDatabase } from '../directory-database';
import { authoriseInRegion } from '../directory-access';
import { DEFAULT_REVIEW_MONTHS, DIRECTORY_OPTIONS, type DirectoryOptions } from '../directory.options';
import { ServiceGraphRepository } from '../hsds/service-graph.repository';
import { changeLogStatement, type Change } from '../listings/change-log';
import { listingView } from '../listings/listing.view';
import { invalid } from '../listings/listings.service';
import { CurationRepository, type ReviewPosition } from './curation.repository';

type Row = Record<string, string | null>;

const POSITION =
  /^(-infinity|\d{4}-\d{2}-\d{2})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A page's end as an opaque cursor, and back (anything else is a 400). */
export const reviewCursor = (p: ReviewPosition) => Buffer.from(`${p.key}_${p.id}`).toString('base64url');
export function reviewPosition(cursor: string): ReviewPosition {
  const match = POSITION.exec(Buffer.from(cursor, 'base64url').toString());
  const key = match?.[1];
  // A date the database takes: a real day (not 2026-02-30) in a year it knows.
  const day = key ? Date.parse(`${key}T00:00:00Z`) : NaN;
  const real =
    key === '-infinity' ||
    (!!key && key >= '1000' && !Number.isNaN(day) && new Date(day).toISOString().startsWith(key));
  if (!match || !real) throw invalid('cursor', 'is not a cursor this list gave');
  return { key: match[1], id: match[2] };
}

/**
 * A region's curators (its admins and directory curators) assure listings and work through those due for
 * review; its admins set the curator team's address that assuring writes (HSDS `assurer_email`).
 */
@Injectable()
export class CurationService {
  constructor(
    private readonly db: DirectoryDatabase,
    private readonly curation: CurationRepository,
    private readonly graphs: ServiceGraphRepository,
    @Inject(DIRECTORY_OPTIONS) private readonly options: DirectoryOptions,
  ) {}

  private get reviewMonths() {
    return this.options.reviewMonths ?? DEFAULT_REVIEW_MONTHS;
  }

  /**
   * Today's date and the team's address on the listing, with the change log and `evt.directory.listing.assured`
   * in the same transaction. Assuring again on the same day with the same address changes nothing.
   */
  async assure(ctx: RequestContext, dto: ListingRequest): Promise<ListingView> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'update');
    const id = dto.listingId.toLowerCase();
    return this.db.transactInRegion(a.regionId, async (tx) => {
      const [[before], [settings]] = await tx.run<Row[][]>([
        this.curation.lockForAssurance(id),
        this.curation.settings(a.regionId),
      ]);
      if (!before) throw notFound('Listing');
      if (before.status === 'retired') throw new AppError('CONFLICT', 'A retired listing cannot be assured.');
      const email = this.assurerEmail(settings);
      if (!email)
        throw new AppError(
          'CONFLICT',
          'Set the curator team’s address first (PUT /api/v1/regions/{regionId}/directory/settings): assuring writes it on the listing.',
        );
      const today = String(before.today);
      if (before.assured_date !== today || before.assurer_email !== email) {
        const changes: Change[] = [];
        for (const [field, previous, replacement] of [
          ['assured_date', before.assured_date, today],
          ['assurer_email', before.assurer_email, email],
        ])
          if (previous !== replacement)
            changes.push({
              resourceId: id,
              resourceType: 'service',
              action: 'assure',
              field: String(field),
              previous,
              replacement,
            });
        await tx.run([
          this.curation.assure(id, today, email),
          ...changeLogStatement(a.regionId, a.actor.accountId, changes),
          eventStatement(
            tx,
            'directory',
            DirectoryEvents.listingAssured,
            {
              regionId: a.regionId,
              serviceId: id,
              organizationId: String(before.organization_id),
              status: before.status as 'active' | 'inactive',
            },
            null,
          ),
        ]);
      }
      const [graph] = await this.graphs.graphsIn(tx, [id]);
      return listingView(a.regionId, graph);
    });
  }

  /** Active listings not assured for the review period: never-assured first, then the oldest assurance. */
  async needsReview(ctx: RequestContext, dto: NeedsReviewRequest): Promise<Page<ListingView>> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'update');
    const limit = dto.limit ?? 50;
    const after = dto.cursor ? reviewPosition(dto.cursor) : undefined;
    const page = this.curation.needsReview(this.reviewMonths, limit + 1, after);
    const rows = await this.db.readInRegion<{ id: string; review_key: string }>(
      a.regionId,
      page.sql,
      page.params,
    );
    const shown = rows.slice(0, limit);
    const items = (
      await this.graphs.graphs(
        a.regionId,
        shown.map((r) => r.id),
      )
    ).map((g) => listingView(a.regionId, g));
    const last = shown[shown.length - 1];
    return {
      items,
      nextCursor: rows.length > limit ? reviewCursor({ key: last.review_key, id: last.id }) : null,
    };
  }

  async settings(ctx: RequestContext, dto: RegionRequest): Promise<DirectorySettingsView> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'read', 'DirectorySettings');
    const statement = this.curation.settings(a.regionId);
    const [row] = await this.db.readInRegion<Row>(a.regionId, statement.sql, statement.params);
    return this.view(a.regionId, row);
  }

  /** Only the region's admins: the address names the team they appoint. */
  async updateSettings(ctx: RequestContext, dto: DirectorySettingsRequest): Promise<DirectorySettingsView> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'update', 'DirectorySettings');
    const contactEmail = dto.contactEmail?.toLowerCase() ?? null;
    await this.db.transactInRegion(a.regionId, (tx) =>
      tx.run(this.curation.saveSettings(a.regionId, contactEmail, a.actor.accountId), { commit: true }),
    );
    return this.view(a.regionId, { contact_email: contactEmail });
  }

  private assurerEmail(settings: Row | undefined): string | null {
    return settings?.contact_email ?? this.options.defaultContactEmail?.toLowerCase() ?? null;
  }

  private view(regionId: RegionId, row: Row | undefined): DirectorySettingsView {
    return {
      regionId,
      contactEmail: row?.contact_email ?? null,
      assurerEmail: this.assurerEmail(row),
      reviewMonths: this.reviewMonths,
    };
  }
}
