import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const OBSERVABILITY_DIR = join(__dirname, '..', '..', 'deploy', 'observability');
export const RULES_FILE = join(OBSERVABILITY_DIR, 'hearth-alerts.rules.yaml');
export const DASHBOARD_FILE = join(OBSERVABILITY_DIR, 'hearth-dashboard.json');

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RuleFile {
  groups: { name: string; interval?: string; rules: AlertRule[] }[];
}

interface Panel {
  type: string;
  title: string;
  targets?: { expr: string; refId: string }[];
}

export interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
}

export const loadRules = (): unknown => parse(readFileSync(RULES_FILE, 'utf8'));
export const loadDashboard = (): Dashboard => JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as Dashboard;

/** Every PromQL expression of the rules and the dashboard, with where it is (for a failure's message). */
export function expressions(rules: RuleFile, dashboard: Dashboard): { where: string; expr: string }[] {
  return [
    ...rules.groups.flatMap((g) => g.rules.map((r) => ({ where: `rule ${r.alert}`, expr: r.expr }))),
    ...dashboard.panels.flatMap((p) =>
      (p.targets ?? []).map((t) => ({ where: `panel "${p.title}" ${t.refId}`, expr: t.expr })),
    ),
  ];
}

const HISTOGRAM_SUFFIX = /_(bucket|sum|count)$/;

/**
 * The metric names a PromQL expression reads, read loosely: identifiers that look like Hearth's or Node's
 * (`hearth_*`, `nodejs_*`, `process_*`), outside strings. A histogram's series (`x_bucket`, `x_sum`, `x_count`)
 * name the histogram `x` unless `exposed` has the name as it is (a counter may end in `_count`).
 */
export function metricNames(expr: string, exposed: ReadonlySet<string> = new Set()): string[] {
  const code = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  const found = code.match(/\b(?:hearth|nodejs|process)_[a-zA-Z0-9_]+\b/g) ?? [];
  return [...new Set(found.map((n) => (exposed.has(n) ? n : n.replace(HISTOGRAM_SUFFIX, ''))))];
}

/** Whether an expression's brackets pair up outside strings: a cheap syntax check short of a PromQL parser. */
export function bracketsBalanced(expr: string): boolean {
  const code = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  const open: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const c of code) {
    if ('([{'.includes(c)) open.push(c);
    else if (c in pairs && open.pop() !== pairs[c]) return false;
  }
  return open.length === 0;
}

/** The metric families a Prometheus text exposition declares (`# TYPE name kind`), with their kinds. */
export function exposedFamilies(text: string): Map<string, string> {
  const families = new Map<string, string>();
  for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) families.set(m[1], m[2]);
  return families;
}

/** What is wrong with the rule file's structure (Prometheus's rule file format), as messages; empty when fine. */
export function ruleFileProblems(value: unknown): string[] {
  const problems: string[] = [];
  const file = value as Partial<RuleFile> | null;
  if (!file || !Array.isArray(file.groups) || file.groups.length === 0) return ['no `groups` list'];
  const alerts = new Set<string>();
  for (const group of file.groups) {
    if (typeof group?.name !== 'string' || !group.name) problems.push('a group without a name');
    if (!Array.isArray(group?.rules) || group.rules.length === 0) {
      problems.push(`group ${group?.name}: no rules`);
      continue;
    }
    for (const rule of group.rules as unknown as Record<string, unknown>[]) {
      const name = String(rule.alert);
      const known = ['alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'];
      for (const key of Object.keys(rule))
        if (!known.includes(key)) problems.push(`${name}: unknown key ${key}`);
      if (typeof rule.alert !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(rule.alert))
        problems.push(`a rule without a valid alert name: ${name}`);
      if (alerts.has(name)) problems.push(`${name}: named twice`);
      alerts.add(name);
      if (typeof rule.expr !== 'string' || !rule.expr.trim()) problems.push(`${name}: no expr`);
      if (rule.for !== undefined && !/^(\d+(ms|s|m|h|d|w|y))+$/.test(String(rule.for)))
        problems.push(`${name}: for is not a duration: ${String(rule.for)}`);
      const labels = rule.labels as Record<string, unknown> | undefined;
      if (!labels || !['critical', 'warning', 'info'].includes(String(labels.severity)))
        problems.push(`${name}: labels.severity must be critical, warning or info`);
      for (const [key, v] of Object.entries({ ...labels, ...(rule.annotations as object) }))
        if (typeof v !== 'string') problems.push(`${name}: ${key} is not a string`);
      const annotations = rule.annotations as Record<string, unknown> | undefined;
      if (!annotations?.summary || !annotations.description)
        problems.push(`${name}: annotations need a summary and a description`);
    }
  }
  return problems;
}
