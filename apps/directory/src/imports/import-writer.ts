import { Injectable } from '@nestjs/common';
import { DirectoryEvents } from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import type { RegionId, Statement, TenantTransaction } from '@hearth/persistence';
import { uuidv7 } from 'uuidv7';
import { DirectoryDatabase } from '../directory-database';
import { changeLogStatement, type Change } from '../listings/change-log';
import type { MappedService, MappedTerm } from './hsds-record.mapper';
import { differs, insert, textArray, update, type Row } from './sql.util';

type Stored = Record<string, unknown>;
export type Outcome = 'created' | 'updated' | 'unchanged';

/** Who an import writes as, and where from: the change log names the curator who started it. */
export interface ImportScope {
  regionId: RegionId;
  source: string;
  accountId: string;
}

const SERVICE_COLUMNS = `id, organization_id, status, source_digest, name, description, url, email, fees, accreditations,
  minimum_age, maximum_age, to_char(assured_date, 'YYYY-MM-DD') as assured_date, assurer_email, alert`;
/** A service's parts that an import replaces whole when the record changed. */
const PARTS = ['schedules', 'contacts', 'service_areas', 'cost_options', 'languages', 'service_at_locations'];

const bySourceId = (rows: Stored[]) => new Map(rows.map((r) => [String(r.source_id), r]));

/**
 * Writes a feed's records into a region's listings (mode `listings`): each record in one transaction with its
 * change log and its `evt.directory.listing.*` event. A record is found again by its feed and id (`source`,
 * `source_id`); one whose digest has not changed, or whose listing a curator retired, is left as it is.
 */
@Injectable()
export class ImportWriter {
  constructor(private readonly db: DirectoryDatabase) {}

  write(scope: ImportScope, m: MappedService, digest: string): Promise<Outcome> {
    return this.db
      .transactInRegion(scope.regionId, (tx) => this.writeIn(tx, scope, m, digest))
      .then((w) => w.outcome);
  }

  /** One record in a caller's transaction (approving an import's suggestion shares it); and its listing's id. */
  async writeIn(
    tx: TenantTransaction,
    scope: ImportScope,
    m: MappedService,
    digest: string,
  ): Promise<{ outcome: Outcome; serviceId: string }> {
    const found = await this.read(tx, scope.source, m);
    const [existing] = found.services;
    if (existing && (existing.source_digest === digest || existing.status === 'retired'))
      return { outcome: 'unchanged', serviceId: String(existing.id) };
    const statements: Statement[] = [];
    const changes: Change[] = [];
    const organizationId = this.organization(scope, m, found.organizations, statements, changes);
    const terms = this.terms(scope, m.terms, found, statements);
    const id = existing ? String(existing.id) : uuidv7();
    const cells: Row = { ...m.service, organization_id: organizationId, source_digest: digest };
    if (existing) {
      const changed = differs(existing, { ...m.service, organization_id: organizationId });
      statements.push(
        update('services', id, cells, ', last_modified = now()'),
        ...PARTS.map((t) => ({ sql: `delete from directory.${t} where service_id = $1`, params: [id] })),
        {
          sql: `delete from directory.attributes where link_type = 'service' and link_id = $1`,
          params: [id],
        },
      );
      for (const field of changed.length ? changed : ['parts'])
        changes.push({
          resourceId: id,
          resourceType: 'service',
          action: 'update',
          field,
          previous: field === 'parts' ? undefined : existing[field],
          replacement: field === 'parts' ? `changed in ${scope.source}` : cells[field],
        });
    } else {
      statements.push(
        insert('services', {
          id,
          region_id: scope.regionId,
          ...cells,
          source: scope.source,
          source_id: m.sourceId,
        }),
      );
      changes.push({
        resourceId: id,
        resourceType: 'service',
        action: 'create',
        replacement: m.service.name,
      });
    }
    statements.push(...this.parts(scope, id, organizationId, m, found.locations));
    statements.push(
      ...terms.map((t) =>
        insert('attributes', {
          id: uuidv7(),
          region_id: scope.regionId,
          link_id: id,
          link_type: 'service',
          taxonomy_term_id: t.id,
          value: t.value,
        }),
      ),
    );
    await tx.run([
      ...statements,
      ...changeLogStatement(scope.regionId, scope.accountId, changes),
      eventStatement(
        tx,
        'directory',
        existing ? DirectoryEvents.listingUpdated : DirectoryEvents.listingCreated,
        { regionId: scope.regionId, serviceId: id, organizationId, status: m.service.status },
        null,
      ),
    ]);
    return { outcome: existing ? 'updated' : 'created', serviceId: id };
  }

  /**
   * After a whole walk of the feed: its listings that it no longer has are made inactive (not retired: a record
   * that comes back is written again, which forgetting its digest makes sure of). Answers how many.
   */
  sweep(scope: ImportScope, seen: Set<string>): Promise<number> {
    return this.db.transactInRegion(scope.regionId, async (tx) => {
      const [rows] = await tx.run<Stored[][]>({
        sql: `select id, organization_id, source_id from directory.services
              where source = $1 and status = 'active' for update`,
        params: [scope.source],
      });
      const gone = rows.filter((r) => !seen.has(String(r.source_id)));
      if (gone.length === 0) return 0;
      await tx.run([
        {
          sql: `update directory.services set status = 'inactive', source_digest = null, last_modified = now()
                where id = any($1::uuid[])`,
          params: [`{${gone.map((r) => String(r.id)).join(',')}}`],
        },
        ...changeLogStatement(
          scope.regionId,
          scope.accountId,
          gone.map((r) => ({
            resourceId: String(r.id),
            resourceType: 'service' as const,
            action: 'update' as const,
            field: 'status',
            previous: 'active',
            replacement: 'inactive',
          })),
        ),
        ...gone.map((r) =>
          eventStatement(
            tx,
            'directory',
            DirectoryEvents.listingUpdated,
            {
              regionId: scope.regionId,
              serviceId: String(r.id),
              organizationId: String(r.organization_id),
              status: 'inactive',
            },
            null,
          ),
        ),
      ]);
      return gone.length;
    });
  }

  /** What the record refers to that the region may have already: in one round trip. */
  private async read(tx: TenantTransaction, source: string, m: MappedService) {
    const termIds = m.terms.flatMap((t) => [t.term.sourceId, t.term.parentSourceId ?? []].flat());
    const orgIds = [m.organization.sourceId, m.organization.parentSourceId ?? []].flat();
    const [services, organizations, locations, shared, terms, taxonomies] = await tx.run<Stored[][]>([
      {
        sql: `select ${SERVICE_COLUMNS} from directory.services where source = $1 and source_id = $2 for update`,
        params: [source, m.sourceId],
      },
      {
        sql: `select id, source_id, name, description, email, website, uri, logo, parent_organization_id
              from directory.organizations where source = $1 and source_id = any($2::text[])`,
        params: [source, textArray(orgIds)],
      },
      {
        sql: `select id, source_id from directory.locations where source = $1 and source_id = any($2::text[])`,
        params: [source, textArray(m.locations.map((l) => l.sourceId))],
      },
      {
        sql: `select id from directory.taxonomy_terms where region_id is null and id::text = any($1::text[])`,
        params: [textArray(m.terms.map((t) => t.term.sourceId.toLowerCase()))],
      },
      {
        sql: `select id, source_id, taxonomy_id, name, description, code, term_uri, parent_id
              from directory.taxonomy_terms where region_id is not null and source = $1 and source_id = any($2::text[])`,
        params: [source, textArray(termIds)],
      },
      {
        sql: `select id, source_id, name, description, uri, version from directory.taxonomies
              where region_id is not null and source = $1 and source_id = any($2::text[])`,
        params: [source, textArray(m.terms.map((t) => t.term.taxonomy.sourceId))],
      },
    ]);
    return {
      services,
      organizations: bySourceId(organizations),
      locations: bySourceId(locations),
      shared: new Set(shared.map((r) => String(r.id))),
      terms: bySourceId(terms),
      taxonomies: bySourceId(taxonomies),
    };
  }

  private organization(
    scope: ImportScope,
    m: MappedService,
    stored: Map<string, Stored>,
    statements: Statement[],
    changes: Change[],
  ): string {
    const o = m.organization;
    const parent = o.parentSourceId ? stored.get(o.parentSourceId)?.id : undefined;
    const row = stored.get(o.sourceId);
    if (!row) {
      const id = uuidv7();
      statements.push(
        insert('organizations', {
          id,
          region_id: scope.regionId,
          ...o.cells,
          parent_organization_id: parent as string | undefined,
          source: scope.source,
          source_id: o.sourceId,
        }),
      );
      changes.push({
        resourceId: id,
        resourceType: 'organization',
        action: 'create',
        replacement: o.cells.name,
      });
      return id;
    }
    const id = String(row.id);
    const cells: Row = parent ? { ...o.cells, parent_organization_id: String(parent) } : o.cells;
    const changed = differs(row, cells);
    if (changed.length) {
      statements.push(update('organizations', id, cells, ', last_modified = now()'));
      for (const field of changed)
        changes.push({
          resourceId: id,
          resourceType: 'organization',
          action: 'update',
          field,
          previous: row[field],
          replacement: cells[field],
        });
    }
    return id;
  }

  /** The terms of the record as ids of this region: Hearth's own as they are, a feed's found or made. */
  private terms(
    scope: ImportScope,
    list: MappedService['terms'],
    found: Awaited<ReturnType<ImportWriter['read']>>,
    statements: Statement[],
  ): { id: string; value?: string }[] {
    return list.map(({ term, value }) => {
      const own = term.sourceId.toLowerCase();
      if (found.shared.has(own)) return { id: own, value };
      const taxonomyId = this.upsert(
        scope,
        'taxonomies',
        found.taxonomies,
        term.taxonomy.sourceId,
        statements,
        {
          name: term.taxonomy.name,
          description: term.taxonomy.description,
          uri: term.taxonomy.uri,
          version: term.taxonomy.version,
        },
      );
      return { id: this.term(scope, term, taxonomyId, found.terms, statements), value };
    });
  }

  private term(
    scope: ImportScope,
    term: MappedTerm,
    taxonomyId: string,
    stored: Map<string, Stored>,
    statements: Statement[],
  ): string {
    const parent = term.parentSourceId ? stored.get(term.parentSourceId)?.id : undefined;
    return this.upsert(scope, 'taxonomy_terms', stored, term.sourceId, statements, {
      taxonomy_id: taxonomyId,
      name: term.name,
      description: term.description,
      code: term.code,
      term_uri: term.term_uri,
      ...(parent ? { parent_id: String(parent) } : {}),
    });
  }

  /** A taxonomy or term of the feed: made, changed where it differs, or left; `stored` learns what was made. */
  private upsert(
    scope: ImportScope,
    table: 'taxonomies' | 'taxonomy_terms',
    stored: Map<string, Stored>,
    sourceId: string,
    statements: Statement[],
    cells: Row,
  ): string {
    const row = stored.get(sourceId);
    if (!row) {
      const id = uuidv7();
      statements.push(
        insert(table, { id, region_id: scope.regionId, ...cells, source: scope.source, source_id: sourceId }),
      );
      stored.set(sourceId, { id, source_id: sourceId, ...cells });
      return id;
    }
    if (differs(row, cells).length) {
      statements.push(update(table, String(row.id), cells));
      Object.assign(row, cells);
    }
    return String(row.id);
  }

  /** The service's places (each location found again or made), times, contacts, areas, costs and languages. */
  private parts(
    scope: ImportScope,
    serviceId: string,
    organizationId: string,
    m: MappedService,
    locations: Map<string, Stored>,
  ): Statement[] {
    const region = scope.regionId;
    const statements: Statement[] = [];
    const written = new Map<string, string>();
    for (const l of m.locations) {
      let locationId = written.get(l.sourceId);
      if (!locationId) {
        const row = locations.get(l.sourceId);
        locationId = row ? String(row.id) : uuidv7();
        written.set(l.sourceId, locationId);
        if (row)
          statements.push(
            update('locations', locationId, l.cells),
            { sql: `delete from directory.addresses where location_id = $1`, params: [locationId] },
            { sql: `delete from directory.accessibility where location_id = $1`, params: [locationId] },
          );
        else
          statements.push(
            insert('locations', {
              id: locationId,
              region_id: region,
              organization_id: organizationId,
              ...l.cells,
              source: scope.source,
              source_id: l.sourceId,
            }),
          );
        const child = { region_id: region, location_id: locationId };
        for (const a of l.addresses) statements.push(insert('addresses', { id: uuidv7(), ...child, ...a }));
        for (const a of l.accessibility)
          statements.push(insert('accessibility', { id: uuidv7(), ...child, ...a }));
      }
      statements.push(
        insert('service_at_locations', {
          id: uuidv7(),
          region_id: region,
          service_id: serviceId,
          location_id: locationId,
          description: l.salDescription,
        }),
      );
    }
    const own = { region_id: region, service_id: serviceId };
    for (const x of m.schedules) statements.push(insert('schedules', { id: uuidv7(), ...own, ...x }));
    for (const x of m.serviceAreas) statements.push(insert('service_areas', { id: uuidv7(), ...own, ...x }));
    for (const x of m.costOptions) statements.push(insert('cost_options', { id: uuidv7(), ...own, ...x }));
    for (const x of m.languages) statements.push(insert('languages', { id: uuidv7(), ...own, ...x }));
    for (const c of m.contacts) {
      const contactId = uuidv7();
      statements.push(insert('contacts', { id: contactId, ...own, ...c.cells }));
      for (const p of c.phones)
        statements.push(insert('phones', { id: uuidv7(), region_id: region, contact_id: contactId, ...p }));
    }
    return statements;
  }
}
