import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { MembershipEvents, type Actor, type TestimonyClient } from '@hearth/contracts';
import { eventually, waitingOnLocks } from '@hearth/testing';
import { ctx, failure, type lero } from './consultation-fixture';
import { AdvocacyDatabase } from '../src';
import { PiecesService } from '../src/testimony/pieces.service';
import { testimonyErasureConsumer } from '../src/testimony/testimony-member-data.service';
import type { AdvocacyService } from './advocacy.harness';

/** What testimony's int-spec gives these cases: its service, its client and its LERO. */
export interface ErasureCast {
  service: AdvocacyService;
  client: TestimonyClient;
  owner: Client;
  a: ReturnType<typeof lero>;
}

/**
 * A member's erasure against their contribution, in either order (ADR 0066): a contribution after the erasure ran
 * (their access token still valid) is refused, and one in flight while it runs is withdrawn by it. Either way no
 * piece keeps the erased member's id.
 */
export function testimonyErasureCases(cast: () => ErasureCast): void {
  const opened = async () => {
    const { client, a } = cast();
    const t = await client.createTheme(ctx(a.coordinator), a.tenantId, {
      title: 'Late',
      prompt: 'Anything?',
    });
    return client.openTheme(ctx(a.admin), a.tenantId, t.id);
  };
  /** The erasure as membership's event brings it, through the service's consumer. */
  const erase = (m: Actor) => {
    const { service, a } = cast();
    const at = new Date().toISOString();
    const memberId = m.grants[0].memberId!;
    return testimonyErasureConsumer(
      service.app.get(AdvocacyDatabase),
      service.app.get(PiecesService),
    ).process(
      {
        id: uuidv7(),
        subject: MembershipEvents.memberErased,
        occurredAt: at,
        tenantId: a.tenantId,
        data: { tenantId: a.tenantId, memberId, occurredAt: at, communityRoles: [] },
      },
      1,
    );
  };
  const piecesOf = async (m: Actor) =>
    (
      await cast().owner.query(`select status from advocacy.testimony_pieces where member_id = $1`, [
        m.grants[0].memberId,
      ])
    ).rows;

  it('refuses a piece contributed with an erased member’s still-valid token, and keeps no trace of it', async () => {
    const { client, a, owner } = cast();
    const theme = await opened();
    const m = a.member();
    await client.contribute(ctx(m), a.tenantId, theme.id, { text: 'Before', consent: true });
    expect(await erase(m)).toBe('handled');
    expect(await piecesOf(m)).toEqual([]);
    const later = await opened();
    expect(
      await failure(client.contribute(ctx(m), a.tenantId, later.id, { text: 'After', consent: true })),
    ).toEqual({ code: 'NOT_FOUND' });
    expect(await piecesOf(m)).toEqual([]);
    // The tombstone is a one-way key: the member id is nowhere in the table.
    const { rows } = await owner.query<{ row: string }>(
      `select t::text as row from advocacy.erased_members t`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.row.includes(m.grants[0].memberId!))).toEqual([]);
    // Another member of the LERO is not touched.
    expect(
      await client.contribute(ctx(a.member()), a.tenantId, later.id, { text: 'Fine', consent: true }),
    ).toMatchObject({ status: 'submitted' });
  });

  it('withdraws a piece whose contribution was in flight while the erasure ran', async () => {
    const { client, a, owner } = cast();
    const theme = await opened();
    const m = a.member();
    const waiting = () => waitingOnLocks(owner);
    // The contribution is pinned in its transaction (the theme's row held by the owner), after it has begun.
    await owner.query('begin');
    try {
      await owner.query(`select 1 from advocacy.themes where id = $1 for update`, [theme.id]);
      const contributed = client.contribute(ctx(m), a.tenantId, theme.id, {
        text: 'In flight',
        consent: true,
      });
      await eventually(async () => expect(await waiting()).toBe(1));
      let erased = false;
      const erasure = erase(m).finally(() => (erased = true));
      // The erasure waits for the member's contribution, or (without their lock) runs past it.
      await eventually(async () => expect(erased || (await waiting()) === 2).toBe(true));
      await owner.query('commit');
      expect(await contributed).toMatchObject({ status: 'submitted' });
      expect(await erasure).toBe('handled');
    } catch (err) {
      await owner.query('rollback');
      throw err;
    }
    expect(await piecesOf(m)).toEqual([]);
    expect(
      await failure(client.contribute(ctx(m), a.tenantId, theme.id, { text: 'Again', consent: true })),
    ).toEqual({ code: 'NOT_FOUND' });
  });
}
