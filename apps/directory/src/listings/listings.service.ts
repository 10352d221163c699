import { Injectable } from '@nestjs/common';
import {
  AppError,
  DirectoryEvents,
  notFound,
  type CreateListingDto,
  type CreateListingRequest,
  type ListListingsRequest,
  type ListingRequest,
  type ListingView,
  type Page,
  type RequestContext,
  type UpdateListingDto,
  type UpdateListingRequest,
} from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import type { SqlLiteral, Statement, TenantTransaction } from '@hearth/persistence';
import { uuidv7 } from 'uuidv7';
import { DirectoryDatabase } from '../directory-database';
import { authoriseInRegion, type AuthorisedInRegion } from '../directory-access';
import { LERO_SOURCE } from '../hsds/hsds.view';
import { ServiceGraphRepository } from '../hsds/service-graph.repository';
import { changeLogStatement, type Change } from './change-log';
import { ListingsRepository, SERVICE_COLUMNS } from './listings.repository';
import { listingView } from './listing.view';

type Row = Record<string, unknown>;
type Event = (typeof DirectoryEvents)[keyof typeof DirectoryEvents];

export const invalid = (field: string, message: string) =>
  new AppError('VALIDATION', `Invalid ${field}: ${message}.`, { errors: [{ field, message }] });

export function checkAges(min: unknown, max: unknown) {
  if (min !== null && min !== undefined && max !== null && max !== undefined && Number(min) > Number(max))
    throw invalid('maximumAge', 'must not be below minimumAge');
}

/** A region's curators write listings: each change and its change log and event in one transaction. */
@Injectable()
export class ListingsService {
  constructor(
    private readonly db: DirectoryDatabase,
    private readonly listings: ListingsRepository,
    private readonly graphs: ServiceGraphRepository,
  ) {}

  async create(ctx: RequestContext, dto: CreateListingRequest): Promise<ListingView> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'create');
    return this.db.transactInRegion(a.regionId, (tx) => this.createIn(tx, a, dto));
  }

  /** A new listing inside a transaction of the caller's (a curator's approval of a suggestion shares it). */
  async createIn(tx: TenantTransaction, a: AuthorisedInRegion, dto: CreateListingDto): Promise<ListingView> {
    if (!dto.organizationId === !dto.organization)
      throw invalid(
        'organization',
        'give either organizationId (one already listed) or organization (a new one)',
      );
    checkAges(dto.minimumAge, dto.maximumAge);
    await this.checkTerms(tx, dto.taxonomyTermIds);
    let organizationId = dto.organizationId?.toLowerCase();
    const statements: Statement[] = [];
    const changes: Change[] = [];
    if (organizationId) {
      const [found] = await tx.run<Row[][]>(this.listings.organizationExists(organizationId));
      if (found.length === 0) throw invalid('organizationId', 'is not an organisation of this region');
    } else {
      organizationId = uuidv7();
      statements.push(this.listings.organization(a.regionId, organizationId, dto.organization!));
      changes.push({ resourceId: organizationId, resourceType: 'organization', action: 'create' });
    }
    const id = uuidv7();
    statements.push(
      this.listings.service(a.regionId, id, organizationId, dto),
      ...this.parts(a, id, organizationId, dto),
    );
    changes.push({ resourceId: id, resourceType: 'service', action: 'create', replacement: dto.name });
    await tx.run([
      ...statements,
      ...changeLogStatement(a.regionId, a.actor.accountId, changes),
      this.event(tx, a, DirectoryEvents.listingCreated, id, organizationId, dto.status ?? 'active'),
    ]);
    return this.viewIn(tx, a, id);
  }

  async list(ctx: RequestContext, dto: ListListingsRequest): Promise<Page<ListingView>> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'read');
    const limit = dto.limit ?? 50;
    const cursor = dto.cursor && /^[0-9a-f-]{36}$/i.test(dto.cursor) ? dto.cursor : undefined;
    if (dto.cursor && !cursor) throw invalid('cursor', 'is not a cursor this list gave');
    const page = this.listings.page(limit + 1, cursor, dto.status);
    const rows = await this.db.readInRegion<{ id: string }>(a.regionId, page.sql, page.params);
    const ids = rows.slice(0, limit).map((r) => r.id);
    const items = (await this.graphs.graphs(a.regionId, ids)).map((g) => listingView(a.regionId, g));
    return { items, nextCursor: rows.length > limit ? ids[ids.length - 1] : null };
  }

  async get(ctx: RequestContext, dto: ListingRequest): Promise<ListingView> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'read');
    const [graph] = await this.graphs.graphs(a.regionId, [dto.listingId.toLowerCase()]);
    if (!graph) throw notFound('Listing');
    return listingView(a.regionId, graph);
  }

  async update(ctx: RequestContext, dto: UpdateListingRequest): Promise<ListingView> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'update');
    return this.db.transactInRegion(a.regionId, (tx) =>
      this.updateIn(tx, a, dto.listingId.toLowerCase(), dto),
    );
  }

  /** A change inside a transaction of the caller's (a curator's approval of a suggestion shares it). */
  async updateIn(
    tx: TenantTransaction,
    a: AuthorisedInRegion,
    id: string,
    dto: UpdateListingDto,
  ): Promise<ListingView> {
    const before = await this.lock(tx, id);
    if (before.status === 'retired') throw new AppError('CONFLICT', 'A retired listing cannot be changed.');
    // A LERO's listing follows its activity, and its next change would write over a curator's (ADR 0049).
    if (before.source === LERO_SOURCE)
      throw new AppError(
        'CONFLICT',
        'This listing is kept by a LERO from one of its activities: it changes when the LERO changes the activity, so a change here would be written over. Ask the LERO to change it; it can be marked as checked or retired here.',
      );
    await this.checkTerms(tx, dto.taxonomyTermIds);
    const changed: Record<string, SqlLiteral> = {};
    const changes: Change[] = [];
    for (const [field, column] of Object.entries(SERVICE_COLUMNS)) {
      const value = dto[field as keyof typeof SERVICE_COLUMNS];
      if (value === undefined || value === before[column]) continue;
      changed[column] = value;
      changes.push({
        resourceId: id,
        resourceType: 'service',
        action: 'update',
        field: column,
        previous: before[column],
        replacement: value,
      });
    }
    checkAges(changed.minimum_age ?? before.minimum_age, changed.maximum_age ?? before.maximum_age);
    const organizationId = String(before.organization_id);
    const statements: Statement[] = [];
    if (dto.organization) {
      statements.push(this.listings.updateOrganization(organizationId, dto.organization));
      changes.push({
        resourceId: organizationId,
        resourceType: 'organization',
        action: 'update',
        field: 'organization',
        replacement: dto.organization,
      });
    }
    const [old] =
      dto.location !== undefined ||
      dto.schedules ||
      dto.contact !== undefined ||
      dto.taxonomyTermIds ||
      dto.languages
        ? await this.graphs.graphsIn(tx, [id])
        : [];
    const previous = old ? listingView(a.regionId, old) : undefined;
    if (dto.location !== undefined) statements.push(...this.listings.removeLocations(id));
    if (dto.schedules) statements.push(this.listings.clear('schedules', id));
    if (dto.contact !== undefined) statements.push(this.listings.clear('contacts', id));
    if (dto.taxonomyTermIds) statements.push(this.listings.clearTerms(id));
    if (dto.languages) statements.push(this.listings.clear('languages', id));
    statements.push(...this.parts(a, id, organizationId, dto));
    for (const part of ['location', 'schedules', 'contact', 'taxonomyTermIds', 'languages'] as const)
      if (dto[part] !== undefined)
        changes.push({
          resourceId: id,
          resourceType: 'service',
          action: 'update',
          field: part,
          previous: part === 'taxonomyTermIds' ? previous?.taxonomyTerms.map((t) => t.id) : previous?.[part],
          replacement: dto[part],
        });
    if (changes.length === 0) return this.viewIn(tx, a, id);
    const status = String(changed.status ?? before.status) as 'active' | 'inactive';
    await tx.run([
      ...statements,
      Object.keys(changed).length ? this.listings.updateService(id, changed) : this.listings.touchService(id),
      ...changeLogStatement(a.regionId, a.actor.accountId, changes),
      this.event(tx, a, DirectoryEvents.listingUpdated, id, organizationId, status),
    ]);
    return this.viewIn(tx, a, id);
  }

  async retire(ctx: RequestContext, dto: ListingRequest): Promise<ListingView> {
    const a = authoriseInRegion(ctx.actor, dto.regionId, 'delete');
    const id = dto.listingId.toLowerCase();
    return this.db.transactInRegion(a.regionId, async (tx) => {
      const before = await this.lock(tx, id);
      if (before.status !== 'retired') {
        await tx.run([
          this.listings.updateService(id, { status: 'retired' }),
          ...changeLogStatement(a.regionId, a.actor.accountId, [
            {
              resourceId: id,
              resourceType: 'service',
              action: 'retire',
              field: 'status',
              previous: before.status,
              replacement: 'retired',
            },
          ]),
          this.event(tx, a, DirectoryEvents.listingRetired, id, String(before.organization_id), 'retired'),
        ]);
      }
      return this.viewIn(tx, a, id);
    });
  }

  /** The sub-parts a create or change writes (a change has removed the old ones first). */
  private parts(
    a: AuthorisedInRegion,
    id: string,
    organizationId: string,
    dto: UpdateListingDto,
  ): Statement[] {
    return [
      ...(dto.location ? this.listings.location(a.regionId, id, organizationId, dto.location) : []),
      ...this.listings.schedules(a.regionId, id, dto.schedules ?? []),
      ...(dto.contact ? this.listings.contact(a.regionId, id, dto.contact) : []),
      ...this.listings.terms(
        a.regionId,
        id,
        (dto.taxonomyTermIds ?? []).map((t) => t.toLowerCase()),
      ),
      ...this.listings.languages(a.regionId, id, dto.languages ?? []),
    ];
  }

  async checkTerms(tx: TenantTransaction, termIds: string[] | undefined) {
    if (!termIds?.length) return;
    const wanted = termIds.map((t) => t.toLowerCase());
    const [known] = await tx.run<{ id: string }[][]>(this.listings.knownTerms(wanted));
    if (known.length !== new Set(wanted).size)
      throw invalid('taxonomyTermIds', 'must be terms of this region’s or Hearth’s taxonomies');
  }

  private async lock(tx: TenantTransaction, id: string): Promise<Row> {
    const [[row]] = await tx.run<Row[][]>(this.listings.lockService(id));
    if (!row) throw notFound('Listing');
    return row;
  }

  private event(
    tx: TenantTransaction,
    a: AuthorisedInRegion,
    subject: Event,
    serviceId: string,
    organizationId: string,
    status: 'active' | 'inactive' | 'retired',
  ) {
    return eventStatement(
      tx,
      'directory',
      subject,
      { regionId: a.regionId, serviceId, organizationId, status },
      null,
    );
  }

  private async viewIn(tx: TenantTransaction, a: AuthorisedInRegion, id: string): Promise<ListingView> {
    const [graph] = await this.graphs.graphsIn(tx, [id]);
    return listingView(a.regionId, graph);
  }
}
