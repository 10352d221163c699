import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { describeUrl, withDatabase } from './database-url.util';
import { ormConfig, type ServiceSchema } from './service-database';
import { inspectRole, roleProblems, serviceUrlVariable } from './service-role.util';

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** A service's migrations by the names MikroORM records in `mikro_orm_migrations`, in the order they run. */
export function migrationNames(def: ServiceSchema): string[] {
  return def.migrations.map((m) => {
    // As MikroORM names them: the object's name, else the instance's `name` field, else the class name.
    const name =
      typeof m === 'function'
        ? (new (m as new (driver: unknown, config: unknown) => { name?: string })(undefined, undefined)
            .name ?? m.name)
        : m.name;
    return name.replace(/\.[jt]s$/, '');
  });
}

/** The comment migrate puts on a service's schema: the last migration it ran there. */
export const migratedMark = (name: string) => `Hearth migrated to ${name}`;

/** How migrate marks the roles it created: only those does it ever change (ADR 0012). */
export const HEARTH_ROLE_COMMENT = 'Hearth service role, created and managed by Hearth migrate';

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A service's own role, as its connection string names it. */
interface ServiceRole {
  def: ServiceSchema;
  role: string;
  password: string;
  /** Where the role came from, for messages: `REPORTING_DATABASE_URL`. */
  source: string;
}

export interface MigrateOptions {
  /** Told what migrate changed beyond the schemas: roles created, rights revoked. */
  log?: (line: string) => void;
  /**
   * Per schema, the last migration to run (included), for a restore: the schema is made as it was when the backup
   * was taken, the backup's rows go in, and the next start runs the rest. Schemas not listed run every migration.
   */
  upTo?: Record<string, string>;
}

function serviceRoles(services: ServiceSchema[], ownerUrl: string, urlOf: (schema: string) => string) {
  const owner = describeUrl(ownerUrl);
  const roles: ServiceRole[] = services.map((def) => {
    const source = serviceUrlVariable(def.schema);
    let url: ReturnType<typeof describeUrl>;
    try {
      url = describeUrl(urlOf(def.schema));
    } catch {
      throw new Error(`${source} is not a valid postgres:// URL.`);
    }
    if (!url.user) throw new Error(`${source} names no role.`);
    if (url.database !== owner.database) {
      throw new Error(
        `${source} names the database "${url.database}", but the migration runs in "${owner.database}".`,
      );
    }
    if (url.user === owner.user) {
      throw new Error(
        `${source} names the role "${url.user}" that owns the schemas: each service needs a role that owns nothing.`,
      );
    }
    return { def, role: url.user, password: url.password, source };
  });
  for (const [i, a] of roles.entries()) {
    const b = roles.slice(i + 1).find((r) => r.role === a.role);
    if (b)
      throw new Error(
        `${a.source} and ${b.source} both name the role "${a.role}": each service needs its own.`,
      );
  }
  return roles;
}

/** Creates the database when missing. */
async function ensureDatabase(maintenance: Client, database: string): Promise<void> {
  const db = await maintenance.query('select 1 from pg_database where datname = $1', [database]);
  if (db.rowCount === 0) await maintenance.query(`create database ${quoteIdent(database)}`);
}

/**
 * Creates a service's role when missing (login, nothing more, marked as Hearth's). A role migrate created is kept
 * that way and gets the URL's password; any other role is never altered, only checked to be unprivileged.
 */
async function ensureServiceRole(
  c: Client,
  { role, password, source }: ServiceRole,
  log: (l: string) => void,
) {
  const found = await c.query<{
    super: boolean;
    bypassrls: boolean;
    createrole: boolean;
    createdb: boolean;
    login: boolean;
    ours: boolean;
  }>(
    `select rolsuper as super, rolbypassrls as bypassrls, rolcreaterole as createrole, rolcreatedb as createdb,
            rolcanlogin as login, coalesce(shobj_description(oid, 'pg_authid') = $2, false) as ours
       from pg_roles where rolname = $1`,
    [role, HEARTH_ROLE_COMMENT],
  );
  const withPassword = password ? ` password ${quoteLiteral(password)}` : '';
  const r = found.rows[0];
  if (!r) {
    // With its mark or not at all: an unmarked role would never get its password set again.
    await c.query('begin');
    try {
      await c.query(
        `create role ${quoteIdent(role)} login nosuperuser nobypassrls nocreatedb nocreaterole${withPassword}`,
      );
      await c.query(`comment on role ${quoteIdent(role)} is ${quoteLiteral(HEARTH_ROLE_COMMENT)}`);
      await c.query('commit');
    } catch (err) {
      await c.query('rollback');
      throw err;
    }
    log(`created the role ${role} (${source})`);
    return;
  }
  if (r.ours) {
    // Only what differs: changing SUPERUSER or BYPASSRLS at all needs a superuser owner.
    const changes = [
      !r.login && 'login',
      r.super && 'nosuperuser',
      r.bypassrls && 'nobypassrls',
      r.createrole && 'nocreaterole',
      r.createdb && 'nocreatedb',
    ].filter(Boolean);
    if (changes.length || password)
      await c.query(`alter role ${quoteIdent(role)} ${changes.join(' ')}${withPassword}`);
    return;
  }
  const unfit = [
    r.super && 'SUPERUSER',
    r.bypassrls && 'BYPASSRLS',
    r.createrole && 'CREATEROLE',
    !r.login && 'NOLOGIN',
  ].filter(Boolean);
  if (unfit.length) {
    throw new Error(
      `The role "${role}" (${source}) was not created by Hearth's migrate and has ${unfit.join(', ')}. ` +
        'migrate never changes a role it did not create: name a role without them, or one that does not exist yet ' +
        '(migrate then creates it).',
    );
  }
}

/**
 * Runs one service's pending migrations as the owner, then grants the service's role what it needs on its schema,
 * and takes every right on that schema from any other role (another service's, or the one role of Hearth before
 * ADR 0012).
 */
export async function migrateService(
  def: ServiceSchema,
  ownerUrl: string,
  serviceRole: string,
  options: MigrateOptions = {},
): Promise<string[]> {
  return withClient(ownerUrl, (c) => migrateServiceOn(c, def, ownerUrl, serviceRole, options));
}

/** `migrateService` on the owner's connection `c`: migrateAll runs every service on one (ADR 0093). */
async function migrateServiceOn(
  c: Client,
  def: ServiceSchema,
  ownerUrl: string,
  serviceRole: string,
  options: MigrateOptions,
): Promise<string[]> {
  // The connection holds the advisory lock for the whole run, so two replicas never migrate at once.
  const lock = `hearth-migrate-${def.schema}`;
  await c.query(`select pg_advisory_lock(hashtext($1))`, [lock]);
  try {
    const s = quoteIdent(def.schema);
    const r = quoteIdent(serviceRole);
    await c.query(`create schema if not exists ${s}`);
    const to = options.upTo?.[def.schema];
    let applied: string[] = [];
    // MikroORM (discovering every entity, its own pool) starts only when there is something to run (ADR 0093).
    if (to || !(await upToDate(c, def))) {
      const orm = await MikroORM.init({ ...ormConfig(def, ownerUrl, 2) });
      try {
        applied = (await orm.migrator.up(to ? { to } : undefined)).map((m) => m.name);
      } finally {
        await orm.close(true);
      }
    }
    // Exactly these rights, in one transaction so a running replica never sees its rights missing.
    await c.query('begin');
    try {
      const before = await rightsOf(c, def.schema);
      // One round trip (no parameters: the simple protocol runs them in order, in this transaction).
      await c.query(
        [
          `revoke all on all tables in schema ${s} from ${r}`,
          `revoke all on all sequences in schema ${s} from ${r}`,
          `revoke create on schema ${s} from ${r}`,
          `grant usage on schema ${s} to ${r}`,
          `grant select, insert, update, delete on all tables in schema ${s} to ${r}`,
          `revoke all on ${s}.mikro_orm_migrations from ${r}`,
          `grant usage, select on all sequences in schema ${s} to ${r}`,
        ].join(';\n'),
      );
      // Readable by the service's role (it may not read mikro_orm_migrations): what its pods wait for (ADR 0084).
      const last = await c.query<{ name: string }>(
        `select name from ${s}.mikro_orm_migrations order by id desc limit 1`,
      );
      if (last.rows[0]) {
        await c.query(`comment on schema ${s} is ${quoteLiteral(migratedMark(last.rows[0].name))}`);
      }
      for (const other of await otherGrantees(c, def.schema, serviceRole)) {
        const grantee = other === null ? 'public' : quoteIdent(other);
        await c.query(`revoke all on all tables in schema ${s} from ${grantee}`);
        await c.query(`revoke all on all sequences in schema ${s} from ${grantee}`);
        await c.query(`revoke all on schema ${s} from ${grantee}`);
        options.log?.(`revoked every right of ${other ?? 'PUBLIC'} on the ${def.schema} schema`);
      }
      // Unchanged (every start but the first after a change): nothing to keep, and no commit to wait for (ADR 0093).
      await c.query((await rightsOf(c, def.schema)) === before ? 'rollback' : 'commit');
    } catch (err) {
      await c.query('rollback');
      throw err;
    }
    return applied;
  } finally {
    await c.query(`select pg_advisory_unlock(hashtext($1))`, [lock]);
  }
}

/**
 * The schema has its migrations table (which the grants below name) and has run every migration of this build: one
 * look, under the lock, instead of starting MikroORM to find nothing to do.
 */
async function upToDate(c: Client, def: ServiceSchema): Promise<boolean> {
  const table = `${quoteIdent(def.schema)}.mikro_orm_migrations`;
  const exists = await c.query<{ found: boolean }>('select to_regclass($1) is not null as found', [table]);
  if (!exists.rows[0]?.found) return false;
  const { rows } = await c.query<{ name: string }>(`select name from ${table}`);
  const ran = new Set(rows.map((row) => row.name));
  return migrationNames(def).every((name) => ran.has(name));
}

/**
 * Everything the statements above may change, as text: the rights on the schema, its relations and their columns,
 * and the schema's comment.
 */
async function rightsOf(c: Client, schema: string): Promise<string> {
  const { rows } = await c.query<{ rights: string }>(
    `select json_build_array(
              (select json_build_array(nspacl::text, obj_description(oid, 'pg_namespace'))
                 from pg_namespace where nspname = $1),
              (select json_object_agg(c.relname, c.relacl::text order by c.relname)
                 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1),
              (select json_object_agg(c.relname || '.' || a.attname, a.attacl::text order by c.relname, a.attname)
                 from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = $1 and a.attacl is not null))::text as rights`,
    [schema],
  );
  return rows[0]?.rights ?? '';
}

/** Roles (null: PUBLIC) holding any right on the schema or its tables and sequences, besides owner and service. */
async function otherGrantees(c: Client, schema: string, serviceRole: string): Promise<(string | null)[]> {
  const { rows } = await c.query<{ grantee: string | null }>(
    `select distinct r.rolname as grantee
       from (select (aclexplode(nspacl)).grantee as grantee, nspowner as owner from pg_namespace where nspname = $1
             union all
             select (aclexplode(c.relacl)).grantee, c.relowner
               from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1) a
       left join pg_roles r on r.oid = a.grantee
      where a.grantee <> a.owner and r.rolname is distinct from $2`,
    [schema, serviceRole],
  );
  return rows.map((row) => row.grantee);
}

/**
 * The `npm run migrate` step for any set of services: creates the database and each service's role
 * (`urlOf(schema)` names it; see `serviceUrlVariable`), migrates each schema, grants each role its own schema
 * only, then checks that every role owns nothing and can use nothing else.
 */
export async function migrateAll(
  services: ServiceSchema[],
  ownerUrl: string,
  urlOf: (schema: string) => string,
  options: MigrateOptions = {},
): Promise<Record<string, string[]>> {
  const roles = serviceRoles(services, ownerUrl, urlOf);
  const log = options.log ?? (() => undefined);
  // Roles are cluster-wide and replicas (or test files) may race: one advisory lock, in one database.
  await withClient(withDatabase(ownerUrl, 'postgres'), async (c) => {
    await c.query(`select pg_advisory_lock(hashtext('hearth-provision'))`);
    try {
      await ensureDatabase(c, describeUrl(ownerUrl).database);
      for (const role of roles) {
        await ensureServiceRole(c, role, log).catch((err: unknown) => {
          throw explainProvisioning(err, ownerUrl);
        });
      }
    } finally {
      await c.query(`select pg_advisory_unlock(hashtext('hearth-provision'))`);
    }
  });
  const result: Record<string, string[]> = {};
  // One connection for every service and the check after: a connection costs more than most of these statements.
  await withClient(ownerUrl, async (c) => {
    for (const { def, role } of roles)
      result[def.schema] = await migrateServiceOn(c, def, ownerUrl, role, options);
    for (const { def, role, source } of roles) {
      const problems = roleProblems(await inspectRole(c, role, def.schema), def.schema);
      if (problems.length) {
        throw new Error(
          `The role "${role}" (${source}) ${problems.join('; ')}. A service's role must own nothing and use ` +
            'only its own schema: name another role, or one that does not exist yet (migrate then creates it).',
        );
      }
    }
  });
  return result;
}

/** "permission denied to create role" means little to an operator on its own. */
function explainProvisioning(err: unknown, ownerUrl: string): unknown {
  if (!(err instanceof Error) || (err as { code?: string }).code !== '42501') return err;
  return new Error(
    `The owner "${describeUrl(ownerUrl).user}" may not create or change the services' roles (${err.message}). ` +
      "Give it CREATEROLE, or create each service's role yourself (login, nothing more) and name it in " +
      "the service's <SERVICE>_DATABASE_URL.",
    { cause: err },
  );
}
