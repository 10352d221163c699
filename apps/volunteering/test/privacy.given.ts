import type { Client } from 'pg';

/** Every column of every volunteering table that holds the id, as `table.column` (the outbox's events aside). */
export async function tablesHolding(owner: Client, memberId: string): Promise<string[]> {
  const { rows: columns } = await owner.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'volunteering' and t.table_type = 'BASE TABLE'
        and c.data_type in ('uuid', 'text', 'character varying', 'jsonb', 'json')
      order by c.table_name, c.column_name`,
  );
  expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toEqual(
    expect.arrayContaining(['members.member_id', 'signups.member_id', 'training_records.member_id']),
  );
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    // Events already written keep their ids until the outbox is pruned (docs/retention.md); nothing else may.
    if (table === 'outbox') continue;
    const { rowCount } = await owner.query(
      `select 1 from volunteering."${table}" where lower("${column}"::text) like '%' || $1 || '%' limit 1`,
      [memberId.toLowerCase()],
    );
    if (rowCount) found.push(`${table}.${column}`);
  }
  return found;
}
