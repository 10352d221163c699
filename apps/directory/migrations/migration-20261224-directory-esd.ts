import { Migration } from '@mikro-orm/migrations';
import { regionRlsSql } from '@hearth/persistence';

/**
 * Each of Hearth's terms (by its fixed id) and the LGA esd Services List rows it maps to, as `[Identifier, Label]`
 * exactly as the list has them: the first is the term's primary code (its HSDS `code`, `esdServiceType:<id>`),
 * the others are further types a region's loaded list is mapped to (ADR 0043). Each was checked against the list
 * (apps/directory/test/test-data/esd: a test keeps them true). Food has no esd service type: none is guessed.
 * Frozen with this migration: a later change is a new migration.
 */
export const HEARTH_ESD_SERVICE_TYPES: readonly { term: string; types: readonly [string, string][] }[] = [
  {
    term: 'd96cb944-0f1a-4ffe-af4c-d0d48c68c8d9', // Mutual aid meetings
    types: [
      ['727', 'Alcohol advice and support'],
      ['730', 'Drugs advice and support'],
    ],
  },
  {
    term: 'd8888009-6a66-460d-aed7-ccc787fa1c41', // Peer support
    types: [
      ['727', 'Alcohol advice and support'],
      ['730', 'Drugs advice and support'],
    ],
  },
  {
    term: '54045500-b17c-44ff-b6c5-50e4980e085a', // Housing
    types: [
      ['112', 'Homelessness support'],
      ['652', 'Private housing advice'],
      ['1714', 'Hostels and emergency accommodation'],
    ],
  },
  { term: '866b68c7-f907-4b10-8573-532dd84ffa5b', types: [['651', 'Debt counselling']] }, // Debt and money
  {
    term: 'f44bf670-2075-4eab-933a-bc89817756b6', // Benefits
    types: [
      ['190', 'Benefits advice and assessment'],
      ['189', 'Welfare rights advice'],
    ],
  },
  {
    term: '3567a9b8-81e0-4f87-b1f1-5c9b7603b385', // Employment and skills
    types: [
      ['343', 'Employment and training initiatives'],
      ['1493', 'Vocational training'],
    ],
  },
  {
    term: '451ce72f-504c-4139-88e0-f072433c6896', // Mental health
    types: [
      ['1284', 'Mental health support'],
      ['163', 'Counselling'],
    ],
  },
  {
    term: '4e1cb89c-6c30-45ac-bfc1-0dc70c559144', // Physical health
    types: [
      ['199', 'Health advice'],
      ['1747', 'Health checks'],
    ],
  },
  {
    term: '7907c578-b7b9-40cc-91c4-2e74e286e8e7', // Harm reduction and naloxone
    types: [
      ['1373', 'Needle exchange'],
      ['730', 'Drugs advice and support'],
    ],
  },
  { term: '820a337c-41ff-48ea-98f7-2187ec5ac1ab', types: [['831', 'Family support groups']] }, // Family support
  {
    term: 'da59e220-b9e2-4540-a7e2-679aafcb04fb', // Legal advice
    types: [
      ['676', 'Legal advice'],
      ['308', 'Law - legal aid'],
    ],
  },
  { term: 'ad8f25e4-1f20-4d91-9ccd-0c1146511118', types: [['27', 'Adult education courses']] }, // Education
  { term: '042f6833-53b4-42ca-9b46-322e780b0fd7', types: [['1113', 'Volunteering']] }, // Volunteering
  {
    term: '25dbd5d3-46d0-4d53-99ea-50c88cc2937d', // Sober social
    types: [['241', 'Leisure and social activities inclusion']],
  },
];

/** The esd vocabulary Hearth's codes are from, as Open Referral UK names it in CURIEs. */
export const ESD_SERVICE_TYPE = 'esdServiceType';

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * LGA esd codes for Hearth's own terms, and what a region needs to load the esd lists and map terms to them
 * (ADR 0043):
 * - each of Hearth's terms with an esd service type gets its primary CURIE in `code` (the shared rows are written
 *   with forcing lifted, as the migration that seeded them did);
 * - (a region's loaded list and its terms are found again by their source, `esd`, and source id, the vocabulary
 *   and each term's CURIE: the unique indexes of migration 20261222 serve the loader as they serve imports);
 * - `taxonomy_term_mappings`: a region's own mappings from a term it sees (Hearth's, or its own) to terms of its
 *   own taxonomies (an esd list it loaded), under the region's row-level security.
 */
export class MigrationDirectoryEsd extends Migration {
  override name = '20261224-directory-esd';

  up(): void {
    this.addSql('alter table directory.taxonomy_terms no force row level security');
    for (const { term, types } of HEARTH_ESD_SERVICE_TYPES)
      this.addSql(
        `update directory.taxonomy_terms set code = ${q(`${ESD_SERVICE_TYPE}:${types[0][0]}`)} where id = ${q(term)} and region_id is null`,
      );
    this.addSql('alter table directory.taxonomy_terms force row level security');
    const sql = [
      `create table directory.taxonomy_term_mappings (id uuid primary key, region_id uuid not null,
        taxonomy_term_id uuid not null references directory.taxonomy_terms (id),
        mapped_term_id uuid not null references directory.taxonomy_terms (id),
        created_at timestamptz not null default now(),
        unique (region_id, taxonomy_term_id, mapped_term_id), check (taxonomy_term_id <> mapped_term_id))`,
      `create index taxonomy_term_mappings_0_idx on directory.taxonomy_term_mappings (region_id, mapped_term_id, taxonomy_term_id)`,
      ...regionRlsSql('directory.taxonomy_term_mappings'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
