import type { Pool } from 'pg';

/**
 * The floor of group commit, with nothing of Hearth in it: rows handed to `write` wait `windowMs` for others and are
 * inserted in one multi-row statement (its own commit) on `pool`; each `write` resolves once that has committed.
 */
export function rawGroupCommit(
  pool: Pool,
  table: string,
  columns: string[],
  windowMs: number,
): (values: unknown[]) => Promise<void> {
  let batch: { values: unknown[]; done: (err?: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const rows = batch;
    batch = [];
    const n = columns.length;
    const tuples = rows.map((_, i) => `(${columns.map((_, j) => `$${i * n + j + 1}`).join(', ')})`);
    pool
      .query(
        `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`,
        rows.flatMap((r) => r.values),
      )
      .then(
        () => rows.forEach((r) => r.done()),
        (err: unknown) => rows.forEach((r) => r.done(err)),
      );
  };
  return (values) =>
    new Promise<void>((resolve, reject) => {
      batch.push({ values, done: (err) => (err ? reject(err) : resolve()) });
      timer ??= setTimeout(flush, windowMs);
    });
}
