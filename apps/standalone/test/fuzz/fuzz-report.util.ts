import type { FuzzOperation, FuzzRequest } from './fuzz-operation';
import { operationName, takesInput } from './fuzz-operation';
import { describe as describeRequest, type Finding, type FuzzAnswer } from './fuzz-sender.util';
import type { OpenApiDocument } from './openapi-operations.util';

/** What one operation was sent and how it answered. */
export interface Tally {
  operation: string;
  valid: number;
  invalid: number;
  ms: number;
  byClass: Record<'2xx' | '3xx' | '4xx' | '5xx', number>;
  findings: number;
}

export const newTally = (operation: string, valid: number, invalid: number): Tally => ({
  operation,
  valid,
  invalid,
  ms: 0,
  byClass: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
  findings: 0,
});

/** Counts an answer in its class (a reset connection, status 0, in none). */
export function count(tally: Tally, status: number): void {
  if (status === 0) return;
  tally.byClass[`${Math.min(5, Math.max(2, Math.floor(status / 100)))}xx` as keyof Tally['byClass']] += 1;
}

export function finding(operation: string, req: FuzzRequest, answer: FuzzAnswer, problem: string): Finding {
  return {
    operation,
    label: req.label,
    request: describeRequest(req),
    problem,
    status: answer.status,
    detail: answer.body.slice(0, 200),
  };
}

export function report(
  document: OpenApiDocument,
  api: FuzzOperation[],
  pages: FuzzOperation[],
  fuzzed: FuzzOperation[],
  tallies: Tally[],
  findings: Finding[],
  ms: number,
  settings: { seed: number; runs: number },
): void {
  const total = (pick: (t: Tally) => number) => tallies.reduce((n, t) => n + pick(t), 0);
  const sent = total((t) => t.valid + t.invalid);
  const lines = [
    `Fuzzed ${fuzzed.length} operations: ${api.filter(takesInput).length} of the ${api.length} in ${document.info.title}'s /docs/openapi.json (the others take no input: ${api
      .filter((o) => !takesInput(o))
      .map(operationName)
      .join(
        ', ',
      )}) and ${pages.filter(takesInput).length} of the web app's ${pages.length} routes; seed ${settings.seed}, ${settings.runs} invalid requests an operation.`,
    `${sent} requests (${total((t) => t.valid)} valid, ${total((t) => t.invalid)} invalid) in ${(ms / 1000).toFixed(1)} s: ` +
      `2xx ${total((t) => t.byClass['2xx'])}, 3xx ${total((t) => t.byClass['3xx'])}, 4xx ${total((t) => t.byClass['4xx'])}, 5xx ${total((t) => t.byClass['5xx'])}; findings ${findings.length}.`,
    '',
    'operation | valid | invalid | 2xx | 3xx | 4xx | 5xx | findings | ms',
    ...tallies.map(
      (t) =>
        `${t.operation} | ${t.valid} | ${t.invalid} | ${t.byClass['2xx']} | ${t.byClass['3xx']} | ${t.byClass['4xx']} | ${t.byClass['5xx']} | ${t.findings} | ${t.ms}`,
    ),
  ];
  if (findings.length) {
    const groups = new Map<string, Finding[]>();
    for (const f of findings) {
      const key = `${f.problem.replace(/\(.*\)/, '').trim()} — ${f.operation} — ${f.label.replace(/ ".*$/, '')}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    lines.push('', `Findings (${findings.length}, in ${groups.size} groups):`);
    for (const [key, group] of groups)
      lines.push(
        `  ${group.length} × ${key}`,
        `      e.g. ${group[0].request}`,
        `      → ${group[0].status} ${group[0].detail}`,
      );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
