import { Injectable } from '@nestjs/common';
import type { PieceStatus, ThemeStatus } from '@hearth/contracts';
import type { SqlLiteral, TenantId, TenantTransaction } from '@hearth/persistence';

/** A list as a PostgreSQL array literal (`{a,b}`), for values that are ours (statuses, ids read back): no quoting. */
const arrayOf = (values: readonly string[] | undefined): SqlLiteral =>
  values ? `{${values.join(',')}}` : null;

export interface ThemeRow {
  id: string;
  tenant_id: string;
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
  member_id: string;
  counts: boolean;
  status: PieceStatus;
  text: string | null;
  proposed_text: string | null;
  consented_at: Date;
}

/** The SQL of themes and their pieces; each call runs in the caller's RLS-scoped transaction (one LERO). */
@Injectable()
export class TestimonyRepository {
  async insertTheme(
    tx: TenantTransaction,
    tenantId: TenantId,
    id: string,
    f: { title: string; prompt: string; publishThreshold: number },
  ): Promise<ThemeRow> {
    const [rows] = await tx.run<[ThemeRow[]]>({
      sql: `insert into advocacy.themes (id, tenant_id, title, prompt, publish_threshold)
            values ($1, $2, $3, $4, $5) returning *`,
      params: [id, tenantId, f.title, f.prompt, f.publishThreshold],
    });
    return rows[0];
  }

  /** A page of the LERO's themes by id, one more than `limit`; of given statuses when asked. */
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
      sql: `select count(distinct member_id)::int as n from advocacy.testimony_pieces
            where theme_id = $1 and status = 'approved' and counts`,
      params: [themeId],
    });
    return rows[0].n;
  }

  /** Contributors who count, per theme (for the staff's list). */
  async contributorsOf(tx: TenantTransaction, themeIds: string[]): Promise<Map<string, number>> {
    if (themeIds.length === 0) return new Map();
    const [rows] = await tx.run<[{ theme_id: string; n: number }[]]>({
      sql: `select theme_id, count(distinct member_id)::int as n from advocacy.testimony_pieces
            where theme_id = any($1::uuid[]) and status = 'approved' and counts group by theme_id`,
      params: [arrayOf(themeIds)],
    });
    return new Map(rows.map((r) => [r.theme_id, r.n]));
  }

  /** A new piece, or null when the member already has a live one in the theme. */
  async insertPiece(
    tx: TenantTransaction,
    p: { id: string; theme: ThemeRow; memberId: string; counts: boolean; text: string },
  ): Promise<PieceRow | null> {
    const [rows] = await tx.run<[PieceRow[]]>({
      sql: `insert into advocacy.testimony_pieces (id, theme_id, tenant_id, member_id, counts, status, text, consented_at)
            values ($1, $2, $3, $4, $5, 'submitted', $6, now())
            on conflict (theme_id, member_id) where status not in ('withdrawn', 'declined') do nothing returning *`,
      params: [p.id, p.theme.id, p.theme.tenant_id, p.memberId, p.counts, p.text],
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

  /** The approved pieces' texts of the LERO's published themes. */
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

  async memberPieces(
    tx: TenantTransaction,
    memberId: string,
  ): Promise<(PieceRow & { theme_title: string })[]> {
    const [rows] = await tx.run<[(PieceRow & { theme_title: string })[]]>({
      sql: `select p.*, t.title as theme_title from advocacy.testimony_pieces p
            join advocacy.themes t on t.id = p.theme_id where p.member_id = $1 order by t.id, p.consented_at`,
      params: [memberId],
    });
    return rows;
  }

  /** Every row of a member (their erasure, once each live one was withdrawn and its theme settled). */
  async deleteMemberPieces(tx: TenantTransaction, memberId: string): Promise<void> {
    await tx.run({ sql: `delete from advocacy.testimony_pieces where member_id = $1`, params: [memberId] });
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
