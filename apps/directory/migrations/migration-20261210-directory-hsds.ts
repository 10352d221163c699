import { Migration } from '@mikro-orm/migrations';
import { regionRlsSql } from '@hearth/persistence';

/** Where a row came from (a curator, a LERO's activity, an imported feed) and its id there: re-imports update. */
const SOURCE = `source text not null default 'curated', source_id text`;
/** The columns every HSDS table of a region starts with. */
const KEY = `id uuid primary key, region_id uuid not null`;

/** Each region-owned table: its columns after `KEY`, and its indexes (each starts with `region_id`). */
const TABLES: [name: string, columns: string, indexes: string[]][] = [
  [
    'organizations',
    `name text not null, description text, email text, website text, uri text, logo text,
     parent_organization_id uuid references directory.organizations (id),
     status text not null default 'active' check (status in ('active', 'inactive', 'retired')),
     ${SOURCE}, created_at timestamptz not null default now(), last_modified timestamptz not null default now(),
     search_vector tsvector generated always as
       (to_tsvector('english', coalesce(name, '') || ' ' || coalesce(description, ''))) stored`,
    ['(region_id, status, name, id)', 'using gin (search_vector)'],
  ],
  [
    'services',
    `organization_id uuid not null references directory.organizations (id),
     name text not null, description text, url text, email text,
     status text not null default 'active' check (status in ('active', 'inactive', 'retired')),
     fees text, accreditations text, minimum_age int, maximum_age int, alert text,
     assured_date date, assurer_email text, ${SOURCE},
     created_at timestamptz not null default now(), last_modified timestamptz not null default now(),
     search_vector tsvector generated always as
       (to_tsvector('english', coalesce(name, '') || ' ' || coalesce(description, ''))) stored`,
    [
      '(region_id, status, name, id)',
      '(region_id, organization_id)',
      '(region_id, last_modified)',
      'using gin (search_vector)',
    ],
  ],
  [
    'locations',
    `organization_id uuid references directory.organizations (id),
     location_type text not null default 'physical' check (location_type in ('physical', 'postal', 'virtual')),
     name text, description text, latitude double precision, longitude double precision,
     external_identifier text, external_identifier_type text, ${SOURCE}`,
    // A bounding box is a range on each: the planner combines the two (a bitmap AND), never a full scan.
    ['(region_id, latitude)', '(region_id, longitude)'],
  ],
  [
    'addresses',
    `location_id uuid not null references directory.locations (id) on delete cascade,
     attention text, address_1 text not null, address_2 text, city text not null, region text,
     state_province text not null default '', postal_code text not null, country text not null default 'GB',
     address_type text not null default 'physical' check (address_type in ('physical', 'postal', 'virtual'))`,
    ['(region_id, location_id)', '(region_id, postal_code)'],
  ],
  [
    'accessibility',
    `location_id uuid not null references directory.locations (id) on delete cascade,
     description text, details text, url text`,
    ['(region_id, location_id)'],
  ],
  [
    'service_at_locations',
    `service_id uuid not null references directory.services (id) on delete cascade,
     location_id uuid not null references directory.locations (id), description text`,
    ['(region_id, service_id)', '(region_id, location_id)'],
  ],
  [
    'schedules',
    `service_id uuid references directory.services (id) on delete cascade,
     service_at_location_id uuid references directory.service_at_locations (id) on delete cascade,
     valid_from date, valid_to date, dtstart date, timezone text,
     freq text check (freq in ('WEEKLY', 'MONTHLY')), interval int, byday text, bymonthday text,
     opens_at time, closes_at time, description text, schedule_link text, attending_type text, notes text`,
    ['(region_id, service_id)', '(region_id, service_at_location_id)'],
  ],
  [
    'contacts',
    `service_id uuid references directory.services (id) on delete cascade,
     organization_id uuid references directory.organizations (id),
     name text, title text, department text, email text`,
    ['(region_id, service_id)', '(region_id, organization_id)'],
  ],
  [
    'phones',
    `contact_id uuid references directory.contacts (id) on delete cascade,
     service_id uuid references directory.services (id) on delete cascade,
     location_id uuid references directory.locations (id) on delete cascade,
     number text not null, extension text, type text, description text`,
    ['(region_id, contact_id)', '(region_id, service_id)'],
  ],
  [
    'service_areas',
    `service_id uuid not null references directory.services (id) on delete cascade,
     name text, description text, extent text, extent_type text, uri text`,
    ['(region_id, service_id)'],
  ],
  [
    'cost_options',
    `service_id uuid not null references directory.services (id) on delete cascade,
     valid_from date, valid_to date, option text, amount numeric(12, 2), currency text, amount_description text`,
    ['(region_id, service_id)'],
  ],
  [
    'languages',
    `service_id uuid references directory.services (id) on delete cascade,
     location_id uuid references directory.locations (id) on delete cascade,
     phone_id uuid references directory.phones (id) on delete cascade, name text, code text, note text`,
    ['(region_id, service_id)'],
  ],
  [
    // What HSDS calls attributes: a taxonomy term on a service (or organisation, location): the feed's filter.
    'attributes',
    `link_id uuid not null, link_type text not null check (link_type in ('service', 'organization', 'location')),
     taxonomy_term_id uuid not null references directory.taxonomy_terms (id), value text,
     unique (link_type, link_id, taxonomy_term_id)`,
    ['(region_id, link_type, taxonomy_term_id, link_id)', '(region_id, link_type, link_id)'],
  ],
  [
    // HSDS metadata: the change log, written in the same transaction as the change it records.
    'metadata',
    `resource_id uuid not null, resource_type text not null, last_action_date timestamptz not null default now(),
     last_action_type text not null, field_name text not null default '', previous_value text not null default '',
     replacement_value text not null default '', updated_by text not null`,
    ['(region_id, resource_id, last_action_date)'],
  ],
];

/**
 * The regional directory as HSDS 3.0 (UK profile) tables, each owned by a region under forced row-level security;
 * the taxonomies come first because attributes refer to their terms. Taxonomies and their terms may also be
 * Hearth's own (`region_id` null), which every region reads and none writes. Replaces the skeleton's `examples`.
 */
export class MigrationDirectoryHsds extends Migration {
  override name = '20261210-directory-hsds';

  up(): void {
    const sql = [
      'drop table directory.examples',
      `create table directory.taxonomies (id uuid primary key, region_id uuid,
        name text not null, description text not null, uri text, version text, ${SOURCE})`,
      `create index taxonomies_region_idx on directory.taxonomies (region_id, name)`,
      ...regionRlsSql('directory.taxonomies', { sharedRows: true }),
      `create table directory.taxonomy_terms (id uuid primary key, region_id uuid,
        taxonomy_id uuid not null references directory.taxonomies (id), parent_id uuid references directory.taxonomy_terms (id),
        code text, name text not null, description text not null, term_uri text, ${SOURCE})`,
      `create index taxonomy_terms_region_idx on directory.taxonomy_terms (region_id, taxonomy_id, name)`,
      `create index taxonomy_terms_shared_idx on directory.taxonomy_terms (taxonomy_id, name) where region_id is null`,
      ...regionRlsSql('directory.taxonomy_terms', { sharedRows: true }),
      ...TABLES.flatMap(([name, columns, indexes]) => [
        `create table directory.${name} (${KEY}, ${columns})`,
        ...indexes.map((index, i) => `create index ${name}_${i}_idx on directory.${name} ${index}`),
        ...regionRlsSql(`directory.${name}`),
      ]),
      `create unique index organizations_source_idx on directory.organizations (region_id, source, source_id) where source_id is not null`,
      `create unique index services_source_idx on directory.services (region_id, source, source_id) where source_id is not null`,
      `create unique index locations_source_idx on directory.locations (region_id, source, source_id) where source_id is not null`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
