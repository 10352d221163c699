import { Migration } from '@mikro-orm/migrations';
import { tenantRlsSql } from '@hearth/persistence';

/**
 * Projections that do not depend on the order events arrive in (ADR 0018). Membership spans become a function
 * of each member's facts (`member_changes`), recomputed whenever one arrives; an erasure leaves a tombstone
 * (`erased_keys`) so a late join cannot bring the person's key back; a LERO's row remembers which event it is
 * as of, so two changes of the same instant resolve the same way whichever comes first.
 */
export class MigrationReportingOrderIndependentProjections extends Migration {
  override name = '20261204-reporting-order-independent-projections';

  up(): void {
    const sql = [
      // One row per fact under the member's pseudonymous key (never the member id): `at` orders the facts,
      // `day` is the local calendar day the spans count in. The same fact twice is one row.
      `create table reporting.member_changes (
        tenant_id uuid not null, member_key text not null, at timestamptz not null,
        change text not null check (change in ('joined','rejoined','left','erased')), day date not null,
        primary key (tenant_id, member_key, at, change))`,
      // Spans made before this change become the facts they stand for. Their instants are made up, a day
      // before each fact's day and milliseconds apart (JavaScript's precision), so they keep their order and come before any real
      // fact of the same day in any zone. The owner reads the spans with forced RLS lifted for the moment
      // (a non-superuser owner would see no row otherwise).
      `alter table reporting.member_spans no force row level security`,
      `insert into reporting.member_changes (tenant_id, member_key, at, change, day)
        with numbered as (
          select tenant_id, member_key, started_on, ended_on, row_number() over (
            partition by tenant_id, member_key order by started_on, ended_on nulls last, id) as n
          from reporting.member_spans)
        select tenant_id, member_key,
            (started_on - 1)::timestamp at time zone 'UTC' + (2 * n) * interval '1 millisecond',
            case when n = 1 then 'joined' else 'rejoined' end, started_on
          from numbered
        union all
        select tenant_id, member_key,
            (ended_on - 1)::timestamp at time zone 'UTC' + (2 * n + 1) * interval '1 millisecond', 'left', ended_on
          from numbered where ended_on is not null`,
      `alter table reporting.member_spans force row level security`,
      ...tenantRlsSql('reporting.member_changes'),
      // An erased member's former key, and while late facts may still come, the random key their rows carry
      // now. After the link is forgotten (`linked_until`), the key alone stops anything re-creating rows.
      `create table reporting.erased_keys (
        tenant_id uuid not null, kind text not null check (kind in ('member')), key text not null,
        replaced_by text, linked_until timestamptz,
        primary key (tenant_id, kind, key),
        check ((replaced_by is null) = (linked_until is null)))`,
      `create index erased_keys_linked_idx on reporting.erased_keys (tenant_id, linked_until)
        where linked_until is not null`,
      ...tenantRlsSql('reporting.erased_keys'),
      // The event a LERO's row is as of: with its time, the newest fact wins whatever order they arrive in.
      `alter table reporting.leros add column version uuid`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
