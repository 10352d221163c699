import { Migration } from '@mikro-orm/migrations';
import { regionRlsSql } from '@hearth/persistence';

/**
 * Testimony themes owned by a region (ADR 0076). A theme is a LERO's (`tenant_id`) or a region's (`region_id`), never
 * both, under both policies (permissive, so OR-ed) like consultations. A piece stays its contributor's LERO's row
 * (`tenant_id`, where personal data lives); a piece of a region's theme also carries the theme's `region_id`, so the
 * region's transaction sees it for review and for the count across LEROs. `contributor` is a keyed hash of (account,
 * theme): one live piece per person and theme, and k counted in people, even for someone linked to member records
 * in two of the region's LEROs.
 */
export class MigrationAdvocacyRegionThemes extends Migration {
  override name = '20261207-advocacy-region-themes';

  up(): void {
    const sql = [
      `alter table advocacy.themes alter column tenant_id drop not null`,
      `alter table advocacy.themes add column region_id uuid`,
      `alter table advocacy.themes add constraint themes_owner_check check (num_nonnulls(tenant_id, region_id) = 1)`,
      `create index themes_region_idx on advocacy.themes (region_id, id) where region_id is not null`,
      ...regionRlsSql('advocacy.themes'),
      `alter table advocacy.testimony_pieces add column region_id uuid`,
      `alter table advocacy.testimony_pieces add column contributor text`,
      `create index testimony_pieces_region_idx on advocacy.testimony_pieces (region_id) where region_id is not null`,
      `create unique index testimony_pieces_one_live_contributor_idx on advocacy.testimony_pieces (theme_id, contributor)
         where status not in ('withdrawn', 'declined') and contributor is not null`,
      ...regionRlsSql('advocacy.testimony_pieces'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
