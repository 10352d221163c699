/** Hearth's recovery-community taxonomy: the same ids in every deployment (seeded by the directory's migration). */
export const HEARTH_TAXONOMY_ID = 'efb78636-c1c1-427f-bfc5-2c92503a29c9';

/**
 * Hearth's own taxonomy terms, by their fixed ids, as people read them: what a LERO signposts people to, and the
 * categories reporting counts signposts by. The directory's taxonomy migration seeds the same ids and names (a
 * test there keeps the two the same); a new term is a new migration and a line here.
 */
export const HEARTH_TAXONOMY_TERMS = [
  { id: 'd96cb944-0f1a-4ffe-af4c-d0d48c68c8d9', name: 'Mutual aid meetings' },
  { id: 'd8888009-6a66-460d-aed7-ccc787fa1c41', name: 'Peer support' },
  { id: '54045500-b17c-44ff-b6c5-50e4980e085a', name: 'Housing' },
  { id: '866b68c7-f907-4b10-8573-532dd84ffa5b', name: 'Debt and money' },
  { id: 'f44bf670-2075-4eab-933a-bc89817756b6', name: 'Benefits' },
  { id: '3567a9b8-81e0-4f87-b1f1-5c9b7603b385', name: 'Employment and skills' },
  { id: '88030165-3f75-4e3e-9577-92e1e5d27e57', name: 'Food' },
  { id: '451ce72f-504c-4139-88e0-f072433c6896', name: 'Mental health' },
  { id: '4e1cb89c-6c30-45ac-bfc1-0dc70c559144', name: 'Physical health' },
  { id: '7907c578-b7b9-40cc-91c4-2e74e286e8e7', name: 'Harm reduction and naloxone' },
  { id: '820a337c-41ff-48ea-98f7-2187ec5ac1ab', name: 'Family support' },
  { id: 'da59e220-b9e2-4540-a7e2-679aafcb04fb', name: 'Legal advice' },
  { id: 'ad8f25e4-1f20-4d91-9ccd-0c1146511118', name: 'Education' },
  { id: '042f6833-53b4-42ca-9b46-322e780b0fd7', name: 'Volunteering' },
  { id: '25dbd5d3-46d0-4d53-99ea-50c88cc2937d', name: 'Sober social' },
] as const;

/**
 * The category a signpost counts under when its term is a region's own with no Hearth term above it: one bucket,
 * so commissioners compare the same categories in every region (ADR 0039).
 */
export const SIGNPOST_OTHER_CATEGORY = 'signpost-other';

/** Each category signposts are counted by (a Hearth term's id, or the other bucket), as people read it. */
export const SIGNPOST_CATEGORY_LABELS: Readonly<Record<string, string>> = Object.fromEntries([
  ...HEARTH_TAXONOMY_TERMS.map((t) => [t.id, t.name]),
  [SIGNPOST_OTHER_CATEGORY, 'Something else'],
]);

/** The categories of signposts in the order reports list them: Hearth's terms, then the other bucket. */
export const SIGNPOST_CATEGORIES: readonly string[] = Object.keys(SIGNPOST_CATEGORY_LABELS);

/** Whether a report's category is one signposts are counted by (the others are types of activity). */
export const isSignpostCategory = (category: string): boolean =>
  Object.prototype.hasOwnProperty.call(SIGNPOST_CATEGORY_LABELS, category);
