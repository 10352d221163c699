import type { ServiceSchema } from '@hearth/persistence';

/**
 * A service's schema as a database made before it had the migration `next` (for tests of migrations that change data
 * already there: migrate to this, write rows, then migrate the whole schema).
 */
export function schemaBefore(schema: ServiceSchema, next: unknown): ServiceSchema {
  const i = schema.migrations.indexOf(next as (typeof schema.migrations)[number]);
  if (i < 0) throw new Error(`not a migration of ${schema.schema}`);
  return { ...schema, migrations: schema.migrations.slice(0, i) };
}
