import { Injectable } from '@nestjs/common';
import {
  AppError,
  notFound,
  type RequestContext,
  type SetTermMappingsRequest,
  type TermMappingsRequest,
  type TermMappingsView,
  type TermSummaryView,
} from '@hearth/contracts';
import type { TenantTransaction } from '@hearth/persistence';
import { DirectoryDatabase } from '../directory-database';
import { authoriseInRegion } from '../directory-access';
import { changeLogStatement } from '../listings/change-log';
import { TermMappingsRepository } from './term-mappings.repository';

type Row = Record<string, unknown>;

const invalid = (message: string) =>
  new AppError('VALIDATION', `Invalid termIds: ${message}.`, { errors: [{ field: 'termIds', message }] });

const summaryOf = (r: Row): TermSummaryView => ({
  id: String(r.id),
  name: String(r.name),
  code: (r.code as string | null) ?? null,
  termUri: (r.term_uri as string | null) ?? null,
  taxonomyId: String(r.taxonomy_id),
  taxonomy: String(r.taxonomy),
  shared: r.shared === true,
});

/**
 * What a term of the region's directory stands for in the region's own taxonomies (ADR 0043): its curators (admins
 * and directory curators) map Hearth's terms (or its own) to terms of an esd list it loaded; its commissioners read
 * the mappings. The public
 * feed gives a service with a term the terms it is mapped to as well, and finds it by them.
 */
@Injectable()
export class TermMappingsService {
  constructor(
    private readonly db: DirectoryDatabase,
    private readonly mappings: TermMappingsRepository,
  ) {}

  async get(ctx: RequestContext, dto: TermMappingsRequest): Promise<TermMappingsView> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'read');
    return this.db.transactInRegion(a.regionId, (tx) => this.viewIn(tx, dto.termId.toLowerCase()));
  }

  async set(ctx: RequestContext, dto: SetTermMappingsRequest): Promise<TermMappingsView> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'update');
    const termId = dto.termId.toLowerCase();
    const wanted = [...new Set(dto.termIds.map((id) => id.toLowerCase()))].sort();
    return this.db.transactInRegion(a.regionId, async (tx) => {
      const [, [term], current, own = []] = await tx.run<Row[][]>([
        this.mappings.lock(termId),
        this.mappings.term(termId),
        this.mappings.mappings(termId),
        ...(wanted.length ? [this.mappings.ownTerms(wanted)] : []),
      ]);
      if (!term) throw notFound('Taxonomy term');
      if (wanted.includes(termId)) throw invalid('must not include the term itself');
      if (own.length !== wanted.length)
        throw invalid('must be terms of this region’s own taxonomies (an esd list it loaded)');
      const before = current.map((r) => String(r.id)).sort();
      if (before.join() !== wanted.join())
        await tx.run([
          ...this.mappings.replace(a.regionId, termId, wanted),
          ...changeLogStatement(a.regionId, a.actor.accountId, [
            {
              resourceId: termId,
              resourceType: 'taxonomy_term',
              action: 'update',
              field: 'mappings',
              previous: before,
              replacement: wanted,
            },
          ]),
        ]);
      return this.viewIn(tx, termId);
    });
  }

  private async viewIn(tx: TenantTransaction, termId: string): Promise<TermMappingsView> {
    const [[term], mapped] = await tx.run<Row[][]>([
      this.mappings.term(termId),
      this.mappings.mappings(termId),
    ]);
    if (!term) throw notFound('Taxonomy term');
    return { term: summaryOf(term), mappings: mapped.map(summaryOf) };
  }
}
