import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { VolunteeringEvents, typedEvent } from '@hearth/contracts';
import { migrateAll } from '@hearth/persistence';
import { createTestDatabase, schemaBefore, type TestDatabase } from '@hearth/testing';
import { VOLUNTEERING_SCHEMA } from '../src/volunteering-database';
import { MigrationVolunteeringPublicRolesAnnounced } from '../migrations/migration-20261220-volunteering-public-roles-announced';

const before = (next: unknown) => schemaBefore(VOLUNTEERING_SCHEMA, next);

/** Migrations that change data already there: run against a database written by the ones before them. */
describe('volunteering migrations', () => {
  let db: TestDatabase;
  let owner: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = new Client({ connectionString: db.ownerUrl });
  });

  afterAll(async () => {
    await owner?.end();
    await db?.drop();
  });

  it('announces every public role made before the events carried its public facts, and no members-only one', async () => {
    await migrateAll([before(MigrationVolunteeringPublicRolesAnnounced)], db.ownerUrl, db.urlFor);
    await owner.connect();
    const [tenant, other] = [uuidv7(), uuidv7()];
    const [safeguarding, naloxone, elsewhere] = [uuidv7(), uuidv7(), uuidv7()];
    for (const [id, t, name, kind] of [
      [safeguarding, tenant, 'Safeguarding', 'training'],
      [naloxone, tenant, 'Naloxone', 'training'],
      [elsewhere, other, 'Another LERO’s DBS', 'check'],
    ])
      await owner.query(
        `insert into volunteering.training (id, tenant_id, name, kind) values ($1, $2, $3, $4)`,
        [id, t, name, kind],
      );
    const [walkLeader, tea, closed] = [uuidv7(), uuidv7(), uuidv7()];
    const role = (id: string, title: string, visibility: string, status: string, requirements: string[]) =>
      owner.query(
        `insert into volunteering.roles (id, tenant_id, title, description, what_youll_do, "where", skills,
           requirement_ids, visibility, status)
         values ($1, $2, $3, 'Lead the walk', 'Walk at the front', 'Park gates', '["listening"]', $4, $5, $6)`,
        [id, tenant, title, JSON.stringify(requirements), visibility, status],
      );
    // The walk leader names its requirements in its own order, one of them (another LERO's) not to be named.
    await role(walkLeader, 'Peer walk leader', 'public', 'open', [naloxone, elsewhere, safeguarding]);
    await role(tea, 'Tea and welcome', 'members', 'open', [safeguarding]);
    await role(closed, 'Litter pick', 'public', 'closed', []);

    await migrateAll([VOLUNTEERING_SCHEMA], db.ownerUrl, db.urlFor);

    const { rows } = await owner.query<{ id: string; subject: string; tenant_id: string; payload: unknown }>(
      `select id::text, subject, tenant_id::text, payload from volunteering.outbox`,
    );
    const events = rows.map((r) =>
      typedEvent({
        id: r.id,
        subject: r.subject,
        occurredAt: new Date().toISOString(),
        tenantId: r.tenant_id,
        data: r.payload,
      }),
    );
    expect(events.map((e) => [e?.subject, (e?.data as { roleId: string }).roleId]).sort()).toEqual(
      [
        [VolunteeringEvents.roleUpdated, walkLeader],
        [VolunteeringEvents.roleUpdated, closed],
      ].sort(),
    );
    const byId = new Map(rows.map((r) => [(r.payload as { roleId: string }).roleId, r.payload]));
    expect(byId.get(walkLeader)).toEqual({
      tenantId: tenant,
      roleId: walkLeader,
      title: 'Peer walk leader',
      visibility: 'public',
      status: 'open',
      requirementIds: [naloxone, elsewhere, safeguarding],
      listing: {
        description: 'Lead the walk',
        whatYoullDo: 'Walk at the front',
        skills: ['listening'],
        where: 'Park gates',
        requirements: ['Naloxone', 'Safeguarding'],
      },
    });
    expect(byId.get(closed)).toMatchObject({ status: 'closed', listing: { requirements: [] } });
    const { rows: forced } = await owner.query<{ relname: string; relforcerowsecurity: boolean }>(
      `select relname, relforcerowsecurity from pg_class
        where relnamespace = 'volunteering'::regnamespace and relname in ('roles', 'training') order by relname`,
    );
    expect(forced).toEqual([
      { relname: 'roles', relforcerowsecurity: true },
      { relname: 'training', relforcerowsecurity: true },
    ]);
  });
});
