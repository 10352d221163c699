import { Injectable } from '@nestjs/common';
import type { RegionId, Statement } from '@hearth/persistence';

/** The key a listing sorts by in "needs review": its assurance date, `-infinity` when never assured. */
const REVIEW_KEY = `coalesce(assured_date, '-infinity'::date)`;
/** Today in the UK, where Hearth's regions are: an assurance is dated as the curator's calendar says. */
const TODAY = `(now() at time zone 'Europe/London')::date`;

/** Where "needs review" stopped: the last listing's review key (a date or `-infinity`) and id. */
export interface ReviewPosition {
  key: string;
  id: string;
}

/** The SQL of assuring listings, of the "needs review" list and of a region's directory settings. */
@Injectable()
export class CurationRepository {
  /** The listing's assurance as it is and today's date, the row locked for the change. */
  lockForAssurance(id: string): Statement {
    return {
      sql: `select id, organization_id, status, to_char(assured_date, 'YYYY-MM-DD') as assured_date, assurer_email,
              to_char(${TODAY}, 'YYYY-MM-DD') as today
            from directory.services where id = $1 for update`,
      params: [id],
    };
  }

  assure(id: string, date: string, email: string): Statement {
    return {
      sql: `update directory.services set assured_date = $2::date, assurer_email = $3, last_modified = now()
            where id = $1`,
      params: [id, date, email],
    };
  }

  /**
   * A page of active listings whose last assurance is `months` or more ago (or that were never assured): the
   * never-assured first, then the longest ago; within a day, the oldest listing first. After `after`, if given.
   */
  needsReview(months: number, limit: number, after: ReviewPosition | undefined): Statement {
    return {
      sql: `select id, ${REVIEW_KEY}::text as review_key from directory.services
            where status = 'active' and ${REVIEW_KEY} <= (${TODAY} - make_interval(months => $1))::date
              and ($2::date is null or (${REVIEW_KEY}, id) > ($2::date, $3::uuid))
            order by ${REVIEW_KEY}, id limit $4`,
      params: [months, after?.key ?? null, after?.id ?? null, limit],
    };
  }

  settings(regionId: RegionId): Statement {
    return {
      sql: `select contact_email from directory.region_settings where region_id = $1`,
      params: [regionId],
    };
  }

  saveSettings(regionId: RegionId, contactEmail: string | null, accountId: string): Statement {
    return {
      sql: `insert into directory.region_settings (region_id, contact_email, updated_by) values ($1, $2, $3)
            on conflict (region_id) do update set contact_email = excluded.contact_email,
              updated_by = excluded.updated_by, updated_at = now()`,
      params: [regionId, contactEmail, accountId],
    };
  }
}
