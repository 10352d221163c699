import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import {
  CONSULTATION_ANSWERS_NOTE,
  MEMBER_EXPORT_PART,
  MembershipEvents,
  type Actor,
  type AdvocacyMemberExport,
  type TestimonyClient,
} from '@hearth/contracts';
import { EnvelopeVerifier, Gather, NatsConnectionProvider } from '@hearth/messaging';
import { testTrust, withClient } from '@hearth/testing';
import { ctx, failure, lero } from './consultation-fixture';
import { ADVOCACY_SCHEMA, AdvocacyDatabase } from '../src';
import { PiecesService } from '../src/testimony/pieces.service';
import { testimonyErasureConsumer } from '../src/testimony/testimony-member-data.service';
import { startAdvocacyService, type AdvocacyService } from './advocacy.harness';
import { regionTestimonyCases } from './region-testimony.cases';
import { testimonyErasureCases } from './testimony-erasure.cases';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

/** Collective testimony over NATS, as the gateway asks (ADR 0066): published only in a crowd. */
describe('collective testimony', () => {
  let service: AdvocacyService;
  let client: TestimonyClient;
  let owner: Client;
  const a = lero();
  const b = lero();

  beforeAll(async () => {
    service = await startAdvocacyService();
    ({ owner, testimony: client } = service);
  });

  afterAll(async () => {
    await service?.close();
  });

  const opened = async (publishThreshold?: number) => {
    const t = await client.createTheme(ctx(a.coordinator), a.tenantId, {
      title: 'What helped',
      prompt: 'What helped you into recovery?',
      ...(publishThreshold ? { publishThreshold } : {}),
    });
    return client.openTheme(ctx(a.admin), a.tenantId, t.id);
  };
  const contribute = (m: Actor, themeId: string, text: string) =>
    client.contribute(ctx(m), a.tenantId, themeId, { text, consent: true });
  const approved = async (m: Actor, themeId: string, text: string) => {
    const p = await contribute(m, themeId, text);
    await client.approvePiece(ctx(a.admin), a.tenantId, themeId, p.id);
    return p;
  };
  const outbox = async (themeId: string) =>
    (
      await owner.query<{ subject: string; payload: object }>(
        `select subject, payload from advocacy.outbox where payload->>'themeId' = $1 order by id`,
        [themeId],
      )
    ).rows;

  it('publishes at the tenth distinct contributor and unpublishes, in the same transaction, when one withdraws', async () => {
    const members = Array.from({ length: 10 }, () => a.member());
    const theme = await opened();
    expect(theme).toMatchObject({ status: 'open', publishThreshold: 10, published: false, contributors: 0 });
    const pieces = [];
    for (const [i, m] of members.slice(0, 9).entries())
      pieces.push(await approved(m, theme.id, `Piece ${i}`));
    expect(await client.getTheme(ctx(a.admin), a.tenantId, theme.id)).toMatchObject({
      published: false,
      contributors: 9,
    });
    expect(await failure(client.themeTestimony(ctx(a.admin), a.tenantId, theme.id))).toEqual({
      code: 'CONFLICT',
      reason: 'ThemeNotPublished',
    });
    pieces.push(await approved(members[9], theme.id, 'Piece 9'));
    expect(await client.getTheme(ctx(a.admin), a.tenantId, theme.id)).toMatchObject({
      published: true,
      contributors: 10,
    });
    const edition = await client.themeTestimony(ctx(a.admin), a.tenantId, theme.id);
    expect(Object.keys(edition).sort()).toEqual(['pieces', 'prompt', 'title']);
    expect([...edition.pieces].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Piece ${i}`));
    // Shown in a fresh random order on every read: ten reads of ten pieces in one order would be a 1 in (10!)^9 chance.
    const orders = new Set<string>();
    for (let i = 0; i < 10; i += 1)
      orders.add(JSON.stringify((await client.themeTestimony(ctx(a.admin), a.tenantId, theme.id)).pieces));
    expect(orders.size).toBeGreaterThan(1);
    const published = JSON.stringify(edition);
    expect(published).not.toMatch(UUID);
    expect(published).not.toMatch(ISO_DATE);

    // A withdrawal takes it to nine: unpublished at once, and the piece's text is gone.
    const gone = await client.withdrawPiece(ctx(members[3]), a.tenantId, theme.id, pieces[3].id);
    expect(gone).toMatchObject({ status: 'withdrawn', text: null });
    expect(await client.getTheme(ctx(a.admin), a.tenantId, theme.id)).toMatchObject({
      published: false,
      contributors: 9,
    });
    expect((await outbox(theme.id)).map((r) => r.subject)).toEqual([
      'evt.advocacy.theme.published',
      'evt.advocacy.theme.unpublished',
    ]);
    expect((await outbox(theme.id))[0].payload).toEqual({ tenantId: a.tenantId, themeId: theme.id });
    const stored = await owner.query<{ text: string | null; xmin: string }>(
      `select text, xmin::text from advocacy.testimony_pieces where id = $1`,
      [pieces[3].id],
    );
    expect(stored.rows).toEqual([{ text: null, xmin: expect.any(String) }]);
    // The withdrawal and the unpublishing were written by one transaction (the event too: the outbox's row is
    // rewritten once the relay has sent it, so its xmin says nothing afterwards).
    const themeRow = await owner.query<{ xmin: string }>(
      `select xmin::text from advocacy.themes where id = $1`,
      [theme.id],
    );
    expect(themeRow.rows[0].xmin).toBe(stored.rows[0].xmin);
    // Withdrawing twice is no error; someone else's piece answers as a missing one.
    expect(await client.withdrawPiece(ctx(members[3]), a.tenantId, theme.id, pieces[3].id)).toMatchObject({
      status: 'withdrawn',
    });
    expect(await failure(client.withdrawPiece(ctx(members[3]), a.tenantId, theme.id, pieces[4].id))).toEqual({
      code: 'NOT_FOUND',
    });
    // They may write again; approved, the theme is published again, without the old text.
    await approved(members[3], theme.id, 'Piece 3, again');
    const again = await client.themeTestimony(ctx(a.admin), a.tenantId, theme.id);
    expect(again.pieces).toContain('Piece 3, again');
    expect(again.pieces).not.toContain('Piece 3');
  });

  it('does not count accounts or member records made after the theme opened, nor one member twice', async () => {
    const older = Array.from({ length: 4 }, () => a.member());
    const spare = a.member();
    const theme = await opened(5);
    for (const m of older) await approved(m, theme.id, 'Before');
    // A coordinator's own new accounts: their pieces are approved and would be published, but never count.
    for (let i = 0; i < 3; i += 1) await approved(a.member(), theme.id, 'After');
    expect(await client.getTheme(ctx(a.admin), a.tenantId, theme.id)).toMatchObject({
      published: false,
      contributors: 4,
    });
    expect(await failure(contribute(older[0], theme.id, 'Twice'))).toEqual({
      code: 'CONFLICT',
      reason: 'AlreadyContributed',
    });
    // An old account linked to a new member record does not count either.
    const relinked: Actor = { ...spare, grants: [{ ...spare.grants[0], memberId: uuidv7() }] };
    await approved(relinked, theme.id, 'Relinked');
    // One person, one live piece (ADR 0076): the same account through another member record is refused.
    const again: Actor = { ...older[0], grants: [{ ...older[0].grants[0], memberId: uuidv7() }] };
    expect(await failure(contribute(again, theme.id, 'Twice, as another record'))).toEqual({
      code: 'CONFLICT',
      reason: 'AlreadyContributed',
    });
    expect((await client.getTheme(ctx(a.admin), a.tenantId, theme.id)).contributors).toBe(4);
  });

  it('counts an edited piece only once its contributor accepts the edit', async () => {
    const members = Array.from({ length: 5 }, () => a.member());
    const theme = await opened(5);
    for (const m of members.slice(0, 4)) await approved(m, theme.id, 'Fine as it is');
    const p = await contribute(members[4], theme.id, 'My sister Jo at Hill Street helped');
    const proposed = await client.proposeEdit(ctx(a.coordinator), a.tenantId, theme.id, p.id, {
      text: 'My sister helped',
    });
    expect(proposed).toMatchObject({ status: 'edit-proposed', text: 'My sister Jo at Hill Street helped' });
    expect(Object.keys(proposed)).not.toContain('memberId');
    expect((await client.getTheme(ctx(a.admin), a.tenantId, theme.id)).published).toBe(false);
    // Only the contributor sees and accepts it.
    expect(await failure(client.acceptEdit(ctx(members[0]), a.tenantId, theme.id, p.id))).toEqual({
      code: 'NOT_FOUND',
    });
    expect(await failure(client.acceptEdit(ctx(a.admin), a.tenantId, theme.id, p.id))).toEqual({
      code: 'FORBIDDEN',
    });
    const mine = await client.myTestimony(ctx(members[4]), a.tenantId);
    expect(mine.items).toEqual([
      expect.objectContaining({ id: p.id, status: 'edit-proposed', proposedText: 'My sister helped' }),
    ]);
    expect(await client.acceptEdit(ctx(members[4]), a.tenantId, theme.id, p.id)).toMatchObject({
      status: 'approved',
      text: 'My sister helped',
      proposedText: null,
    });
    expect((await client.getTheme(ctx(a.admin), a.tenantId, theme.id)).published).toBe(true);
    expect((await client.themeTestimony(ctx(a.admin), a.tenantId, theme.id)).pieces).not.toContain(
      'My sister Jo at Hill Street helped',
    );
    expect(await failure(client.approvePiece(ctx(a.admin), a.tenantId, theme.id, p.id))).toEqual({
      code: 'CONFLICT',
      reason: 'PieceDecided',
    });
    expect(await failure(client.acceptEdit(ctx(members[4]), a.tenantId, theme.id, p.id))).toEqual({
      code: 'CONFLICT',
      reason: 'NoEditProposed',
    });
    // Declined: never published, seen by its contributor, who may write another.
    const writer = a.member();
    const refused = await contribute(writer, theme.id, 'Something staff will not publish');
    expect(await client.declinePiece(ctx(a.coordinator), a.tenantId, theme.id, refused.id)).toMatchObject({
      status: 'declined',
    });
    expect(await failure(client.approvePiece(ctx(a.admin), a.tenantId, theme.id, refused.id))).toEqual({
      code: 'CONFLICT',
      reason: 'PieceDecided',
    });
    expect((await client.myTestimony(ctx(writer), a.tenantId)).items).toEqual([
      expect.objectContaining({ id: refused.id, status: 'declined' }),
    ]);
    expect((await client.themeTestimony(ctx(a.admin), a.tenantId, theme.id)).pieces).not.toContain(
      'Something staff will not publish',
    );
    expect((await contribute(writer, theme.id, 'Something else')).status).toBe('submitted');
  });

  it('keeps drafts from members, takes pieces only while open, needs consent, and hides other LEROs’ ids', async () => {
    const member = a.member();
    const draft = await client.createTheme(ctx(a.admin), a.tenantId, { title: 'T', prompt: 'P' });
    expect(await failure(client.getTheme(ctx(member), a.tenantId, draft.id))).toEqual({ code: 'NOT_FOUND' });
    expect(await failure(contribute(member, draft.id, 'x'))).toEqual({ code: 'NOT_FOUND' });
    expect(
      await failure(
        client.createTheme(ctx(a.admin), a.tenantId, { title: 'T', prompt: 'P', publishThreshold: 4 }),
      ),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(
      await failure(
        client.contribute(ctx(member), a.tenantId, draft.id, { text: 'x', consent: false as true }),
      ),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(await failure(client.createTheme(ctx(member), a.tenantId, { title: 'T', prompt: 'P' }))).toEqual({
      code: 'FORBIDDEN',
    });
    expect(
      await client.updateTheme(ctx(a.coordinator), a.tenantId, draft.id, {
        prompt: 'What helped?',
        publishThreshold: 6,
      }),
    ).toMatchObject({ title: 'T', prompt: 'What helped?', publishThreshold: 6 });
    expect(
      await failure(client.updateTheme(ctx(a.admin), a.tenantId, draft.id, { publishThreshold: 4 })),
    ).toMatchObject({ code: 'VALIDATION' });
    const open = await client.openTheme(ctx(a.admin), a.tenantId, draft.id);
    expect(await failure(client.updateTheme(ctx(a.admin), a.tenantId, draft.id, { title: 'x' }))).toEqual({
      code: 'CONFLICT',
      reason: 'ThemeNotDraft',
    });
    // (A member's list asks the tenants service for the LERO's region, ADR 0076: the gateway's suite lists them.)
    expect(await client.getTheme(ctx(member), a.tenantId, open.id)).toMatchObject({
      id: open.id,
      owner: 'lero',
    });
    expect((await client.getTheme(ctx(member), a.tenantId, open.id)).contributors).toBeUndefined();
    expect(await failure(client.openTheme(ctx(a.admin), a.tenantId, draft.id))).toEqual({
      code: 'CONFLICT',
      reason: 'ThemeNotDraft',
    });
    const p = await contribute(member, open.id, 'x');
    await client.closeTheme(ctx(a.admin), a.tenantId, open.id);
    expect(await failure(contribute(a.member(), open.id, 'late'))).toEqual({
      code: 'CONFLICT',
      reason: 'ThemeNotOpen',
    });
    // Another LERO's ids answer like missing ones.
    const theirs = await client.createTheme(ctx(b.admin), b.tenantId, { title: 'Theirs', prompt: 'P' });
    for (const call of [
      () => client.getTheme(ctx(a.admin), a.tenantId, theirs.id),
      () => client.openTheme(ctx(a.admin), a.tenantId, theirs.id),
      () => client.themePieces(ctx(a.admin), a.tenantId, theirs.id),
      () => client.approvePiece(ctx(b.admin), b.tenantId, open.id, p.id),
      () => client.getTheme(ctx(a.admin), b.tenantId, open.id),
    ])
      expect(await failure(call())).toEqual({ code: 'NOT_FOUND' });
  });

  it('exports a person’s pieces and consents (saying consultation answers cannot be found) and withdraws them at erasure', async () => {
    const members = Array.from({ length: 5 }, () => a.member());
    const theme = await opened(5);
    const pieces = [];
    for (const [i, m] of members.entries()) pieces.push(await approved(m, theme.id, `Kept ${i}`));
    expect((await client.getTheme(ctx(a.admin), a.tenantId, theme.id)).published).toBe(true);
    const memberId = members[0].grants[0].memberId!;
    const options = { ...service.nats.as('membership'), trust: testTrust.trust };
    const nats = new NatsConnectionProvider(options);
    const gather = new Gather(options, nats, new EnvelopeVerifier(options));
    try {
      const partOf = async (asker: Actor, id: string) => {
        const { replies } = await gather.ask<AdvocacyMemberExport>(
          MEMBER_EXPORT_PART,
          ctx(asker),
          { tenantId: a.tenantId, memberId: id },
          { from: ['advocacy'], maxWaitMs: 5000 },
        );
        const [reply] = replies;
        return 'data' in reply ? reply.data : reply.error.code;
      };
      expect(await partOf(members[0], memberId)).toEqual({
        testimony: [
          {
            pieceId: pieces[0].id,
            themeId: theme.id,
            themeTitle: 'What helped',
            status: 'approved',
            text: 'Kept 0',
            proposedText: null,
            consentedToAnonymousPublicationAt: expect.stringMatching(ISO_DATE),
          },
        ],
        consultationAnswers: CONSULTATION_ANSWERS_NOTE,
      });
      expect(await partOf(a.coordinator, memberId)).toMatchObject({ testimony: [{ pieceId: pieces[0].id }] });
      // Another member may not have it.
      expect(await partOf(members[1], memberId)).toBe('FORBIDDEN');

      // Erased: every piece of theirs withdrawn and its text gone; the theme falls below k and is unpublished.
      const at = new Date().toISOString();
      const erased = {
        id: uuidv7(),
        subject: MembershipEvents.memberErased,
        occurredAt: at,
        tenantId: a.tenantId,
        data: { tenantId: a.tenantId, memberId, occurredAt: at, communityRoles: [] },
      };
      const consumer = testimonyErasureConsumer(
        service.app.get(AdvocacyDatabase),
        service.app.get(PiecesService),
      );
      expect(await consumer.process(erased, 1)).toBe('handled');
      expect(await consumer.process(erased, 1)).toBe('duplicate');
      // Their rows are gone too: nothing keeps their id.
      expect(await partOf(a.admin, memberId)).toMatchObject({ testimony: [] });
      const left = await owner.query(`select 1 from advocacy.testimony_pieces where member_id = $1`, [
        memberId,
      ]);
      expect(left.rows).toEqual([]);
      expect(await client.getTheme(ctx(a.admin), a.tenantId, theme.id)).toMatchObject({
        published: false,
        contributors: 4,
      });
      expect((await outbox(theme.id)).map((r) => r.subject)).toEqual([
        'evt.advocacy.theme.published',
        'evt.advocacy.theme.unpublished',
      ]);
    } finally {
      await gather.onApplicationShutdown();
      await nats.onApplicationShutdown();
    }
  });

  it('keeps each LERO’s themes and pieces to itself under row-level security', async () => {
    const rows = (table: string, tenantId: string | null) =>
      withClient(service.db.urlFor(ADVOCACY_SCHEMA.schema), async (c) => {
        await c.query('begin');
        if (tenantId) await c.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
        const { rows: found } = await c.query<{ tenant_id: string }>(
          `select distinct tenant_id from ${table}`,
        );
        await c.query('commit');
        return found.map((r) => r.tenant_id);
      });
    for (const table of ['advocacy.themes', 'advocacy.testimony_pieces', 'advocacy.erased_members']) {
      expect(await rows(table, a.tenantId)).toEqual([a.tenantId]);
      expect(await rows(table, null)).toEqual([]);
    }
    expect(await rows('advocacy.themes', b.tenantId)).toEqual([b.tenantId]);
  });

  describe('a region’s themes (ADR 0076), in this service', () => {
    regionTestimonyCases(() => ({ service, client, owner }));
  });
  testimonyErasureCases(() => ({ service, client, owner, a }));
});
