import type { SqlLiteral, Statement } from '@hearth/persistence';

/** A row to write: column → value (undefined: left out of an insert, set to null by an update). */
export type Row = Record<string, SqlLiteral | undefined>;

/** `insert into directory.<table>` of the columns given. */
export function insert(table: string, row: Row): Statement {
  const entries = Object.entries(row).filter(([, v]) => v !== undefined) as [string, SqlLiteral][];
  return {
    sql: `insert into directory.${table} (${entries.map(([k]) => k).join(', ')})
          values (${entries.map((_, i) => `$${i + 1}`).join(', ')})`,
    params: entries.map(([, v]) => v),
  };
}

/** `update directory.<table>` of one row by id: every column given, undefined ones to null. */
export function update(table: string, id: string, row: Row, extra = ''): Statement {
  const entries = Object.entries(row);
  return {
    sql: `update directory.${table} set ${entries.map(([k], i) => `${k} = $${i + 2}`).join(', ')}${extra}
          where id = $1`,
    params: [id, ...entries.map(([, v]) => v ?? null)],
  };
}

/** A Postgres text array literal, bound as one value (`$1::text[]`): any text, quoted and escaped. */
export const textArray = (values: string[]) =>
  `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/** Whether a stored row differs from what would be written (null and undefined are the same: nothing). */
export const differs = (stored: Record<string, unknown>, row: Row): string[] =>
  Object.entries(row)
    .filter(([k, v]) => {
      const before = stored[k] ?? null;
      const after = v ?? null;
      return typeof before === 'number' || typeof after === 'number'
        ? (before === null ? null : Number(before)) !== (after === null ? null : Number(after))
        : before !== after;
    })
    .map(([k]) => k);
