import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * Collective testimony (ADR 0066): a LERO's themes and the pieces its members contribute to them. A piece keeps its
 * contributor's member id (only they may withdraw it; the publication threshold counts distinct contributors),
 * whether they count towards it (account and member record older than the theme's opening), and when they
 * consented (their export shows it); published views show none of that. One live piece (neither withdrawn nor
 * declined) per member and theme.
 */
export class MigrationAdvocacyTestimony extends Migration {
  override name = '20261205-advocacy-testimony';

  up(): void {
    const sql = [
      `create table advocacy.themes (
        id uuid primary key, tenant_id uuid not null,
        title text not null, prompt text not null,
        publish_threshold int not null default 10 check (publish_threshold >= 5),
        status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
        published boolean not null default false,
        opened_at timestamptz, closed_at timestamptz,
        created_at timestamptz not null default now(), updated_at timestamptz not null default now())`,
      `create index themes_tenant_idx on advocacy.themes (tenant_id, id)`,
      ...tenantRlsSql('advocacy.themes'),
      `create table advocacy.testimony_pieces (
        id uuid primary key, theme_id uuid not null references advocacy.themes (id), tenant_id uuid not null,
        member_id uuid not null, counts boolean not null,
        status text not null check (status in ('submitted', 'edit-proposed', 'approved', 'declined', 'withdrawn')),
        text text, proposed_text text, consented_at timestamptz not null,
        check ((status = 'withdrawn') = (text is null)))`,
      `create index testimony_pieces_theme_idx on advocacy.testimony_pieces (theme_id, status)`,
      `create index testimony_pieces_member_idx on advocacy.testimony_pieces (tenant_id, member_id)`,
      `create unique index testimony_pieces_one_live_idx on advocacy.testimony_pieces (theme_id, member_id)
         where status not in ('withdrawn', 'declined')`,
      ...tenantRlsSql('advocacy.testimony_pieces'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
