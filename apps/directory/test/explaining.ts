import type { RegionId, TenantTransaction } from '@hearth/persistence';
import type { DirectoryDatabase } from '../src/directory-database';

export type Plan = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: Plan[] };
const nodesOf = (plan: Plan): Plan[] => [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];

/**
 * The directory's database, but each statement the feed sends is EXPLAINed (on the same PostgreSQL, with the
 * same literals, under the same row-level security) instead of run: the plans of exactly what it asks, each as
 * the list of its nodes.
 */
export function explaining(db: DirectoryDatabase, plans: Plan[][]): DirectoryDatabase {
  const wrapped = Object.create(db) as DirectoryDatabase;
  wrapped.transactInRegion = <T>(regionId: RegionId, work: (tx: TenantTransaction) => Promise<T>) =>
    db.transactInRegion(regionId, (tx) =>
      work({
        ...tx,
        run: (async (statements: Parameters<TenantTransaction['run']>[0], opts) => {
          const list = Array.isArray(statements) ? statements : [statements];
          const results = (await tx.run(
            list.map((st) => ({ ...st, sql: `explain (format json) ${st.sql}` })),
            opts,
          )) as { 'QUERY PLAN': { Plan: Plan }[] }[][];
          for (const [row] of results) plans.push(nodesOf(row['QUERY PLAN'][0].Plan));
          return list.map(() => [{ n: 0 }]);
        }) as TenantTransaction['run'],
      }),
    );
  return wrapped;
}
