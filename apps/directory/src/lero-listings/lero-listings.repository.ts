import { createHash } from 'node:crypto';
import type { RegionId, SqlLiteral, Statement } from '@hearth/persistence';
import { LERO_SOURCE } from '../hsds/hsds.view';
import type { OrganizationPlan, ServicePlan } from './listing-plan';

/**
 * Listings made from a LERO's own facts: `source_id` is the tenant (organisation), or the activity or volunteering
 * role (service).
 */
export { LERO_SOURCE };

const marks = (n: number) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');
const insert = (table: string, row: Record<string, SqlLiteral>): Statement => ({
  sql: `insert into directory.${table} (${Object.keys(row).join(', ')}) values (${marks(Object.keys(row).length)})`,
  params: Object.values(row),
});

/**
 * The id of one part of a listing (its schedule, its place …), the same every time it is written again: a part
 * is replaced whole on each change, and a harvester keeps seeing the same ids.
 */
export function partId(serviceId: string, part: string): string {
  const hex = createHash('sha256').update(`${serviceId}/${part}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The SQL of listings made from LEROs' facts (run in the consumer's transaction, under the region's RLS). */
export const LeroListingsSql = {
  /**
   * The listing, locked until the transaction ends: a curator's retirement of it (ADR 0049) commits before this
   * reads its status, or waits until the change is written, never in between to be written over.
   */
  find(table: 'organizations' | 'services', sourceId: string): Statement {
    return {
      sql: `select id, status from directory.${table} where source = '${LERO_SOURCE}' and source_id = $1 for update`,
      params: [sourceId],
    };
  },

  createOrganization(regionId: RegionId, id: string, tenantId: string, o: OrganizationPlan): Statement {
    return insert('organizations', {
      id,
      region_id: regionId,
      name: o.name,
      email: o.email,
      status: o.status,
      source: LERO_SOURCE,
      source_id: tenantId,
    });
  },

  updateOrganization(id: string, o: OrganizationPlan): Statement {
    return {
      sql: `update directory.organizations set name = $2, email = $3, status = $4, last_modified = now()
            where id = $1`,
      params: [id, o.name, o.email, o.status],
    };
  },

  createService(regionId: RegionId, id: string, organizationId: string, sourceId: string, s: ServicePlan) {
    return insert('services', {
      id,
      region_id: regionId,
      organization_id: organizationId,
      name: s.name,
      description: s.description,
      url: s.url,
      email: s.email,
      status: s.status,
      source: LERO_SOURCE,
      source_id: sourceId,
    });
  },

  updateService(
    id: string,
    s: Pick<ServicePlan, 'name' | 'description' | 'url' | 'email' | 'status'>,
  ): Statement {
    return {
      sql: `update directory.services set name = $2, description = $3, url = $4, email = $5, status = $6,
              last_modified = now() where id = $1`,
      params: [id, s.name, s.description, s.url, s.email, s.status],
    };
  },

  setStatus(table: 'organizations' | 'services', id: string, status: string): Statement {
    return {
      sql: `update directory.${table} set status = $2, last_modified = now() where id = $1`,
      params: [id, status],
    };
  },

  /** Everything a service nests, gone before it is written again. */
  clearParts(serviceId: string, activityId: string): Statement[] {
    return [
      ...['schedules', 'contacts', 'service_areas'].map((table) => ({
        sql: `delete from directory.${table} where service_id = $1`,
        params: [serviceId],
      })),
      {
        sql: `delete from directory.attributes where link_type = 'service' and link_id = $1`,
        params: [serviceId],
      },
      { sql: `delete from directory.service_at_locations where service_id = $1`, params: [serviceId] },
      {
        sql: `delete from directory.locations where source = '${LERO_SOURCE}' and source_id = $1`,
        params: [activityId],
      },
    ];
  },

  /** What a service nests: its schedule, its place (or the area, with the location on request), contact, terms. */
  parts(
    regionId: RegionId,
    serviceId: string,
    organizationId: string,
    activityId: string,
    s: ServicePlan,
  ): Statement[] {
    const id = (part: string) => partId(serviceId, part);
    const key = { region_id: regionId };
    const statements = [
      ...(s.schedule
        ? [
            insert('schedules', {
              id: id('schedule'),
              ...key,
              service_id: serviceId,
              ...s.schedule,
              attending_type: s.attendingType,
            }),
          ]
        : []),
      ...s.taxonomyTermIds.map((termId) =>
        insert('attributes', {
          id: id(`term/${termId}`),
          ...key,
          link_id: serviceId,
          link_type: 'service',
          taxonomy_term_id: termId,
        }),
      ),
    ];
    if (s.email)
      statements.push(
        insert('contacts', { id: id('contact'), ...key, service_id: serviceId, email: s.email }),
      );
    if (s.area)
      statements.push(
        insert('service_areas', {
          id: id('area'),
          ...key,
          service_id: serviceId,
          name: s.area.name,
          description: s.area.description,
        }),
      );
    if (s.location) {
      const locationId = id('location');
      const { address, ...place } = s.location;
      statements.push(
        insert('locations', {
          id: locationId,
          ...key,
          organization_id: organizationId,
          ...place,
          source: LERO_SOURCE,
          source_id: activityId,
        }),
        ...(address
          ? [insert('addresses', { id: id('address'), ...key, location_id: locationId, ...address })]
          : []),
        insert('service_at_locations', {
          id: id('at'),
          ...key,
          service_id: serviceId,
          location_id: locationId,
        }),
      );
    }
    return statements;
  },
};
