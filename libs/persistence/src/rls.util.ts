import { TENANT_SETTING } from './tenant-owned.entity';
import { REGION_SETTING } from './region-owned.entity';

/**
 * SQL that puts a tenant-owned table under row-level security, forced even for its owner. An unset
 * tenant reads as NULL, so a query that forgot it sees nothing and can write nothing.
 */
export function tenantRlsSql(qualifiedTable: string): string[] {
  const current = `nullif(current_setting('${TENANT_SETTING}', true), '')::uuid`;
  return [
    `alter table ${qualifiedTable} enable row level security`,
    `alter table ${qualifiedTable} force row level security`,
    `create policy tenant_isolation on ${qualifiedTable} using (tenant_id = ${current}) with check (tenant_id = ${current})`,
  ];
}

/**
 * The region set for the transaction, as a scalar subquery: PostgreSQL runs it once per statement (an InitPlan)
 * and compares each row with its result, where the bare expression is evaluated again for every row a policy
 * looks at (a third of the time of a scan of 10,000 rows: ADR 0046). An index still takes it as a key.
 */
const CURRENT_REGION = `(select nullif(current_setting('${REGION_SETTING}', true), '')::uuid)`;

/** The conditions of a region-owned table's policies. */
const REGION_ISOLATION = `using (region_id = ${CURRENT_REGION}) with check (region_id = ${CURRENT_REGION})`;
// Rows every region reads and none writes (`region_id` null: what Hearth ships, like the directory's own
// taxonomy); still nothing at all without a region set.
const REGION_SHARED_READ = `using (region_id is null and ${CURRENT_REGION} is not null)`;

/**
 * The same for a region-owned table (`region_id`, policy `region_isolation` on `app.region_id`): a query that
 * forgot its region sees nothing of any region and can write nothing.
 */
export function regionRlsSql(qualifiedTable: string, opts: { sharedRows?: boolean } = {}): string[] {
  return [
    `alter table ${qualifiedTable} enable row level security`,
    `alter table ${qualifiedTable} force row level security`,
    `create policy region_isolation on ${qualifiedTable} ${REGION_ISOLATION}`,
    ...(opts.sharedRows
      ? [`create policy region_shared_read on ${qualifiedTable} for select ${REGION_SHARED_READ}`]
      : []),
  ];
}

/**
 * A table that `regionRlsSql` put under row-level security before its policies read the region once per
 * statement (ADR 0046): the same policies, rewritten in place (`alter policy`), for a new migration to apply.
 */
export function regionRlsPolicyUpdateSql(
  qualifiedTable: string,
  opts: { sharedRows?: boolean } = {},
): string[] {
  return [
    `alter policy region_isolation on ${qualifiedTable} ${REGION_ISOLATION}`,
    ...(opts.sharedRows
      ? [`alter policy region_shared_read on ${qualifiedTable} ${REGION_SHARED_READ}`]
      : []),
  ];
}

/** Set (transaction-local) only by a service's pruning job: lets it see and prune old rows of every LERO. */
export const RETENTION_SETTING = 'app.retention';

/**
 * Policies that let a service's pruning job read (and, with `delete`, remove) a table's rows across LEROs, and
 * only while it has set `app.retention` in its transaction. No request path sets it, so a query that forgot
 * its tenant still sees nothing; the job's own statements say which rows have outlived their period.
 */
export function retentionRlsSql(qualifiedTable: string, commands: ('select' | 'delete')[]): string[] {
  const on = `current_setting('${RETENTION_SETTING}', true) = 'on'`;
  return commands.map(
    (command) => `create policy retention_${command} on ${qualifiedTable} for ${command} using (${on})`,
  );
}

/**
 * A UUIDv7-shaped id made in SQL, for migrations that write outbox rows (PostgreSQL before 18 has no uuidv7()): the
 * time, then random bits seeded by `seed` (a column of the row it is made for, so rows of one statement differ).
 */
export const uuidv7Sql = (seed: string): string =>
  `(lpad(to_hex((extract(epoch from clock_timestamp()) * 1000)::bigint), 12, '0') || '7'
  || substr(md5(${seed}::text || random()::text), 14, 3) || '8' || substr(md5(${seed}::text || random()::text), 18, 15))::uuid`;
