import { TENANT_SETTING } from './tenant-owned.entity';

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
