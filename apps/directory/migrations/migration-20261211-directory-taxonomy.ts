import { Migration } from '@mikro-orm/migrations';

/** Hearth's recovery-community taxonomy: the same ids in every deployment, so harvesters can rely on them. */
export const HEARTH_TAXONOMY_ID = 'efb78636-c1c1-427f-bfc5-2c92503a29c9';

/**
 * Each term: its id, name and description. An LGA esd CURIE (`esdServiceType:…`, `esdNeed:…`) goes in `code`
 * only once checked against the esd lists; none is guessed, so every `code` starts empty (ADR 0035).
 */
export const HEARTH_TERMS: [id: string, name: string, description: string][] = [
  [
    'd96cb944-0f1a-4ffe-af4c-d0d48c68c8d9',
    'Mutual aid meetings',
    'Meetings of people in recovery helping each other: 12-step fellowships, SMART Recovery and others.',
  ],
  [
    'd8888009-6a66-460d-aed7-ccc787fa1c41',
    'Peer support',
    'Support from people with lived experience of addiction and recovery.',
  ],
  [
    '54045500-b17c-44ff-b6c5-50e4980e085a',
    'Housing',
    'Somewhere to live: housing advice, supported and recovery housing, help when homeless.',
  ],
  ['866b68c7-f907-4b10-8573-532dd84ffa5b', 'Debt and money', 'Help with debt, budgeting and money worries.'],
  ['f44bf670-2075-4eab-933a-bc89817756b6', 'Benefits', 'Advice on benefits and help to claim them.'],
  ['3567a9b8-81e0-4f87-b1f1-5c9b7603b385', 'Employment and skills', 'Help into work, training and skills.'],
  ['88030165-3f75-4e3e-9577-92e1e5d27e57', 'Food', 'Food banks, community meals and pantries.'],
  ['451ce72f-504c-4139-88e0-f072433c6896', 'Mental health', 'Support for mental health and wellbeing.'],
  [
    '4e1cb89c-6c30-45ac-bfc1-0dc70c559144',
    'Physical health',
    'Health services, health checks and healthy living.',
  ],
  [
    '7907c578-b7b9-40cc-91c4-2e74e286e8e7',
    'Harm reduction and naloxone',
    'Harm reduction advice, needle exchange and naloxone supply and training.',
  ],
  [
    '820a337c-41ff-48ea-98f7-2187ec5ac1ab',
    'Family support',
    'Support for families, partners and children of people affected by addiction.',
  ],
  ['da59e220-b9e2-4540-a7e2-679aafcb04fb', 'Legal advice', 'Free or low-cost legal advice.'],
  ['ad8f25e4-1f20-4d91-9ccd-0c1146511118', 'Education', 'Courses, learning and qualifications.'],
  ['042f6833-53b4-42ca-9b46-322e780b0fd7', 'Volunteering', 'Opportunities to volunteer.'],
  ['25dbd5d3-46d0-4d53-99ea-50c88cc2937d', 'Sober social', 'Social activities without alcohol or drugs.'],
];

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * Ships Hearth's taxonomy as rows every region reads (`region_id` null). The tables force row-level security even
 * on their owner, whose policy writes only a region's rows: forcing is lifted for the insert and put back.
 */
export class MigrationDirectoryTaxonomy extends Migration {
  override name = '20261211-directory-taxonomy';

  up(): void {
    const tables = ['directory.taxonomies', 'directory.taxonomy_terms'];
    for (const t of tables) this.addSql(`alter table ${t} no force row level security`);
    this.addSql(
      `insert into directory.taxonomies (id, region_id, name, description, version, source) values (${q(HEARTH_TAXONOMY_ID)}, null, 'Hearth recovery community', ${q('Hearth’s own categories of what a recovery community signposts to, shipped with Hearth.')}, '1', 'hearth')`,
    );
    const values = HEARTH_TERMS.map(
      ([id, name, description]) =>
        `(${q(id)}, null, ${q(HEARTH_TAXONOMY_ID)}, ${q(name)}, ${q(description)}, 'hearth', ${q(id)})`,
    );
    this.addSql(
      `insert into directory.taxonomy_terms (id, region_id, taxonomy_id, name, description, source, source_id) values ${values.join(', ')}`,
    );
    for (const t of tables) this.addSql(`alter table ${t} force row level security`);
  }
}
