/** The cells of a Markdown table row (`| a | b |`), trimmed. */
const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

const isSeparator = (line: string) => /^\|[\s|:-]+\|$/.test(line.trim());

/**
 * The variables of docs/configuration.md by app: from every table whose first two columns are `variable` and
 * `apps`, the backticked names of the first column, for each app named in the second. Apps not in `apps` are
 * reported (a typo must not hide a variable).
 */
export function documentedVariables(
  markdown: string,
  apps: string[],
): { byApp: Map<string, string[]>; rows: number; unknownApps: string[] } {
  const byApp = new Map<string, string[]>();
  const unknownApps: string[] = [];
  let rows = 0;
  let inTable = false;
  for (const line of markdown.split('\n')) {
    if (!line.trim().startsWith('|')) {
      inTable = false;
      continue;
    }
    const row = cells(line);
    if (!inTable) {
      inTable = row[0] === 'variable' && row[1] === 'apps';
      continue;
    }
    if (isSeparator(line)) continue;
    rows++;
    const variables = [...row[0].matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]);
    for (const app of row[1].split(',').map((a) => a.trim())) {
      if (!apps.includes(app)) {
        unknownApps.push(`${app} (${row[0]})`);
        continue;
      }
      byApp.set(app, [...(byApp.get(app) ?? []), ...variables]);
    }
  }
  return { byApp, rows, unknownApps };
}
