import { Injectable } from '@nestjs/common';
import { ReportingEvents, type ReportPeriod } from '@hearth/contracts';
import { eventStatement } from '@hearth/messaging';
import { ReportingDatabase } from '../reporting-database';
import { trustedTenantId } from '../reporting-access';
import { VOLUNTEER_MINUTES } from '../projections/volunteering-projection';

/** One LERO's unrounded figures of one period: the LERO's total, and by category. */
export interface PeriodFigures {
  total: Map<string, number>;
  byCategory: Map<string, Map<string, number>>;
}

export interface LeroEntry {
  id: string;
  regionId: string;
  name: string;
  visibility: 'per-lero' | 'regional-total-only';
  status: string;
  onboardedAt: Date;
  archivedAt: Date | null;
}

const STEP: Record<ReportPeriod, string> = { month: '1 month', quarter: '3 months', year: '1 year' };
const CATEGORY = 'category=';
const GENERATION = 'generation';
/** Frozen reports kept in memory (each a few kB to a few hundred kB); the map starts over beyond this. */
export const RELEASED_KEPT = 500;

interface FigureRow {
  p: string;
  metric: string;
  dimension: string;
  v: string;
  kind: string;
}

function figuresByPeriod(rows: FigureRow[]): Map<string, PeriodFigures> {
  const out = new Map<string, PeriodFigures>();
  const figures = (p: string) => {
    let f = out.get(p);
    if (!f) out.set(p, (f = { total: new Map(), byCategory: new Map() }));
    return f;
  };
  for (const row of rows) {
    const f = figures(row.p);
    const v = Number(row.v);
    const category = row.dimension.startsWith(CATEGORY) ? row.dimension.slice(CATEGORY.length) : null;
    if (category) {
      const cat = f.byCategory.get(category) ?? new Map<string, number>();
      cat.set(row.metric, (cat.get(row.metric) ?? 0) + v);
      f.byCategory.set(category, cat);
    }
    // Additive counts total over every dimension; distinct ones come with their own total ('*').
    if (row.kind === 'sum' || row.dimension === '*')
      f.total.set(row.metric, (f.total.get(row.metric) ?? 0) + v);
  }
  return out;
}

/** Reads of the aggregates and the directory: queries only. */
@Injectable()
export class FiguresRepository {
  /** Frozen reports by `region/label`: immutable, so never stale. */
  private readonly released = new Map<string, unknown>();

  constructor(private readonly db: ReportingDatabase) {}

  /**
   * Each LERO's figures for every period in `[from, until)`, keyed by the period's first day. One round trip
   * for all of them, each LERO's query under its own RLS setting: additive counts are summed, distinct ones
   * counted over the whole period (a person who came in two months of a quarter is one unique participant
   * of the quarter). Volunteer hours are each month's approved minutes in whole hours (half up), summed over
   * the period's months, so a quarter is exactly its months (ADR 0057). The LEROs are ones the gate let through
   * or reporting's own directory lists.
   */
  async figuresOf(
    tenantIds: string[],
    period: ReportPeriod,
    from: string,
    until: string,
  ): Promise<Map<string, PeriodFigures>[]> {
    return (await this.figuresAt(tenantIds, period, from, until)).map((f) => f.byPeriod);
  }

  /**
   * The same, each LERO's with the generation of figures it was computed at (ADR 0089): one statement per LERO,
   * so the figures and the generation come from one snapshot.
   */
  async figuresAt(
    tenantIds: string[],
    period: ReportPeriod,
    from: string,
    until: string,
  ): Promise<{ generation: string; byPeriod: Map<string, PeriodFigures> }[]> {
    const perLero = await this.db.readEachTenant<FigureRow>(tenantIds.map(trustedTenantId), (tenantId) => ({
      sql: `select to_char(date_trunc($1, day::timestamp), 'YYYY-MM-DD') as p, metric, dimension,
            sum(value)::bigint as v, 'sum' as kind
          from reporting.daily_counts where tenant_id = $2 and day >= $3::date and day < $4::date
            and metric <> '${VOLUNTEER_MINUTES}'
          group by 1, 2, 3
        union all
        select to_char(date_trunc($1, m), 'YYYY-MM-DD'), 'volunteerHours', '', sum(round(minutes / 60.0))::bigint, 'sum'
          from (select date_trunc('month', day::timestamp) as m, sum(value) as minutes from reporting.daily_counts
              where tenant_id = $2 and day >= $3::date and day < $4::date and metric = '${VOLUNTEER_MINUTES}'
              group by 1) as months
          group by date_trunc($1, m)
        union all
        select to_char(date_trunc($1, month::timestamp), 'YYYY-MM-DD'), metric, coalesce(dimension, '*'),
            count(distinct key), 'distinct'
          from reporting.monthly_keys
          where tenant_id = $2 and month >= $3::date and month < $4::date and refs > 0
          group by grouping sets (
            (date_trunc($1, month::timestamp), metric, dimension), (date_trunc($1, month::timestamp), metric))
        union all
        select to_char(p, 'YYYY-MM-DD'), 'activeMembers', '*', count(distinct s.member_key), 'distinct'
          from generate_series($3::timestamp, $4::timestamp - $5::interval, $5::interval) as p
          join reporting.member_spans s on s.tenant_id = $2 and s.started_on < p + $5::interval
            and (s.ended_on is null or s.ended_on >= p)
          group by p
        union all
        select '', '', '', coalesce((select generation from reporting.figure_generations where tenant_id = $2), 0),
            '${GENERATION}'`,
      params: [period, tenantId, from, until, STEP[period]],
    }));
    return perLero.map((rows) => ({
      generation: rows.find((r) => r.kind === GENERATION)?.v ?? '0',
      byPeriod: figuresByPeriod(rows.filter((r) => r.kind !== GENERATION)),
    }));
  }

  /** A LERO's generation of figures now (0 before its first projected event). */
  async generationOf(tenantId: string): Promise<string> {
    const [rows] = await this.db.readEachTenant<{ generation: string }>([trustedTenantId(tenantId)], (t) => ({
      sql: `select generation from reporting.figure_generations where tenant_id = $1`,
      params: [t],
    }));
    return rows[0]?.generation ?? '0';
  }

  async lerosOf(regionId: string): Promise<LeroEntry[]> {
    const rows = await this.db.em().execute<
      {
        id: string;
        region_id: string;
        name: string;
        visibility: LeroEntry['visibility'];
        status: string;
        onboarded_at: Date;
        archived_at: Date | null;
      }[]
    >(
      `select id, region_id, name, visibility, status, onboarded_at, archived_at
          from reporting.leros where region_id = ? order by name, id`,
      [regionId],
    );
    return rows.map((r) => ({
      id: r.id,
      regionId: r.region_id,
      name: r.name,
      visibility: r.visibility,
      status: r.status,
      onboardedAt: new Date(r.onboarded_at),
      archivedAt: r.archived_at ? new Date(r.archived_at) : null,
    }));
  }

  async lero(tenantId: string): Promise<LeroEntry | null> {
    const [row] = await this.db
      .em()
      .execute<{ id: string; region_id: string }[]>(
        `select id, region_id from reporting.leros where id = ?`,
        [tenantId],
      );
    if (!row) return null;
    return (await this.lerosOf(row.region_id)).find((l) => l.id === tenantId) ?? null;
  }

  async region(regionId: string): Promise<{ id: string; name: string; suppressBelow: number } | null> {
    const [row] = await this.db
      .em()
      .execute<{ id: string; name: string; suppress_below: number }[]>(
        `select id, name, suppress_below from reporting.regions where id = ?`,
        [regionId],
      );
    return row ? { id: row.id, name: row.name, suppressBelow: row.suppress_below } : null;
  }

  async regionIds(): Promise<string[]> {
    const rows = await this.db.em().execute<{ id: string }[]>(`select id from reporting.regions order by id`);
    return rows.map((r) => r.id);
  }

  async setSuppressBelow(regionId: string, suppressBelow: number): Promise<boolean> {
    const res = await this.db
      .em()
      .execute<{ affectedRows: number }>(
        `update reporting.regions set suppress_below = ?, updated_at = now() where id = ?`,
        [suppressBelow, regionId],
        'run',
      );
    return res.affectedRows > 0;
  }

  /**
   * The frozen reports among `labels`. A released report never changes once stored (first writer wins), so
   * what was read once is kept in memory: a year's report before a funding panel is served without a query.
   */
  async releasedReports(regionId: string, labels: string[]): Promise<Map<string, unknown>> {
    const out = new Map<string, unknown>();
    const missing: string[] = [];
    for (const label of labels) {
      const known = this.released.get(`${regionId}/${label}`);
      if (known === undefined) missing.push(label);
      else out.set(label, known);
    }
    if (missing.length === 0) return out;
    const rows = await this.db.em().execute<{ period: string; report: unknown }[]>(
      `select period, report from reporting.released_reports
          where region_id = ? and period in (${missing.map(() => '?').join(', ')})`,
      [regionId, ...missing],
    );
    if (this.released.size > RELEASED_KEPT) this.released.clear();
    for (const r of rows) {
      this.released.set(`${regionId}/${r.period}`, r.report);
      out.set(r.period, r.report);
    }
    return out;
  }

  /** The labels of every period of a region released so far. */
  async releasedLabels(regionId: string): Promise<Set<string>> {
    const rows = await this.db
      .em()
      .execute<{ period: string }[]>(`select period from reporting.released_reports where region_id = ?`, [
        regionId,
      ]);
    return new Set(rows.map((r) => r.period));
  }

  /**
   * Stores a released period's figures once; the first writer wins and its figures are served ever after. The
   * writer that stores them records `evt.reporting.period.released` in the same transaction (ADR 0082): which
   * period, never a figure.
   */
  async saveReleased(
    regionId: string,
    span: { period: ReportPeriod; label: string; start: string; end: string },
    releasedAt: Date,
    report: { releasedAt: string | null },
  ): Promise<void> {
    await this.db.transactPlatform(async (tx) => {
      const [stored] = await tx.run<[{ period: string }[]]>({
        sql: `insert into reporting.released_reports (region_id, period, released_at, report)
                values ($1, $2, $3, $4::json) on conflict (region_id, period) do nothing returning period`,
        params: [regionId, span.label, releasedAt, JSON.stringify(report)],
      });
      if (stored.length === 0) return; // another replica released it first, and told
      await tx.run(
        eventStatement(
          tx,
          'reporting',
          ReportingEvents.periodReleased,
          {
            regionId,
            period: span.period,
            label: span.label,
            from: span.start,
            until: span.end,
            releasedAt: report.releasedAt ?? releasedAt.toISOString(),
          },
          null,
        ),
      );
    });
  }
}
