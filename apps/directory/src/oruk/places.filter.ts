import { Injectable } from '@nestjs/common';
import { AppError, type OrukListRequest } from '@hearth/contracts';
import type { RegionId, SqlLiteral } from '@hearth/persistence';
import { DirectoryDatabase } from '../directory-database';

/** The mean radius of the Earth (IUGG), in metres: what "metres from the postcode's centroid" is measured on. */
export const EARTH_RADIUS_METRES = 6_371_008.8;

/** Where a list is measured from: the postcode's centroid, and the circle's radius (none: everywhere). */
export interface Near {
  postcode: string;
  latitude: number;
  longitude: number;
  metres?: number;
}

/** What the feed's SQL adds for a place: a join (`from … <join>`) and the first key of its order, nearest first. */
export interface PlaceSql {
  join: string;
  order: string;
}

/** No place: nothing added. */
export const NOWHERE: PlaceSql = { join: '', order: '' };

const degrees = (radians: number) => (radians * 180) / Math.PI;

/**
 * The box around a circle of `metres` about a point: its latitudes, and its longitudes at the edge nearer the
 * pole, where a degree of longitude is shortest (so the box holds the whole circle). A little wider, never
 * narrower, than the circle: the exact distance decides.
 */
export function boxAround(latitude: number, longitude: number, metres: number) {
  const dLat = degrees(metres / EARTH_RADIUS_METRES) * 1.000001;
  const edge = Math.min(Math.abs(latitude) + dLat, 89.999);
  const dLon = Math.min(
    180,
    degrees(metres / (EARTH_RADIUS_METRES * Math.cos((edge * Math.PI) / 180))) * 1.000001,
  );
  return { south: latitude - dLat, north: latitude + dLat, west: longitude - dLon, east: longitude + dLon };
}

/** The great-circle (haversine) distance in metres from the point `($lat, $lon)` to location `l`, as SQL. */
const distanceSql = (lat: string, lon: string) =>
  `(${2 * EARTH_RADIUS_METRES} * asin(least(1, sqrt(power(sin(radians(l.latitude - ${lat}) / 2), 2)
     + cos(radians(${lat})) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - ${lon}) / 2), 2)))))`;

/**
 * The region's locations near the point with their distance, as a derived table `(id, distance)`. With a
 * radius: a range on the indexed latitude and longitude first (ADR 0035's btree indexes, combined by the
 * planner), then the exact distance; without: every located place.
 */
function nearLocations(near: Near, params: SqlLiteral[]): string {
  const at = (value: number) => `$${params.push(value)}::float8`;
  const [lat, lon] = [at(near.latitude), at(near.longitude)];
  const distance = distanceSql(lat, lon);
  if (near.metres === undefined) {
    return `(select l.id, ${distance} as distance from directory.locations l where l.latitude is not null
             and l.longitude is not null)`;
  }
  const box = boxAround(near.latitude, near.longitude, near.metres);
  return `(select l.id, ${distance} as distance from directory.locations l
           where l.latitude between ${at(box.south)} and ${at(box.north)}
             and l.longitude between ${at(box.west)} and ${at(box.east)}
             and ${distance} <= ${at(near.metres)})`;
}

/**
 * `/services` near a place: each service with the distance to its nearest place. With a radius only those with
 * a place inside it; without, every service, the unlocated ones last.
 */
export function servicesNear(near: Near, params: SqlLiteral[]): PlaceSql {
  const kind = near.metres === undefined ? 'left join' : 'join';
  return {
    join: ` ${kind} (select sal.service_id, min(nl.distance) as distance from directory.service_at_locations sal
              join ${nearLocations(near, params)} nl on nl.id = sal.location_id group by sal.service_id) near
            on near.service_id = s.id`,
    order: 'near.distance nulls last, ',
  };
}

/** `/service_at_locations` near a place, the same way: each place by its own distance. */
export function serviceAtLocationsNear(near: Near, params: SqlLiteral[]): PlaceSql {
  const kind = near.metres === undefined ? 'left join' : 'join';
  return {
    join: ` ${kind} ${nearLocations(near, params)} near on near.id = sal.location_id`,
    order: 'near.distance nulls last, ',
  };
}

const invalidPostcode = (message: string) =>
  new AppError('VALIDATION', `Invalid postcode: ${message}.`, { errors: [{ field: 'postcode', message }] });

/** The feed's `postcode` and `proximity` (ADR 0038): the postcode's centroid from Hearth's postcode list. */
@Injectable()
export class PlacesFilter {
  constructor(private readonly db: DirectoryDatabase) {}

  /**
   * Where the list is measured from, or undefined without `postcode`. A postcode not in the list is a 400
   * saying so (an empty page would say "nothing near you", which nobody knows to be true).
   */
  async near(regionId: RegionId, dto: OrukListRequest): Promise<Near | undefined> {
    if (dto.postcode === undefined) return undefined;
    if (dto.resource !== 'services' && dto.resource !== 'service_at_locations') {
      throw invalidPostcode('is answered on /services and /service_at_locations only');
    }
    const [found] = await this.db.readInRegion<{
      latitude: number | null;
      longitude: number | null;
      loaded: boolean;
    }>(
      regionId,
      `select p.latitude, p.longitude, exists (select 1 from directory.postcodes) as loaded
         from (select $1::text as postcode) q left join directory.postcodes p on p.postcode = q.postcode`,
      [dto.postcode],
    );
    if (found.latitude === null || found.longitude === null) {
      throw invalidPostcode(
        `${dto.postcode} is not in Hearth’s postcode list` +
          (found.loaded ? '' : ' (the list is empty: it is loaded with npm run directory:load-postcodes)'),
      );
    }
    return {
      postcode: dto.postcode,
      latitude: Number(found.latitude),
      longitude: Number(found.longitude),
      ...(dto.proximity !== undefined ? { metres: dto.proximity } : {}),
    };
  }
}
