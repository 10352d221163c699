import { Injectable } from '@nestjs/common';
import type { ExportCell, HsdsTable } from '@hearth/contracts';
import { decodeCursor, type RegionId } from '@hearth/persistence';
import { DirectoryDatabase } from '../directory-database';

type Stored = Record<string, unknown>;

const date = (c: string) => `to_char(${c}, 'YYYY-MM-DD')`;
const time = (c: string) => `to_char(${c}, 'HH24:MI')`;
const iso = (c: string) => `to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Each HSDS table of the tabular download: its columns (HSDS field names, in HSDS order) and how each is read.
 * Only what Hearth keeps; `source`, `source_id` and the change log (account ids) stay in Hearth.
 */
export const TABLE_COLUMNS: Record<HsdsTable, [name: string, expression?: string][]> = {
  organizations: [
    ['id'],
    ['name'],
    ['description'],
    ['email'],
    ['website'],
    ['uri'],
    ['logo'],
    ['parent_organization_id'],
  ],
  services: [
    ['id'],
    ['organization_id'],
    ['name'],
    ['description'],
    ['url'],
    ['email'],
    ['status', `case status when 'retired' then 'defunct' else status end`],
    ['fees'],
    ['accreditations'],
    ['minimum_age'],
    ['maximum_age'],
    ['assured_date', date('assured_date')],
    ['assurer_email'],
    ['alert'],
    ['last_modified', iso('last_modified')],
  ],
  locations: [
    ['id'],
    ['location_type'],
    ['organization_id'],
    ['name'],
    ['description'],
    ['latitude'],
    ['longitude'],
    ['external_identifier'],
    ['external_identifier_type'],
  ],
  addresses: [
    ['id'],
    ['location_id'],
    ['attention'],
    ['address_1'],
    ['address_2'],
    ['city'],
    ['region'],
    ['state_province'],
    ['postal_code'],
    ['country'],
    ['address_type'],
  ],
  accessibility: [['id'], ['location_id'], ['description'], ['details'], ['url']],
  service_at_locations: [['id'], ['service_id'], ['location_id'], ['description']],
  schedules: [
    ['id'],
    ['service_id'],
    ['service_at_location_id'],
    ['valid_from', date('valid_from')],
    ['valid_to', date('valid_to')],
    ['dtstart', date('dtstart')],
    ['timezone'],
    ['freq'],
    ['interval'],
    ['byday'],
    ['bymonthday'],
    ['opens_at', time('opens_at')],
    ['closes_at', time('closes_at')],
    ['description'],
    ['schedule_link'],
    ['attending_type'],
    ['notes'],
  ],
  contacts: [['id'], ['service_id'], ['organization_id'], ['name'], ['title'], ['department'], ['email']],
  phones: [
    ['id'],
    ['contact_id'],
    ['service_id'],
    ['location_id'],
    ['number'],
    ['extension'],
    ['type'],
    ['description'],
  ],
  service_areas: [['id'], ['service_id'], ['name'], ['description'], ['extent'], ['extent_type'], ['uri']],
  cost_options: [
    ['id'],
    ['service_id'],
    ['valid_from', date('valid_from')],
    ['valid_to', date('valid_to')],
    ['option'],
    ['amount', 'amount::float8'],
    ['currency'],
    ['amount_description'],
  ],
  languages: [['id'], ['service_id'], ['location_id'], ['phone_id'], ['name'], ['code'], ['note']],
  attributes: [['id'], ['link_id'], ['link_type'], ['taxonomy_term_id'], ['value']],
  taxonomies: [['id'], ['name'], ['description'], ['uri'], ['version']],
  taxonomy_terms: [
    ['id'],
    ['code'],
    ['name'],
    ['description'],
    ['parent_id'],
    ['taxonomy', '(select x.name from directory.taxonomies x where x.id = t.taxonomy_id)'],
    ['taxonomy_id'],
    ['term_uri'],
  ],
};

const FIRST = '00000000-0000-0000-0000-000000000000';
const after = (cursor?: string) => (cursor ? decodeCursor(cursor) : FIRST);

/** The region's rows for an export, in id order, a page at a time (its own and Hearth's shared taxonomy). */
@Injectable()
export class ExportsRepository {
  constructor(private readonly db: DirectoryDatabase) {}

  tableRows(regionId: RegionId, table: HsdsTable, limit: number, cursor?: string) {
    const cells = TABLE_COLUMNS[table].map(([name, expression]) => expression ?? `t.${name}`);
    return this.db.readInRegion<{ id: string; cells: ExportCell[] }>(
      regionId,
      `select t.id, json_build_array(${cells.join(', ')}) as cells from directory.${table} t
       where t.id > $1 order by t.id limit $2`,
      [after(cursor), limit],
    );
  }

  /** Every service's id, whatever its status (the export is the whole directory, not only the public feed). */
  serviceIds(regionId: RegionId, limit: number, cursor?: string) {
    return this.db.readInRegion<{ id: string }>(
      regionId,
      `select id from directory.services where id > $1 order by id limit $2`,
      [after(cursor), limit],
    );
  }

  rows(
    regionId: RegionId,
    part: 'organizations' | 'taxonomies' | 'taxonomy_terms',
    limit: number,
    cursor?: string,
  ) {
    const sql = {
      organizations: `select o.* from directory.organizations o where o.id > $1 order by o.id limit $2`,
      taxonomies: `select x.* from directory.taxonomies x where x.id > $1 order by x.id limit $2`,
      taxonomy_terms: `select t.*, x.name as taxonomy_name from directory.taxonomy_terms t
        join directory.taxonomies x on x.id = t.taxonomy_id where t.id > $1 order by t.id limit $2`,
    };
    return this.db.readInRegion<Stored & { id: string }>(regionId, sql[part], [after(cursor), limit]);
  }
}
