import { Client } from 'pg';
import { eventually, type ApiClient } from '@hearth/testing';
import type { DistributedHearth } from './hearth.harness';

/** What the passports file gives these cases: its Hearth, its LERO, and a linked volunteer made anew. */
export interface PassportErasureCast {
  h: DistributedHearth;
  lero: { id: string; adminToken: string };
  person: () => Promise<{ memberId: string; own: ApiClient }>;
}

/** Backends of this test file's database waiting for a lock of the kind (`relation`, `advisory`). */
const waitingFor = async (owner: Client, locktype: string) =>
  (
    await owner.query<{ n: number }>(
      `select count(*)::int as n from pg_locks
        where not granted and locktype = $1 and database = (select oid from pg_database where datname = current_database())`,
      [locktype],
    )
  ).rows[0].n;

/** A passport issued while its volunteer's erasure is applied, and what volunteering keeps of them after. */
export function passportErasureCases(cast: () => PassportErasureCast) {
  it('keeps no member id on a passport issued while its volunteer was being erased (one member at a time)', async () => {
    const { h, lero, person } = cast();
    const robin = await person();
    const owner = new Client({ connectionString: h.db.ownerUrl });
    await owner.connect();
    const kept = () =>
      owner.query(`select 1 from volunteering.members where member_id = $1`, [robin.memberId]);
    try {
      // The issuance waits at its status-list index, after it has read that Robin volunteers.
      await owner.query('begin');
      await owner.query('lock table volunteering.status_lists in exclusive mode');
      const issued = robin.own.get(`/api/v1/tenants/${lero.id}/volunteering/me/passport`);
      await eventually(async () => expect(await waitingFor(owner, 'relation')).toBeGreaterThan(0));
      const erased = await h.api
        .as(lero.adminToken)
        .request('DELETE', `/api/v1/tenants/${lero.id}/members/${robin.memberId}`);
      expect(erased.status).toBe(204);
      // The erasure reaches volunteering: it waits for the issuance to end, or (in no turn) goes ahead of it.
      await eventually(
        async () =>
          expect((await waitingFor(owner, 'advisory')) > 0 || (await kept()).rowCount === 0).toBe(true),
        { timeoutMs: 8_000 },
      );
      await owner.query('commit');
      expect([200, 404]).toContain((await issued).status);
      await eventually(async () => expect((await kept()).rowCount).toBe(0));
      const linked = await owner.query(
        `select kind from volunteering.issued_credentials where member_id = $1`,
        [robin.memberId],
      );
      expect(linked.rows).toEqual([]);
    } finally {
      await owner.query('rollback').catch(() => undefined);
      await owner.end();
    }
  });
}
