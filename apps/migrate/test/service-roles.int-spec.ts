import { Client } from 'pg';
import { HEARTH_ROLE_COMMENT, migrateAll, serviceRoleName, withCredentials } from '@hearth/persistence';
import { createTestDatabase, testServices, uniqueName, withClient, type TestDatabase } from '@hearth/testing';
import { REPORTING_SCHEMA, ReportingDatabase } from '../../reporting/src';
import { SERVICE_SCHEMAS } from '../src/service-schemas';

const SCHEMAS = SERVICE_SCHEMAS.map((s) => s.schema);
const PAIRS = SCHEMAS.flatMap((a) => SCHEMAS.filter((b) => b !== a).map((b) => [a, b] as const));

/** One database role per service (ADR 0012), as `npm run migrate` leaves them. */
describe('each service’s own database role', () => {
  let db: TestDatabase;
  let owner: Client;
  /** A table of each schema, to try reading. */
  const someTable: Record<string, string> = {};
  /** Roles this file made for itself, dropped at the end (roles outlive the database). */
  const madeRoles: string[] = [];

  const makeRole = async (attributes: string) => {
    const role = uniqueName('hearth_test_role');
    madeRoles.push(role);
    await owner.query(`create role ${role} ${attributes}`);
    return role;
  };
  const passwordOf = async (role: string): Promise<string> =>
    (await owner.query(`select rolpassword from pg_authid where rolname = $1`, [role])).rows[0].rolpassword;
  const asRole = (url: string, sql: string) => withClient(url, (c) => c.query(sql));
  const migrate = (urlOf = db.urlFor, log?: (line: string) => void) =>
    migrateAll(SERVICE_SCHEMAS, db.ownerUrl, urlOf, { log });
  const connectReporting = (url = db.urlFor('reporting')) =>
    ReportingDatabase.connect(REPORTING_SCHEMA, { url });

  beforeAll(async () => {
    db = await createTestDatabase({ dropAtOnce: true }); // its roles, dropped after it, own objects in it
    await migrate();
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    for (const schema of SCHEMAS) {
      const { rows } = await owner.query<{ tablename: string }>(
        `select tablename from pg_tables where schemaname = $1 and tablename <> 'mikro_orm_migrations'
          order by tablename limit 1`,
        [schema],
      );
      someTable[schema] = `${schema}.${rows[0].tablename}`;
    }
  });

  afterAll(async () => {
    await owner?.end();
    await db?.drop();
    if (madeRoles.length) {
      const { databaseUrl } = await testServices();
      await withClient(databaseUrl, async (c) => {
        for (const role of madeRoles) await c.query(`drop role if exists ${role}`);
      });
    }
  });

  it('keeps the password hashes in tenants.accounts from the reporting service’s role', async () => {
    await expect(
      asRole(db.urlFor('reporting'), 'select email, password_hash from tenants.accounts'),
    ).rejects.toThrow(/permission denied for schema tenants/);
  });

  it.each(PAIRS)('lets the %s service’s role read none of the %s schema', async (own, other) => {
    await expect(asRole(db.urlFor(own), `select * from ${someTable[other]}`)).rejects.toThrow(
      new RegExp(`permission denied for schema ${other}`),
    );
    await expect(asRole(db.urlFor(own), `select count(*) from ${someTable[own]}`)).resolves.toBeDefined();
  });

  it('creates each role able to log in and nothing more, marked as Hearth’s, owning nothing', async () => {
    const { rows } = await owner.query(
      `select rolname, rolcanlogin, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,
              shobj_description(oid, 'pg_authid') as comment,
              (select count(*)::int from pg_class c where c.relowner = r.oid) as owns
         from pg_roles r where rolname = any($1) order by rolname`,
      [SCHEMAS.map(serviceRoleName)],
    );
    expect(rows).toEqual(
      SCHEMAS.map(serviceRoleName)
        .sort()
        .map((rolname) => ({
          rolname,
          rolcanlogin: true,
          rolsuper: false,
          rolbypassrls: false,
          rolcreaterole: false,
          rolcreatedb: false,
          comment: HEARTH_ROLE_COMMENT,
          owns: 0,
        })),
    );
  });

  it('takes every right on the services’ schemas from any other role, such as the one shared role of before', async () => {
    const shared = await makeRole(`login password 'shared'`);
    for (const schema of SCHEMAS) {
      await owner.query(`grant usage on schema ${schema} to ${shared}`);
      await owner.query(
        `grant select, insert, update, delete on all tables in schema ${schema} to ${shared}`,
      );
    }
    const sharedUrl = withCredentials(db.ownerUrl, shared, 'shared');
    await expect(asRole(sharedUrl, 'select count(*) from tenants.accounts')).resolves.toBeDefined();

    const said: string[] = [];
    await migrate(db.urlFor, (line) => said.push(line));

    for (const schema of SCHEMAS) {
      await expect(asRole(sharedUrl, `select * from ${someTable[schema]}`)).rejects.toThrow(
        /permission denied/,
      );
      expect(said).toContain(`revoked every right of ${shared} on the ${schema} schema`);
    }
  });

  it('creates a role it is told of, and keeps the password of a role it created in step with the URL', async () => {
    const role = uniqueName('hearth_test_role');
    madeRoles.push(role);
    const urlWith = (password: string) => (schema: string) =>
      schema === 'reporting' ? withCredentials(db.ownerUrl, role, password) : db.urlFor(schema);
    const said: string[] = [];
    try {
      await migrate(urlWith('first'), (line) => said.push(line));
      expect(said).toContain(`created the role ${role} (REPORTING_DATABASE_URL)`);
      const first = await passwordOf(role);
      await migrate(urlWith('second'));
      expect(await passwordOf(role)).not.toBe(first);
      await expect(
        asRole(urlWith('second')('reporting'), 'select count(*) from reporting.outbox'),
      ).resolves.toBeDefined();
    } finally {
      await migrate();
    }
  });

  it('never alters a role it did not create: it uses one that is unprivileged, and refuses one that is not', async () => {
    const own = await makeRole(`login password 'chosen-by-the-operator'`);
    const before = await passwordOf(own);
    const urlOf = (schema: string) =>
      schema === 'reporting' ? withCredentials(db.ownerUrl, own, 'not-its-password') : db.urlFor(schema);
    try {
      await migrate(urlOf);
      // Granted, but its password (and comment) left as they were.
      await expect(
        asRole(urlOf('reporting'), 'select count(*) from reporting.outbox'),
      ).resolves.toBeDefined();
      expect(await passwordOf(own)).toBe(before);
      const { rows } = await owner.query(
        `select shobj_description(oid, 'pg_authid') as c from pg_roles where rolname = $1`,
        [own],
      );
      expect(rows[0].c).toBeNull();
      // Meanwhile hearth_reporting lost the reporting schema, which now belongs to the operator's role.
      await expect(connectReporting()).rejects.toThrow(/has no rights on the reporting schema/);
    } finally {
      await migrate();
    }

    const bypass = await makeRole(`login bypassrls password 'x'`);
    await expect(
      migrate((schema) =>
        schema === 'reporting' ? withCredentials(db.ownerUrl, bypass, 'y') : db.urlFor(schema),
      ),
    ).rejects.toThrow(
      new RegExp(
        `"${bypass}" \\(REPORTING_DATABASE_URL\\) was not created by Hearth's migrate and has BYPASSRLS`,
      ),
    );
    const { rows } = await owner.query(`select rolbypassrls from pg_roles where rolname = $1`, [bypass]);
    expect(rows[0].rolbypassrls).toBe(true);
  });

  it('refuses two services sharing one role, and a service role that owns the schemas', async () => {
    await expect(migrate(() => db.urlFor('reporting'))).rejects.toThrow(
      /TENANTS_DATABASE_URL and MEMBERSHIP_DATABASE_URL both name the role "hearth_reporting"/,
    );
    await expect(migrate(() => db.ownerUrl)).rejects.toThrow(/names the role "[^"]+" that owns the schemas/);
  });

  it('starts a service as its own role, and refuses a role that can read another service’s schema', async () => {
    const reporting = await connectReporting();
    await reporting.close();

    await owner.query('grant usage on schema tenants to hearth_reporting');
    await expect(connectReporting()).rejects.toThrow(
      /The reporting service will not start: its database role "hearth_reporting" can use other services' schema\(s\) tenants/,
    );
    await migrate();
    await (await connectReporting()).close();
  });

  it('refuses a role that owns a table, or may act as a table’s owner', async () => {
    await owner.query('create table public.stray (id int)');
    try {
      await owner.query('alter table public.stray owner to hearth_reporting');
      await expect(connectReporting()).rejects.toThrow(
        /its database role "hearth_reporting" owns public\.stray/,
      );

      const tableOwner = await makeRole('nologin');
      await owner.query(`alter table public.stray owner to ${tableOwner}`);
      await (await connectReporting()).close();
      await owner.query(`grant ${tableOwner} to hearth_reporting`);
      try {
        await expect(connectReporting()).rejects.toThrow(/owns public\.stray/);
      } finally {
        await owner.query(`revoke ${tableOwner} from hearth_reporting`);
      }
    } finally {
      await owner.query('drop table public.stray');
    }
  });

  it('refuses a superuser, as before', async () => {
    await expect(connectReporting(db.ownerUrl)).rejects.toThrow(/its database role "[^"]+" has SUPERUSER/);
  });
});
