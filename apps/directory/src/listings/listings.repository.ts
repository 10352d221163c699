import { Injectable } from '@nestjs/common';
import { uuidv7 } from 'uuidv7';
import type {
  ContactInput,
  CreateListingDto,
  LocationInput,
  OrganizationInput,
  ScheduleInput,
  UpdateListingDto,
} from '@hearth/contracts';
import type { RegionId, SqlLiteral, Statement } from '@hearth/persistence';

/** `$1, $2 …` for n values after `from`. */
const marks = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');
const insert = (table: string, row: Record<string, SqlLiteral | undefined>): Statement => {
  const entries = Object.entries(row).filter(([, v]) => v !== undefined) as [string, SqlLiteral][];
  return {
    sql: `insert into directory.${table} (${entries.map(([k]) => k).join(', ')}) values (${marks(entries.length)})`,
    params: entries.map(([, v]) => v),
  };
};

/** A language's English name (`pl` → Polish), for HSDS `name`. */
const languageName = (code: string) => new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;

/** The service fields a curator writes, as columns. */
export const SERVICE_COLUMNS = {
  name: 'name',
  description: 'description',
  url: 'url',
  email: 'email',
  status: 'status',
  fees: 'fees',
  minimumAge: 'minimum_age',
  maximumAge: 'maximum_age',
  alert: 'alert',
} as const satisfies Partial<Record<keyof CreateListingDto, string>>;

/** All of a listing's SQL: the statements of a change, run by the service in one transaction. */
@Injectable()
export class ListingsRepository {
  organization(regionId: RegionId, id: string, o: OrganizationInput): Statement {
    return insert('organizations', {
      id,
      region_id: regionId,
      name: o.name,
      description: o.description,
      email: o.email,
      website: o.website,
    });
  }

  updateOrganization(id: string, o: OrganizationInput): Statement {
    return {
      sql: `update directory.organizations set name = $2, description = $3, email = $4, website = $5,
              last_modified = now() where id = $1`,
      params: [id, o.name, o.description ?? null, o.email ?? null, o.website ?? null],
    };
  }

  organizationExists(id: string): Statement {
    return { sql: `select id from directory.organizations where id = $1`, params: [id] };
  }

  service(regionId: RegionId, id: string, organizationId: string, dto: CreateListingDto): Statement {
    const row: Record<string, SqlLiteral | undefined> = {
      id,
      region_id: regionId,
      organization_id: organizationId,
    };
    for (const [field, column] of Object.entries(SERVICE_COLUMNS))
      row[column] = dto[field as keyof typeof SERVICE_COLUMNS] ?? undefined;
    return insert('services', row);
  }

  /** The service row as it is, locked for a change (null: not in this region). */
  lockService(id: string): Statement {
    return { sql: `select * from directory.services where id = $1 for update`, params: [id] };
  }

  updateService(id: string, changes: Record<string, SqlLiteral>): Statement {
    const columns = Object.keys(changes);
    return {
      sql: `update directory.services set ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')},
              last_modified = now() where id = $1`,
      params: [id, ...Object.values(changes)],
    };
  }

  touchService(id: string): Statement {
    return { sql: `update directory.services set last_modified = now() where id = $1`, params: [id] };
  }

  /**
   * A location with its one address and accessibility, and the service offered there. Without a point of its
   * own (latitude and longitude), it takes its postcode's centroid from the postcode list if the list has it,
   * so the feed's `postcode`/`proximity` filters find it (ADR 0038).
   */
  location(regionId: RegionId, serviceId: string, organizationId: string, l: LocationInput): Statement[] {
    const locationId = uuidv7();
    return [
      {
        sql: `insert into directory.locations (id, region_id, organization_id, name, description, latitude, longitude)
              select $1::uuid, $2::uuid, $3::uuid, $4::text, $5::text,
                case when g.latitude is null or g.longitude is null then p.latitude else g.latitude end,
                case when g.latitude is null or g.longitude is null then p.longitude else g.longitude end
                from (select $6::float8 as latitude, $7::float8 as longitude) g
                left join directory.postcodes p on p.postcode = $8`,
        params: [
          locationId,
          regionId,
          organizationId,
          l.name ?? null,
          l.description ?? null,
          l.latitude ?? null,
          l.longitude ?? null,
          l.postcode,
        ],
      },
      insert('addresses', {
        id: uuidv7(),
        region_id: regionId,
        location_id: locationId,
        address_1: l.address1,
        city: l.city,
        // Normalised by the contract (`ls14ap` → `LS1 4AP`): the form the postcode list has.
        postal_code: l.postcode,
      }),
      ...(l.accessibility
        ? [
            insert('accessibility', {
              id: uuidv7(),
              region_id: regionId,
              location_id: locationId,
              description: l.accessibility,
            }),
          ]
        : []),
      insert('service_at_locations', {
        id: uuidv7(),
        region_id: regionId,
        service_id: serviceId,
        location_id: locationId,
      }),
    ];
  }

  /** The service's locations go (their addresses and accessibility with them). */
  removeLocations(serviceId: string): Statement[] {
    return [
      {
        sql: `with gone as (delete from directory.service_at_locations where service_id = $1 returning location_id)
              delete from directory.locations where id in (select location_id from gone)
                and source = 'curated'`,
        params: [serviceId],
      },
    ];
  }

  schedules(regionId: RegionId, serviceId: string, list: ScheduleInput[]): Statement[] {
    return list.map((x) =>
      insert('schedules', {
        id: uuidv7(),
        region_id: regionId,
        service_id: serviceId,
        freq: x.freq,
        interval: x.interval,
        byday: x.byday,
        bymonthday: x.bymonthday,
        opens_at: x.opensAt,
        closes_at: x.closesAt,
        valid_from: x.validFrom,
        valid_to: x.validTo,
        description: x.description,
        timezone: 'Europe/London',
      }),
    );
  }

  contact(regionId: RegionId, serviceId: string, c: ContactInput): Statement[] {
    const contactId = uuidv7();
    return [
      insert('contacts', {
        id: contactId,
        region_id: regionId,
        service_id: serviceId,
        name: c.name,
        title: c.title,
        email: c.email,
      }),
      ...(c.phone
        ? [insert('phones', { id: uuidv7(), region_id: regionId, contact_id: contactId, number: c.phone })]
        : []),
    ];
  }

  terms(regionId: RegionId, serviceId: string, termIds: string[]): Statement[] {
    return termIds.map((termId) =>
      insert('attributes', {
        id: uuidv7(),
        region_id: regionId,
        link_id: serviceId,
        link_type: 'service',
        taxonomy_term_id: termId,
      }),
    );
  }

  /** Which of these terms the region may use (its own and Hearth's). */
  knownTerms(termIds: string[]): Statement {
    return {
      sql: `select id from directory.taxonomy_terms where id = any($1::uuid[])`,
      params: [`{${termIds.join(',')}}`],
    };
  }

  languages(regionId: RegionId, serviceId: string, codes: string[]): Statement[] {
    return codes.map((code) =>
      insert('languages', {
        id: uuidv7(),
        region_id: regionId,
        service_id: serviceId,
        code,
        name: languageName(code),
      }),
    );
  }

  /** Removes the parts a change replaces. */
  clear(table: 'schedules' | 'contacts' | 'languages', serviceId: string): Statement {
    return { sql: `delete from directory.${table} where service_id = $1`, params: [serviceId] };
  }

  clearTerms(serviceId: string): Statement {
    return {
      sql: `delete from directory.attributes where link_type = 'service' and link_id = $1`,
      params: [serviceId],
    };
  }

  /** A page of the region's listings, oldest first, after `cursor` (an id). */
  page(limit: number, cursor: string | undefined, status: string | undefined): Statement {
    return {
      sql: `select id from directory.services where ($1::uuid is null or id > $1::uuid)
              and ($2::text is null or status = $2) order by id limit $3`,
      params: [cursor ?? null, status ?? null, limit],
    };
  }
}

export type { UpdateListingDto };
