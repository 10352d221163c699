import { uuidv7 } from 'uuidv7';
import type { RegionId, SqlLiteral, Statement } from '@hearth/persistence';

/** One HSDS `metadata` row: what changed, when, by whom (an account id), the previous and the new value. */
export interface Change {
  resourceId: string;
  resourceType: 'service' | 'organization' | 'taxonomy_term';
  action: 'create' | 'update' | 'retire' | 'assure';
  field?: string;
  previous?: unknown;
  replacement?: unknown;
}

const text = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);

/** The statement that writes a change into the log, in the transaction of the change itself. */
export function changeLogStatement(regionId: RegionId, accountId: string, changes: Change[]): Statement[] {
  if (changes.length === 0) return [];
  const params: SqlLiteral[] = [];
  const rows = changes.map((c) => {
    const values = [
      uuidv7(),
      regionId,
      c.resourceId,
      c.resourceType,
      c.action,
      c.field ?? '',
      text(c.previous),
      text(c.replacement),
      accountId,
    ];
    const start = params.length;
    params.push(...values);
    return `(${values.map((_, i) => `$${start + i + 1}`).join(', ')})`;
  });
  return [
    {
      sql: `insert into directory.metadata (id, region_id, resource_id, resource_type, last_action_type, field_name,
              previous_value, replacement_value, updated_by) values ${rows.join(', ')}`,
      params,
    },
  ];
}
