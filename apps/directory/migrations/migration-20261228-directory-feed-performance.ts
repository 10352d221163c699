import { Migration } from '@mikro-orm/migrations';
import { regionRlsPolicyUpdateSql } from '@hearth/persistence';

/** The directory's region-owned tables up to this migration (a migration keeps its own list: it must never change). */
const REGION_TABLES = [
  'organizations',
  'services',
  'locations',
  'addresses',
  'accessibility',
  'service_at_locations',
  'schedules',
  'contacts',
  'phones',
  'service_areas',
  'cost_options',
  'languages',
  'attributes',
  'metadata',
  'search_lexemes',
  'suggestions',
  'region_settings',
  'imports',
  'taxonomy_term_mappings',
];
/** Of which these also hold Hearth's own rows (`region_id` null). */
const SHARED = ['taxonomies', 'taxonomy_terms'];

/**
 * The public feed's speed (ADR 0046): every region policy reads the region once per statement (an InitPlan)
 * rather than once for every row it looks at, which was a third of a scan's time. What each policy lets
 * through is unchanged.
 */
export class MigrationDirectoryFeedPerformance extends Migration {
  override name = '20261228-directory-feed-performance';

  up(): void {
    const sql = [
      ...REGION_TABLES.flatMap((t) => regionRlsPolicyUpdateSql(`directory.${t}`)),
      ...SHARED.flatMap((t) => regionRlsPolicyUpdateSql(`directory.${t}`, { sharedRows: true })),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
