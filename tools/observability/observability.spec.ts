import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bracketsBalanced,
  expressions,
  loadDashboard,
  loadRules,
  metricNames,
  ruleFileProblems,
  type RuleFile,
} from './observability.util';

/**
 * deploy/observability: the alert rules are a valid Prometheus rule file, the dashboard's panels all query, and
 * every metric they read is documented. That a running Hearth serves each of them is checked against real apps
 * in apps/gateway/test/dead-letters.e2e-spec.ts.
 */
describe('deploy/observability', () => {
  const rules = loadRules() as RuleFile;
  const dashboard = loadDashboard();

  it('holds a rule file Prometheus can load: groups of named rules, each with expr, severity and annotations', () => {
    expect(ruleFileProblems(rules)).toEqual([]);
    const alerts = rules.groups.flatMap((g) => g.rules.map((r) => r.alert));
    // What the issue asks to be alerted on.
    expect(alerts).toEqual(
      expect.arrayContaining([
        'HearthOutboxStale',
        'HearthConsumerLagHigh',
        'HearthDeadLetters',
        'HearthHttpServerErrors',
        'HearthAppDown',
        'HearthNatsRequestTimeouts',
      ]),
    );
    const stale = rules.groups.flatMap((g) => g.rules).find((r) => r.alert === 'HearthOutboxStale');
    expect(stale?.expr).toContain('hearth_outbox_oldest_seconds) > 60');
  });

  it('finds what is wrong with a rule file', () => {
    expect(ruleFileProblems({})).toEqual(['no `groups` list']);
    expect(
      ruleFileProblems({
        groups: [{ name: 'g', rules: [{ alert: 'A b', expr: '', for: 'soon', labels: {}, owner: 'x' }] }],
      }),
    ).toEqual([
      'A b: unknown key owner',
      'a rule without a valid alert name: A b',
      'A b: no expr',
      'A b: for is not a duration: soon',
      'A b: labels.severity must be critical, warning or info',
      'A b: annotations need a summary and a description',
    ]);
  });

  it('holds a dashboard whose every panel queries Prometheus, with unique ids', () => {
    expect(dashboard.uid).toBe('hearth-overview');
    const ids = dashboard.panels.map((p) => (p as unknown as { id: number }).id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) {
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) expect(target.expr).toMatch(/\b(hearth|nodejs|process)_/);
    }
  });

  it('holds expressions whose brackets pair up', () => {
    expect(expressions(rules, dashboard).filter((e) => !bracketsBalanced(e.expr))).toEqual([]);
    expect(bracketsBalanced('sum(rate(x{a="("}[5m]))')).toBe(true);
    expect(bracketsBalanced('sum(rate(x[5m])')).toBe(false);
    expect(bracketsBalanced('max by (a] (x)')).toBe(false);
  });

  it('reads metric names out of PromQL loosely: histogram series by their histogram, strings left out', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (le) (rate(hearth_http_request_duration_seconds_bucket{route!="hearth_x"}[5m])))',
      ),
    ).toEqual(['hearth_http_request_duration_seconds']);
    expect(metricNames('rate(process_cpu_seconds_total[1m]) + nodejs_eventloop_lag_p99_seconds')).toEqual([
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_p99_seconds',
    ]);
    expect(metricNames('hearth_x_count', new Set(['hearth_x_count']))).toEqual(['hearth_x_count']);
  });

  it('reads only metrics that docs/operating.md describes', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'operating.md'), 'utf8');
    // The first cell of each row of the metrics table names one or more metrics.
    const firstCells = [...doc.matchAll(/^\|([^|]+)\|/gm)].map((m) => m[1]);
    const documented = new Set(
      firstCells.flatMap((c) => [...c.matchAll(/`([a-z0-9_]+)`/g)].map((m) => m[1])),
    );
    const used = new Set(expressions(rules, dashboard).flatMap((e) => metricNames(e.expr)));
    expect([...used].filter((n) => !documented.has(n))).toEqual([]);
  });
});
