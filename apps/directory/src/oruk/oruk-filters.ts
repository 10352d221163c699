import {
  AppError,
  instantOf,
  ORUK_DAYS,
  ORUK_LIST_PARAMETERS,
  type OrukListRequest,
  type OrukQuery,
} from '@hearth/contracts';
import type { SqlLiteral } from '@hearth/persistence';

const invalid = (field: string, message: string) =>
  new AppError('VALIDATION', `Invalid ${field}: ${message}.`, { errors: [{ field, message }] });

/** Not query parameters: where the request goes. */
const ROUTING = new Set(['regionSlug', 'resource']);

/**
 * A parameter the list does not answer (`minimum_age` on `/taxonomies` …) is a 400 naming it, never silently
 * ignored: a harvester learns that its filter did nothing.
 */
export function refuseOtherParameters(dto: OrukListRequest): void {
  const answered = ORUK_LIST_PARAMETERS[dto.resource];
  const other = Object.entries(dto).find(
    ([key, value]) => value !== undefined && !ROUTING.has(key) && !answered.includes(key),
  );
  if (other)
    throw invalid(other[0], `is not a parameter of /${dto.resource} (it takes ${answered.join(', ')})`);
}

/**
 * The conditions on a service `s` of the filters by eligibility, opening times and change (ADR 0037), each one a
 * lookup through an index of its own; their values are pushed onto `params`.
 */
export function feedFilters(query: OrukQuery, params: SqlLiteral[]): string[] {
  const where: string[] = [];
  const bind = (value: SqlLiteral) => `$${params.push(value)}`;
  // Search: the candidates through their lexemes (the service's `search_vector @@` is the exact check), as an
  // array of ids that the services' primary key looks up; no lexeme to look for (`-debt`): every service. The
  // lexemes of a constant query are known when the statement is planned, so one of the two is left.
  if (query.search !== undefined) {
    const lexemes = `directory.query_lexemes(websearch_to_tsquery('english', ${bind(query.search)}))`;
    where.push(`(${lexemes} is null or s.id = any(array(select l.service_id from directory.search_lexemes l
      where l.lexeme = any(${lexemes}))))`);
  }
  // Ages: the service's own band lies within the one asked (no minimum counts as 0, no maximum as none).
  if (query.minimum_age !== undefined && query.minimum_age > 0)
    where.push(`s.minimum_age >= ${bind(query.minimum_age)}`);
  if (query.maximum_age !== undefined) where.push(`s.maximum_age <= ${bind(query.maximum_age)}`);
  // Opening times: one of the service's schedules still in force is open on the day, overlapping the window.
  if (query.day !== undefined || query.start_time !== undefined || query.end_time !== undefined) {
    const schedule = [`sc.service_id is not null`, `(sc.valid_to is null or sc.valid_to >= current_date)`];
    if (query.day !== undefined) {
      // Column names, from the validated days only (`opens_mo` …).
      const days = ORUK_DAYS.filter((day) => query.day!.toUpperCase().split(',').includes(day)).map(
        (day) => `sc.opens_${day.toLowerCase()}`,
      );
      if (days.length === 0) throw invalid('day', 'must be a day such as MO');
      schedule.push(`(${days.join(' or ')})`);
    }
    if (query.end_time !== undefined) schedule.push(`sc.opens_at < ${bind(query.end_time)}::time`);
    if (query.start_time !== undefined) schedule.push(`sc.open_until > ${bind(query.start_time)}::time`);
    where.push(`s.id in (select sc.service_id from directory.schedules sc where ${schedule.join(' and ')})`);
  }
  // Changed since: the service's row (any change to a listing touches it) or its organisation's.
  if (query.modified_after !== undefined) {
    const instant = instantOf(query.modified_after);
    if (!instant) throw invalid('modified_after', 'is not a date-time');
    const at = bind(instant.toISOString());
    where.push(`s.id in (select x.id from directory.services x where x.last_modified >= ${at}::timestamptz
      union all select x.id from directory.services x join directory.organizations o on o.id = x.organization_id
        where o.last_modified >= ${at}::timestamptz)`);
  }
  return where;
}
