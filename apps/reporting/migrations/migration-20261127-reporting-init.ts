import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';
import { messagingTablesSql } from '@hearth/messaging';

/**
 * Reporting keeps aggregates, never people: no names, emails, phones or member ids. Counts live in generic
 * (LERO, day, metric, dimension) rows, so a new metric needs no new column or table.
 */
export class MigrationReportingInit extends Migration {
  override name = '20261127-reporting-init';

  up(): void {
    const sql = [
      // The directory, from the tenants service's events: regions (with their disclosure setting) and LEROs.
      `create table reporting.regions (
        id uuid primary key, name text not null,
        suppress_below int not null default 8 check (suppress_below between 8 and 100),
        updated_at timestamptz not null default now())`,
      `create table reporting.leros (
        id uuid primary key, region_id uuid not null, name text not null,
        visibility text not null check (visibility in ('per-lero','regional-total-only')),
        status text not null check (status in ('onboarding','active','suspended','archived')),
        onboarded_at timestamptz not null, archived_at timestamptz, updated_at timestamptz not null)`,
      `create index leros_region_idx on reporting.leros (region_id, id)`,
      // Additive counts per local day. dimension is '' or 'key=value' (e.g. 'category=walking').
      `create table reporting.daily_counts (
        tenant_id uuid not null, day date not null, metric text not null, dimension text not null,
        value bigint not null,
        primary key (tenant_id, day, metric, dimension))`,
      // Distinct counts (unique participants): which pseudonymous keys were counted in a month, and how many
      // times (so a removed check-in takes a key out only when it was its last).
      `create table reporting.monthly_keys (
        tenant_id uuid not null, month date not null check (extract(day from month) = 1),
        metric text not null, dimension text not null, key text not null, refs int not null,
        primary key (tenant_id, month, metric, dimension, key))`,
      // Membership spans under a keyed pseudonym; an erased member's spans are re-keyed at random, so they
      // keep counting but nothing links them to anyone any more.
      `create table reporting.member_spans (
        id uuid primary key, tenant_id uuid not null, member_key text not null,
        started_on date not null, ended_on date, check (ended_on is null or ended_on >= started_on))`,
      `create index member_spans_key_idx on reporting.member_spans (tenant_id, member_key)`,
      `create index member_spans_range_idx on reporting.member_spans (tenant_id, started_on)`,
      ...tenantRlsSql('reporting.daily_counts'),
      ...tenantRlsSql('reporting.monthly_keys'),
      ...tenantRlsSql('reporting.member_spans'),
      // What was published for a region's period once it was released: served byte for byte from then on (json,
      // not jsonb, so even the order of keys is kept).
      `create table reporting.released_reports (
        region_id uuid not null, period text not null, released_at timestamptz not null, report json not null,
        primary key (region_id, period))`,
      ...messagingTablesSql('reporting'),
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
