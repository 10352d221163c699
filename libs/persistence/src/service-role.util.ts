import type { Client } from 'pg';

/*
 * One database role per service (ADR 0012). Names come from the service's schema, so a new service needs no
 * line here: schema `reporting` → role `hearth_reporting`, told to `migrate` as `REPORTING_DATABASE_URL`.
 */

/** The default role of a service: `reporting` → `hearth_reporting`. */
export const serviceRoleName = (schema: string) => `hearth_${schema}`;

/** The variable that tells `migrate` (and standalone) a service's role: `reporting` → `REPORTING_DATABASE_URL`. */
export const serviceUrlVariable = (schema: string) =>
  `${schema.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_DATABASE_URL`;

/** The `<SERVICE>_DATABASE_URL` variables that are set, by schema. */
export function serviceUrlsFromEnv(
  schemas: { schema: string }[],
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const { schema } of schemas) {
    const value = env[serviceUrlVariable(schema)];
    if (value) urls[schema] = value;
  }
  return urls;
}

/** What PostgreSQL says about a role, as far as a service's isolation is concerned. */
export interface RoleFacts {
  role: string;
  superuser: boolean;
  bypassRls: boolean;
  createRole: boolean;
  /** Tables, views and sequences it owns, or could act as the owner of (membership); the first few. */
  ownedTables: string[];
  ownedSchemas: string[];
  /** Other services' schemas (those with a `mikro_orm_migrations` table) it has USAGE on. */
  otherServiceSchemas: string[];
  ownSchemaUsable: boolean;
}

// pg_has_role(…, 'MEMBER') also counts a role that may SET ROLE to the owner: it could switch RLS off as well.
const ROLE_FACTS_SQL = `
select r.rolname as role, r.rolsuper as superuser, r.rolbypassrls as "bypassRls", r.rolcreaterole as "createRole",
  array(select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S') and n.nspname <> 'information_schema'
          and n.nspname not like 'pg\\_%' and pg_has_role(r.oid, c.relowner, 'MEMBER')
        order by 1 limit 6) as "ownedTables",
  array(select n.nspname::text from pg_namespace n
        where n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%'
          and pg_has_role(r.oid, n.nspowner, 'MEMBER') order by 1) as "ownedSchemas",
  array(select n.nspname::text from pg_namespace n
        where n.nspname <> $2 and has_schema_privilege(r.oid, n.oid, 'USAGE')
          and exists (select 1 from pg_class m where m.relnamespace = n.oid and m.relname = 'mikro_orm_migrations')
        order by 1) as "otherServiceSchemas",
  coalesce((select has_schema_privilege(r.oid, n.oid, 'USAGE') from pg_namespace n where n.nspname = $2), false)
    as "ownSchemaUsable"
from pg_roles r where r.rolname = coalesce($1::name, current_user)`;

/** The facts about `role` (or `current_user`) in the database `client` is connected to. */
export async function inspectRole(client: Client, role: string | null, schema: string): Promise<RoleFacts> {
  const { rows } = await client.query<RoleFacts>(ROLE_FACTS_SQL, [role, schema]);
  if (!rows[0]) throw new Error(`There is no database role "${role}".`);
  return rows[0];
}

/** What makes a role unfit to be a service's: empty when it owns nothing and can use its own schema only. */
export function roleProblems(facts: RoleFacts, schema: string): string[] {
  const attributes = [
    facts.superuser && 'SUPERUSER',
    facts.bypassRls && 'BYPASSRLS',
    facts.createRole && 'CREATEROLE',
  ].filter((a): a is string => Boolean(a));
  // A superuser passes every other test trivially: its attributes say it all.
  if (facts.superuser) return [`has ${attributes.join(', ')}`];
  const problems = attributes.length ? [`has ${attributes.join(', ')}`] : [];
  if (facts.ownedTables.length) {
    const more = facts.ownedTables.length > 5 ? ', …' : '';
    problems.push(
      `owns ${facts.ownedTables.slice(0, 5).join(', ')}${more} (a table's owner can switch its row-level security off)`,
    );
  }
  if (facts.ownedSchemas.length) problems.push(`owns the schema(s) ${facts.ownedSchemas.join(', ')}`);
  if (facts.otherServiceSchemas.length) {
    problems.push(`can use other services' schema(s) ${facts.otherServiceSchemas.join(', ')}`);
  }
  if (!facts.ownSchemaUsable) problems.push(`has no rights on the ${schema} schema`);
  return problems;
}
