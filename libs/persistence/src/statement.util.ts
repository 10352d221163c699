import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlLiteral, Statement } from './service-database';

/**
 * Runs a statement built for the one-round-trip paths (`$1…$n`, `Statement`) inside an ORM transaction: the ORM
 * binds `?` in order, so each `$n` becomes a `?` with its value in place (one `$n` may appear more than once).
 */
export function executeStatement<R = Record<string, unknown>[]>(
  em: EntityManager,
  statement: Statement,
  mode: 'all' | 'run' = 'all',
): Promise<R> {
  const values: SqlLiteral[] = [];
  const sql = statement.sql.replace(/\$(\d+)/g, (_, i: string) => {
    const index = Number(i) - 1;
    if (index >= (statement.params?.length ?? 0)) throw new Error(`No value for $${i}.`);
    values.push(statement.params![index]);
    return '?';
  });
  return em.execute(sql, values, mode) as Promise<R>;
}
