import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceRoleName } from '@hearth/persistence';
import { loadConfig } from '@hearth/platform';
import { ApiClient, Given, withClient } from '@hearth/testing';
import { StandaloneEnv } from '../src/config/env.schema';
import { startEmbeddedPostgres } from '../src/embedded-database';
import { startStandalone, type RunningHearth } from '../src/standalone';
import { SERVICE_SCHEMAS } from '../../migrate/src';
import { TenantsDatabase } from '../../tenants/src';
import { MembershipDatabase } from '../../membership/src';
import { EventsDatabase } from '../../events/src';
import { ReportingDatabase } from '../../reporting/src';

type Json = Record<string, unknown>;
const ADMIN = { email: 'admin@legacy.example.org', password: 'a long admin passphrase' };
const LEGACY_PASSWORD = 'legacy-app-password';

/**
 * Turns a data directory into what Hearth made before ADR 0012: the same schemas, owned by the superuser, and one
 * role `hearth_app` (its password in secrets.json) with DML on every service's schema.
 */
async function rewindToOneSharedRole(dataDir: string): Promise<void> {
  const db = await startEmbeddedPostgres(dataDir, () => undefined);
  try {
    await withClient(db.ownerUrl, async (c) => {
      await c.query(
        `create role hearth_app login nosuperuser nobypassrls nocreatedb nocreaterole password '${LEGACY_PASSWORD}'`,
      );
      for (const { schema } of SERVICE_SCHEMAS) {
        const role = serviceRoleName(schema);
        await c.query(`revoke all on all tables in schema ${schema} from ${role}`);
        await c.query(`revoke all on all sequences in schema ${schema} from ${role}`);
        await c.query(`revoke all on schema ${schema} from ${role}`);
        await c.query(`drop role ${role}`);
        // What the old migrateService granted.
        await c.query(`grant usage on schema ${schema} to hearth_app`);
        await c.query(`grant select, insert, update, delete on all tables in schema ${schema} to hearth_app`);
        await c.query(`revoke all on ${schema}.mikro_orm_migrations from hearth_app`);
        await c.query(`grant usage, select on all sequences in schema ${schema} to hearth_app`);
      }
    });
  } finally {
    await db.stop();
  }
  const secretsFile = join(dataDir, 'secrets.json');
  const secrets = JSON.parse(await readFile(secretsFile, 'utf8')) as Json;
  await writeFile(secretsFile, JSON.stringify({ ...secrets, appPassword: LEGACY_PASSWORD }), { mode: 0o600 });
  await rm(join(dataDir, 'service-roles.json'));
}

/** An embedded data directory from before one role per service keeps working, data and all, once upgraded. */
describe('standalone on a data directory made with one shared database role', () => {
  let dataDir: string;
  let hearth: RunningHearth | undefined;
  const said: string[] = [];

  const start = async () => {
    const env = loadConfig(StandaloneEnv, {
      HEARTH_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'warn',
      HEARTH_ADMIN_EMAIL: ADMIN.email,
      HEARTH_ADMIN_PASSWORD: ADMIN.password,
    });
    hearth = await startStandalone(env, (line) => said.push(line));
    return new ApiClient(hearth.url);
  };
  const stop = async () => {
    await hearth?.stop();
    hearth = undefined;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-legacy-'));
  });

  afterAll(async () => {
    await stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('moves it to a role per service on start, with its data intact', async () => {
    let api = await start();
    const given = new Given(api, ADMIN);
    const region = await given.region();
    const lero = await given.lero(region.id);
    const created = await api.as(lero.adminToken).post<Json>(`/api/v1/tenants/${lero.id}/members`, {
      displayName: 'Robin',
      communityRoles: ['volunteer'],
    });
    expect(created.status).toBe(201);
    await stop();
    await rewindToOneSharedRole(dataDir);

    said.length = 0;
    api = await start();

    expect(said).toContain('Moved the database to one role per service; the shared role hearth_app is gone');
    // Everything made before is there, through each service's own role.
    // With a code from the app set up before: the key that encrypts authenticator secrets was kept.
    const admin = await new Given(api, ADMIN, given.authenticators).login(
      lero.adminEmail,
      'correct horse battery staple',
    );
    const member = await api
      .as(admin)
      .get<Json>(`/api/v1/tenants/${lero.id}/members/${created.body.id as string}`);
    expect(member.status).toBe(200);
    expect(member.body).toMatchObject({ displayName: 'Robin', communityRoles: ['volunteer'] });
    expect((await api.as(admin).get<Json>(`/api/v1/tenants/${lero.id}`)).body).toMatchObject({
      status: 'active',
    });
    const more = await api
      .as(admin)
      .post<Json>(`/api/v1/tenants/${lero.id}/members`, { displayName: 'Sam', communityRoles: [] });
    expect(more.status).toBe(201);

    const app = hearth!.app;
    const roleOf = async (db: TenantsDatabase | MembershipDatabase | EventsDatabase | ReportingDatabase) =>
      (
        await db.transactPlatform((tx) =>
          tx.run<[{ role: string; legacy: number }[]]>({
            sql: `select current_user as role, (select count(*)::int from pg_roles where rolname = 'hearth_app') as legacy`,
          }),
        )
      )[0][0];
    expect(await roleOf(app.get(TenantsDatabase))).toEqual({ role: 'hearth_tenants', legacy: 0 });
    expect(await roleOf(app.get(MembershipDatabase))).toEqual({ role: 'hearth_membership', legacy: 0 });
    expect(await roleOf(app.get(EventsDatabase))).toEqual({ role: 'hearth_events', legacy: 0 });
    const reporting = app.get(ReportingDatabase);
    expect(await roleOf(reporting)).toEqual({ role: 'hearth_reporting', legacy: 0 });
    await expect(
      reporting.transactPlatform((tx) => tx.run({ sql: 'select password_hash from tenants.accounts' })),
    ).rejects.toThrow(/permission denied for schema tenants/);
    // The shared role's password is no longer needed: the services' passwords are kept beside it.
    const roles = JSON.parse(await readFile(join(dataDir, 'service-roles.json'), 'utf8')) as Json;
    expect(Object.keys(roles).sort()).toEqual(SERVICE_SCHEMAS.map((s) => s.schema).sort());

    // And the next start has nothing left to move.
    await stop();
    said.length = 0;
    api = await start();
    expect(said.some((line) => line.startsWith('Moved the database'))).toBe(false);
    const again = await api
      .as(admin)
      .get<Json>(`/api/v1/tenants/${lero.id}/members/${more.body.id as string}`);
    expect(again.body).toMatchObject({ displayName: 'Sam' });
  });
});
