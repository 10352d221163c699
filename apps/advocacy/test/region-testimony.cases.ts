import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import {
  MEMBER_EXPORT_PART,
  MembershipEvents,
  type Actor,
  type AdvocacyMemberExport,
  type TestimonyClient,
} from '@hearth/contracts';
import { EnvelopeVerifier, Gather, NatsConnectionProvider } from '@hearth/messaging';
import { testTrust } from '@hearth/testing';
import { ctx, failure, lero } from './consultation-fixture';
import { AdvocacyDatabase } from '../src';
import { PiecesService } from '../src/testimony/pieces.service';
import { testimonyErasureConsumer } from '../src/testimony/testimony-member-data.service';
import type { AdvocacyService } from './advocacy.harness';

/** Someone holding one role in a region. */
const inRegion = (role: 'region-admin' | 'commissioner', regionId: string): Actor => ({
  accountId: uuidv7(),
  email: `${role}-${regionId.slice(-6)}@example.org`,
  grants: [{ role, regionId }],
});

/**
 * A region's testimony themes over NATS (ADR 0076), in the testimony suite's service. Members contribute to them
 * through their LERO, which asks the tenants service for the LERO's region (the gateway's suite does that, with every
 * service running); here the pieces of two LEROs' members are written as that path writes them, and the region's
 * admin reviews them, the threshold counting people across both LEROs; export and erasure reach them.
 */
export function regionTestimonyCases(
  stage: () => { service: AdvocacyService; client: TestimonyClient; owner: Client },
) {
  const region = uuidv7();
  const admin = inRegion('region-admin', region);
  const a = lero();
  const b = lero();

  /** A member's piece in a region's theme, as `PiecesService.contribute` writes it (the LERO's row, the theme's region). */
  const contributed = async (m: Actor, themeId: string, text: string) => {
    const id = randomUUID();
    const grant = m.grants[0];
    await stage().owner.query(
      `insert into advocacy.testimony_pieces
         (id, theme_id, tenant_id, region_id, member_id, contributor, counts, status, text, consented_at)
       values ($1, $2, $3, $4, $5, $6, true, 'submitted', $7, now())`,
      [id, themeId, grant.tenantId, region, grant.memberId, `person-${m.accountId}`, text],
    );
    return id;
  };
  const outbox = async (themeId: string) =>
    (
      await stage().owner.query<{ subject: string; tenant_id: string | null; payload: object }>(
        `select subject, tenant_id, payload from advocacy.outbox where payload->>'themeId' = $1 order by id`,
        [themeId],
      )
    ).rows;

  it('lets a region’s admins run its themes, and answers everyone else’s ids like missing ones', async () => {
    const { client } = stage();
    const draft = await client.createRegionTheme(ctx(admin), region, { title: 'Region', prompt: 'P' });
    expect(draft).toMatchObject({ owner: 'region', status: 'draft', publishThreshold: 10, contributors: 0 });
    expect(
      await client.updateRegionTheme(ctx(admin), region, draft.id, { publishThreshold: 5 }),
    ).toMatchObject({ publishThreshold: 5 });
    expect(
      await failure(client.createRegionTheme(ctx(admin), region, { title: ' ', prompt: 'P' })),
    ).toMatchObject({ code: 'VALIDATION' });
    const open = await client.openRegionTheme(ctx(admin), region, draft.id);
    expect(open).toMatchObject({ status: 'open' });
    expect((await client.listRegionThemes(ctx(admin), region, {})).items.map((t) => t.id)).toEqual([
      draft.id,
    ]);
    expect(await failure(client.updateRegionTheme(ctx(admin), region, draft.id, { title: 'x' }))).toEqual({
      code: 'CONFLICT',
      reason: 'ThemeNotDraft',
    });
    // Its commissioners may not; LEROs' people and other regions' admins are told the region is missing.
    expect(await failure(client.listRegionThemes(ctx(inRegion('commissioner', region)), region, {}))).toEqual(
      {
        code: 'FORBIDDEN',
      },
    );
    for (const stranger of [a.admin, inRegion('region-admin', uuidv7())])
      expect(await failure(client.getRegionTheme(ctx(stranger), region, draft.id))).toEqual({
        code: 'NOT_FOUND',
      });
    // The region's theme on a LERO's path, a LERO's on the region's, another region's: missing.
    const leros = await client.createTheme(ctx(a.admin), a.tenantId, { title: 'LERO', prompt: 'P' });
    const other = uuidv7();
    const theirs = await client.createRegionTheme(ctx(inRegion('region-admin', other)), other, {
      title: 'Theirs',
      prompt: 'P',
    });
    for (const call of [
      () => client.getTheme(ctx(a.admin), a.tenantId, draft.id),
      () => client.themePieces(ctx(a.admin), a.tenantId, draft.id),
      () => client.getRegionTheme(ctx(admin), region, leros.id),
      () => client.getRegionTheme(ctx(admin), region, theirs.id),
      () => client.openRegionTheme(ctx(admin), region, theirs.id),
      () => client.regionThemePieces(ctx(admin), region, theirs.id),
    ])
      expect(await failure(call())).toEqual({ code: 'NOT_FOUND' });
    expect((await client.listThemes(ctx(a.admin), a.tenantId, {})).items.map((t) => t.id)).not.toContain(
      draft.id,
    );
  });

  it('publishes at k people across its LEROs, and a member’s export and erasure reach their piece there', async () => {
    const { client, service } = stage();
    const members = [a.member(), a.member(), a.member(), b.member(), b.member()];
    const draft = await client.createRegionTheme(ctx(admin), region, {
      title: 'Across the region',
      prompt: 'What helped?',
      publishThreshold: 5,
    });
    const theme = await client.openRegionTheme(ctx(admin), region, draft.id);
    const pieces = [];
    for (const [i, m] of members.entries()) pieces.push(await contributed(m, theme.id, `Region ${i}`));
    const review = await client.regionThemePieces(ctx(admin), region, theme.id);
    expect(review.items.map((p) => p.id).sort()).toEqual([...pieces].sort());
    expect(JSON.stringify(review)).not.toContain(a.tenantId);
    // A LERO's staff cannot review or approve them: the theme is not theirs.
    expect(await failure(client.approvePiece(ctx(a.admin), a.tenantId, theme.id, pieces[0]))).toEqual({
      code: 'NOT_FOUND',
    });
    await client.proposeRegionEdit(ctx(admin), region, theme.id, pieces[4], { text: 'Region 4, edited' });
    for (const id of pieces.slice(0, 4)) await client.approveRegionPiece(ctx(admin), region, theme.id, id);
    expect(await client.getRegionTheme(ctx(admin), region, theme.id)).toMatchObject({
      published: false,
      contributors: 4,
    });
    expect(await failure(client.regionThemeTestimony(ctx(admin), region, theme.id))).toEqual({
      code: 'CONFLICT',
      reason: 'ThemeNotPublished',
    });
    await client.approveRegionPiece(ctx(admin), region, theme.id, pieces[4]);
    expect(await client.getRegionTheme(ctx(admin), region, theme.id)).toMatchObject({
      published: true,
      contributors: 5,
    });
    expect([...(await client.regionThemeTestimony(ctx(admin), region, theme.id)).pieces].sort()).toEqual(
      members.map((_, i) => `Region ${i}`),
    );
    expect(await failure(client.declineRegionPiece(ctx(admin), region, theme.id, pieces[0]))).toEqual({
      code: 'CONFLICT',
      reason: 'PieceDecided',
    });

    // The member's export lists their piece in the region's theme, with its title.
    const memberId = members[0].grants[0].memberId!;
    const options = { ...service.nats.as('membership'), trust: testTrust.trust };
    const nats = new NatsConnectionProvider(options);
    const gather = new Gather(options, nats, new EnvelopeVerifier(options));
    try {
      const { replies } = await gather.ask<AdvocacyMemberExport>(
        MEMBER_EXPORT_PART,
        ctx(members[0]),
        { tenantId: a.tenantId, memberId },
        { from: ['advocacy'], maxWaitMs: 5000 },
      );
      const [reply] = replies;
      expect('data' in reply && reply.data.testimony).toEqual([
        expect.objectContaining({
          pieceId: pieces[0],
          themeId: theme.id,
          themeTitle: 'Across the region',
          text: 'Region 0',
        }),
      ]);
    } finally {
      await gather.onApplicationShutdown();
      await nats.onApplicationShutdown();
    }
    // Erased by their LERO: the piece is withdrawn, the region's theme falls below k and is unpublished.
    const at = new Date().toISOString();
    const consumer = testimonyErasureConsumer(
      service.app.get(AdvocacyDatabase),
      service.app.get(PiecesService),
    );
    const erased = {
      id: uuidv7(),
      subject: MembershipEvents.memberErased,
      occurredAt: at,
      tenantId: a.tenantId,
      data: { tenantId: a.tenantId, memberId, occurredAt: at, communityRoles: [] },
    };
    expect(await consumer.process(erased, 1)).toBe('handled');
    expect(await client.getRegionTheme(ctx(admin), region, theme.id)).toMatchObject({
      published: false,
      contributors: 4,
    });
    const left = await stage().owner.query(`select 1 from advocacy.testimony_pieces where member_id = $1`, [
      memberId,
    ]);
    expect(left.rows).toEqual([]);
    expect(await outbox(theme.id)).toEqual([
      {
        subject: 'evt.advocacy.theme.published',
        tenant_id: null,
        payload: { regionId: region, themeId: theme.id },
      },
      {
        subject: 'evt.advocacy.theme.unpublished',
        tenant_id: null,
        payload: { regionId: region, themeId: theme.id },
      },
    ]);
  });
}
