import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlLiteral, Statement } from '@hearth/persistence';

type Row = Record<string, unknown>;

/**
 * Runs `$1…$n` statements (the directory's shape, `ListingsRepository`'s too) in a consumer's transaction, where
 * the inbox row was written: the ORM binds `?` in order, so each `$n` becomes a `?` with its value in place.
 */
export async function runIn<R = Row>(em: EntityManager, statement: Statement): Promise<R[]> {
  const params: SqlLiteral[] = [];
  const sql = statement.sql.replace(/\$(\d+)/g, (_, i: string) => {
    const index = Number(i) - 1;
    if (index >= (statement.params?.length ?? 0)) throw new Error(`No value for $${i}.`);
    params.push(statement.params![index]);
    return '?';
  });
  return em.execute<R[]>(sql, params, 'all');
}

/** Several statements in order, in the same transaction. */
export async function runAll(em: EntityManager, statements: Statement[]): Promise<void> {
  for (const statement of statements) await runIn(em, statement);
}
