import type { EntityManager } from '@mikro-orm/postgresql';
import { executeStatement, type Statement } from '@hearth/persistence';

type Row = Record<string, unknown>;

/**
 * Runs `$1…$n` statements (the directory's shape, `ListingsRepository`'s too) in a consumer's transaction, where
 * the inbox row was written: the ORM binds `?` in order, so each `$n` becomes a `?` with its value in place.
 */
export function runIn<R = Row>(em: EntityManager, statement: Statement): Promise<R[]> {
  return executeStatement<R[]>(em, statement);
}

/** Several statements in order, in the same transaction. */
export async function runAll(em: EntityManager, statements: Statement[]): Promise<void> {
  for (const statement of statements) await runIn(em, statement);
}
