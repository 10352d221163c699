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
 * The same for a region-owned table (`region_id`, policy `region_isolation` on `app.region_id`): a query that
 * forgot its region sees nothing of any region and can write nothing.
 */
export function regionRlsSql(qualifiedTable: string, opts: { sharedRows?: boolean } = {}): string[] {
  const current = `nullif(current_setting('${REGION_SETTING}', true), '')::uuid`;
  return [
    `alter table ${qualifiedTable} enable row level security`,
    `alter table ${qualifiedTable} force row level security`,
    `create policy region_isolation on ${qualifiedTable} using (region_id = ${current}) with check (region_id = ${current})`,
    // Rows every region reads and none writes (`region_id` null: what Hearth ships, like the directory's own
    // taxonomy); still nothing at all without a region set.
    ...(opts.sharedRows
      ? [
          `create policy region_shared_read on ${qualifiedTable} for select using (region_id is null and ${current} is not null)`,
        ]
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
