/** The ```sh blocks of a Markdown page, in order. */
export function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** The settings the first block assigns, which a run replaces with its own Hearth's. */
export const SETTINGS = ['HEARTH', 'ADMIN_EMAIL', 'ADMIN_PASSWORD'] as const;

/** After the blocks: every `# → NNN` was used by a request. */
const EPILOGUE =
  'if [ -s "$WALKTHROUGH_EXPECT" ]; then echo "a # → comment is not followed by a request" >&2; exit 1; fi';

/**
 * The page as one bash script: the prelude (`walkthrough-prelude.sh`), the blocks with the settings of the first replaced by `settings`
 * (each must be there), `# → NNN` comments made into expectations.
 */
export function walkthroughScript(
  prelude: string,
  blocks: string[],
  settings: Record<(typeof SETTINGS)[number], string>,
): string {
  if (blocks.length === 0) throw new Error('the page has no sh blocks');
  const [first, ...rest] = blocks;
  let setup = first;
  for (const name of SETTINGS) {
    const line = new RegExp(`^${name}=.*$`, 'm');
    if (!line.test(setup)) throw new Error(`the first sh block does not set ${name}`);
    setup = setup.replace(line, `${name}='${settings[name].replace(/'/g, `'\\''`)}'`);
  }
  const expectations = (block: string) => block.replace(/^(\s*)# → (\d{3})\b.*$/gm, '$1__expect $2');
  return [prelude, setup, ...rest.map(expectations), EPILOGUE].join('\n');
}

/** One request of a run: its status, what it had to be, and where it went. */
export interface LoggedRequest {
  status: string;
  expected: string;
  url: string;
}

export const readLog = (log: string): LoggedRequest[] =>
  log
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [status, expected, url] = line.split('\t');
      return { status, expected, url };
    });
