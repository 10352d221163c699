import { Client } from 'pg';
import type { BenchDatabase, DistributedProcesses } from './hearth';

export interface SeededLero {
  id: string;
  adminEmail: string;
  adminToken: string;
  memberIds: string[];
}

/**
 * LEROs onboarded through the API (admins, invitations, activation as a user would), then members written
 * straight into the membership schema as the owner: 100,000 members through the API would take the whole
 * time budget of the run.
 */
export async function seedLeros(
  hearth: DistributedProcesses,
  db: BenchDatabase,
  leros: number,
  membersEach: number,
): Promise<SeededLero[]> {
  const admin = await hearth.given.platformAdmin();
  const region = await hearth.given.region(admin);
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const seeded: SeededLero[] = [];
  try {
    for (let i = 0; i < leros; i++) {
      const lero = await hearth.given.lero(region.id, admin);
      const { rows } = await owner.query<{ id: string }>(
        `insert into membership.members (id, tenant_id, display_name, email, community_roles, status, joined_at)
         select gen_random_uuid(), $1, 'Member ' || g, 'member' || g || '@example.org', '{member}', 'active', now()
           from generate_series(1, $2) g
         returning id`,
        [lero.id, membersEach],
      );
      // What the events service would have learnt from their `member.joined` events by the time doors open.
      await owner.query(
        `insert into events.member_status (member_id, tenant_id, status)
         select id, tenant_id, 'active' from membership.members where tenant_id = $1`,
        [lero.id],
      );
      seeded.push({
        id: lero.id,
        adminEmail: lero.adminEmail,
        adminToken: lero.adminToken,
        memberIds: rows.map((r) => r.id),
      });
    }
    await owner.query('analyze membership.members');
    await owner.query('analyze events.member_status');
  } finally {
    await owner.end();
  }
  return seeded;
}
