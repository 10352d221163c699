import { Injectable } from '@nestjs/common';
import type { PieceStatus, ThemeStatus } from '@hearth/contracts';
import type { RegionId, SqlLiteral, TenantId, TenantTransaction } from '@hearth/persistence';

/** Whose themes: a LERO's or a region's (ADR 0076); each call runs in that owner's transaction. */
export type ThemeOwnerId = { kind: 'lero'; id: TenantId } | { kind: 'region'; id: RegionId };

/** A list as a PostgreSQL array literal (`{a,b}`), for values that are ours (statuses, ids read back): no quoting. */
const arrayOf = (values: readonly string[] | undefined): SqlLiteral =>
  values ? `{${values.join(',')}}` : null;

export interface ThemeRow {
  id: string;
  tenant_id: string | null;
  region_id: string | null;
  title: string;
  prompt: string;
  publish_threshold: number;
  status: ThemeStatus;
  published: boolean;
  opened_at: Date | null;
  created_at: Date;
}

export interface PieceRow {
  id: string;
  theme_id: string;
  tenant_id: string;
  region_id: string | null;
  member_id: string;
  contributor: string | null;
  counts: boolean;
  status: PieceStatus;
  text: string | null;
  proposed_text: string | null;
  consented_at: Date;
}

/**
 * A theme's distinct people: the keyed hash of (account, theme) of pieces written since ADR 0076, the member id of
 * older ones (one account has one member record in a LERO, so a LERO's count is unchanged).
 */
const PERSON = `coalesce(contributor, member_id::text)`;

/**
 * The SQL of themes and their pieces; each call runs in the caller's RLS-scoped transaction (a LERO's, a region's,
 * or a member's LERO with its region, which sees the LERO's themes and the region's).
 */
@Injectable()
export class TestimonyRepository {
  async insertTheme(
    tx: TenantTransaction,
    owner: ThemeOwnerId,
    id: string,
    f: { title: string; prompt: string; publishThreshold: number },
  ): Promise<ThemeRow> {
    const [rows] = await tx.run<[ThemeRow[]]>({
      sql: `insert into advocacy.themes (id, tenant_id, region_id, title, prompt, publish_threshold)
            values ($1, $2, $3, $4, $5, $6) returning *`,
      params: [
        id,
        owner.kind === 'lero' ? owner.id : null,
        owner.kind === 'region' ? owner.id : null,
        f.title,
        f.prompt,
        f.publishThreshold,
      ],
    });
    return rows[0];
  }

  /** A page of the themes the transaction sees, by id, one more than `limit`; of given statuses when asked. */
  async themes(
    tx: TenantTransaction,
    f: { statuses?: ThemeStatus[]; published?: boolean; afterId?: string; limit: number },
  ): Promise<ThemeRow[]> {
    const [rows] = await tx.run<[ThemeRow[]]>({
      sql: `select * from advocacy.themes
            where ($1::text[] is null or status = any($1::text[])) and ($2::boolean is null or published = $2)
              and ($3::uuid is null or id > $3::uuid)
            order by id limit $4`,
      params: [arrayOf(f.statuses), f.published ?? null, f.afterId ?? null, f.limit + 1],
    });
    return rows;
  }

  async theme(tx: TenantTransaction, id: string, lock?: 'update'): Promise<ThemeRow | null> {
    const [rows] = await tx.run<[ThemeRow[]]>({
      sql: `select * from advocacy.themes where id = $1 ${lock ? 'for update' : ''}`,
      params: [id],
    });
    return rows[0] ?? null;
  }

  async updateTheme(
    tx: TenantTransaction,
    id: string,
    f: { title: string; prompt: string; publishThreshold: number },
  ): Promise<ThemeRow> {
    const [rows] = await tx.run<[ThemeRow[]]>({
      sql: `update advocacy.themes set title = $2, prompt = $3, publish_threshold = $4, updated_at = now()
            where id = $1 returning *`,
      params: [id, f.title, f.prompt, f.publishThreshold],
    });
    return rows[0];
  }

  async setThemeStatus(tx: TenantTransaction, id: string, status: ThemeStatus): Promise<ThemeRow> {
    const [rows] = await tx.run<[ThemeRow[]]>({
      sql: `update advocacy.themes set status = $2, updated_at = now(),
              opened_at = case when $2 = 'open' then now() else opened_at end,
              closed_at = case when $2 = 'closed' then now() else closed_at end
            where id = $1 returning *`,
      params: [id, status],
    });
    return rows[0];
  }

  async setPublished(tx: TenantTransaction, id: string, published: boolean): Promise<ThemeRow> {
    const [rows] = await tx.run<[ThemeRow[]]>({
      sql: `update advocacy.themes set published = $2, updated_at = now() where id = $1 returning *`,
      params: [id, published],
    });
    return rows[0];
  }

  /** Distinct contributors who count (account and member older than the opening) with an approved piece. */
  async contributors(tx: TenantTransaction, themeId: string): Promise<number> {
    const [rows] = await tx.run<[{ n: number }[]]>({
      sql: `select count(distinct ${PERSON})::int as n from advocacy.testimony_pieces
            where theme_id = $1 and status = 'approved' and counts`,
      params: [themeId],
    });
    return rows[0].n;
  }

  /** Contributors who count, per theme (for the staff's list). */
  async contributorsOf(tx: TenantTransaction, themeIds: string[]): Promise<Map<string, number>> {
    if (themeIds.length === 0) return new Map();
    const [rows] = await tx.run<[{ theme_id: string; n: number }[]]>({
      sql: `select theme_id, count(distinct ${PERSON})::int as n from advocacy.testimony_pieces
            where theme_id = any($1::uuid[]) and status = 'approved' and counts group by theme_id`,
      params: [arrayOf(themeIds)],
    });
    return new Map(rows.map((r) => [r.theme_id, r.n]));
  }

  /**
   * A new piece, the contributor's LERO's row (with the theme's region for a region's theme), or null when the member
   * (or the person, by `contributor`) already has a live one in the theme.
   */
  async insertPiece(
    tx: TenantTransaction,
    p: {
      id: string;
      theme: ThemeRow;
      tenantId: TenantId;
      memberId: string;
      contributor: string;
      counts: boolean;
      text: string;
    },
  ): Promise<PieceRow | null> {
    const [rows] = await tx.run<[PieceRow[]]>({
      sql: `insert into advocacy.testimony_pieces
              (id, theme_id, tenant_id, region_id, member_id, contributor, counts, status, text, consented_at)
            values ($1, $2, $3, $4, $5, $6, $7, 'submitted', $8, now())
            on conflict do nothing returning *`,
      params: [p.id, p.theme.id, p.tenantId, p.theme.region_id, p.memberId, p.contributor, p.counts, p.text],
    });
    return rows[0] ?? null;
  }

  async piece(tx: TenantTransaction, themeId: string, id: string): Promise<PieceRow | null> {
    const [rows] = await tx.run<[PieceRow[]]>({
      sql: `select * from advocacy.testimony_pieces where theme_id = $1 and id = $2 for update`,
      params: [themeId, id],
    });
    return rows[0] ?? null;
  }

  /** The theme's pieces in the order of their random ids (which says nothing of when they came). */
  async pieces(tx: TenantTransaction, themeId: string, statuses?: PieceStatus[]): Promise<PieceRow[]> {
    const [rows] = await tx.run<[PieceRow[]]>({
      sql: `select * from advocacy.testimony_pieces
            where theme_id = $1 and ($2::text[] is null or status = any($2::text[])) order by id`,
      params: [themeId, arrayOf(statuses)],
    });
    return rows;
  }

  /** The approved pieces' texts of the given themes. */
  async publishedTexts(
    tx: TenantTransaction,
    themeIds: string[],
  ): Promise<{ theme_id: string; text: string }[]> {
    if (themeIds.length === 0) return [];
    const [rows] = await tx.run<[{ theme_id: string; text: string }[]]>({
      sql: `select theme_id, text from advocacy.testimony_pieces
            where theme_id = any($1::uuid[]) and status = 'approved'`,
      params: [arrayOf(themeIds)],
    });
    return rows;
  }

  /**
   * A member's pieces, in their LERO's themes and (in a transaction that sees its region too) in the region's. Only
   * rows of the LERO: a region's transaction also sees other LEROs' pieces of its themes.
   */
  async memberPieces(
    tx: TenantTransaction,
    tenantId: TenantId,
    memberId: string,
  ): Promise<(PieceRow & { theme_title: string })[]> {
    const [rows] = await tx.run<[(PieceRow & { theme_title: string })[]]>({
      sql: `select p.*, t.title as theme_title from advocacy.testimony_pieces p
            join advocacy.themes t on t.id = p.theme_id where p.tenant_id = $1 and p.member_id = $2
            order by t.id, p.consented_at`,
      params: [tenantId, memberId],
    });
    return rows;
  }

  /** The region of a member's pieces in region themes, if any (their LERO's transaction sees the column). */
  async memberPiecesRegion(tx: TenantTransaction, memberId: string): Promise<string | null> {
    const [rows] = await tx.run<[{ region_id: string }[]]>({
      sql: `select region_id from advocacy.testimony_pieces where member_id = $1 and region_id is not null limit 1`,
      params: [memberId],
    });
    return rows[0]?.region_id ?? null;
  }

  /**
   * Every row of a member (their erasure, once each live one was withdrawn and its theme settled); without
   * `withRegion`, only those of the LERO's themes (a transaction without the region settled none of the region's).
   */
  async deleteMemberPieces(
    tx: TenantTransaction,
    tenantId: TenantId,
    memberId: string,
    f: { withRegion: boolean },
  ): Promise<void> {
    await tx.run({
      sql: `delete from advocacy.testimony_pieces where tenant_id = $1 and member_id = $2
              and ($3::boolean or region_id is null)`,
      params: [tenantId, memberId, f.withRegion],
    });
  }

  async updatePiece(
    tx: TenantTransaction,
    id: string,
    f: { status: PieceStatus; text: string | null; proposedText: string | null },
  ): Promise<PieceRow> {
    const [rows] = await tx.run<[PieceRow[]]>({
      sql: `update advocacy.testimony_pieces set status = $2, text = $3, proposed_text = $4 where id = $1 returning *`,
      params: [id, f.status, f.text, f.proposedText],
    });
    return rows[0];
  }
}
