import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { migrateAll } from '@hearth/persistence';
import { createTestDatabase, type TestDatabase, testTenantId } from '@hearth/testing';
import { MEMBERSHIP_SCHEMA, MembershipDatabase } from '../src/membership-database';
import { MembersRepository, memberListQuery } from '../src/members/members.repository';
import { ReadAudit } from '../src/audit/read-audit';

const MEMBERS = 100_000;

/** Search must stay fast for a large LERO: 100,000 members, trigram indexes on name and email. */
describe('member search on 100,000 members of one LERO', () => {
  let db: TestDatabase;
  let service: MembershipDatabase;
  let repo: MembersRepository;
  const lero = testTenantId(uuidv7());
  const neighbour = uuidv7();

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateAll([MEMBERSHIP_SCHEMA], db.ownerUrl, db.urlFor);
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    // Ids in the UUIDv7 shape and order, generated in SQL so seeding takes a second or two.
    await owner.query(
      `insert into membership.members (id, tenant_id, display_name, email, status, joined_at)
       select (lpad(to_hex(1700000000000 + n), 12, '0') || '7000' || '8' || lpad(to_hex(n), 15, '0'))::uuid,
              $1, 'Person ' || md5(n::text), 'p' || n || '@example.org', 'active', now()
         from generate_series(1, $2::int) n`,
      [lero, MEMBERS],
    );
    await owner.query(
      `insert into membership.members (id, tenant_id, display_name, email, status, joined_at)
       values ($1, $2, 'Needle McHaystack', 'needle@example.org', 'active', now()),
              ($3, $4, 'Needle Elsewhere', 'needle@elsewhere.org', 'active', now())`,
      [uuidv7(), lero, uuidv7(), neighbour],
    );
    await owner.query('vacuum analyze membership.members');
    await owner.end();
    service = await MembershipDatabase.connect(MEMBERSHIP_SCHEMA, {
      url: db.urlFor(MEMBERSHIP_SCHEMA.schema),
    });
    repo = new MembersRepository(service, new ReadAudit(service, { databaseUrl: db.ownerUrl }));
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  const search = (text: string) =>
    repo.list(lero, { search: text, searchEmail: true, limit: 20, whole: true });

  // How fast is the bench's business; that it can be fast is the next test's (the plan uses the indexes).
  it('finds one person by part of their name or email, case-insensitive', async () => {
    const byName = await search('NEEDLE mch');
    const byEmail = await search('Needle@Example');
    expect(byName.map((m) => m.displayName)).toEqual(['Needle McHaystack']);
    expect(byEmail.map((m) => m.email)).toEqual(['needle@example.org']);
  });

  it('uses the trigram indexes rather than reading the whole LERO', async () => {
    const { sql, params } = memberListQuery(lero, {
      search: 'needle',
      searchEmail: true,
      limit: 20,
      whole: true,
    });
    const plan = await service.readInTenant<{ 'QUERY PLAN': string }>(lero, `explain ${sql}`, params);
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('members_display_name_trgm');
    expect(text).toContain('members_email_trgm');
  });

  it('pages through a large LERO in join order without skipping or repeating', async () => {
    const first = await repo.list(lero, { searchEmail: true, limit: 50, whole: false });
    expect(first).toHaveLength(51);
    const ids = first.map((m) => m.id);
    expect([...ids].sort()).toEqual(ids);
  });
});
