import { Migration } from '@mikro-orm/migrations';

/**
 * Whether an occurrence of a shift is full (`is_full`), and how often that has changed (ADR 0055): kept on the occurrence's row,
 * which every sign-up, cancel and promotion holds locked, so `evt.volunteering.shift.filled|unfilled` is written once
 * per change however many people sign up at once, and `fill_version` orders those events for their consumers.
 */
export class MigrationVolunteeringOccurrenceFill extends Migration {
  override name = '20261221-volunteering-occurrence-fill';

  up(): void {
    this.addSql(`alter table volunteering.shift_occurrences
      add column is_full boolean not null default false,
      add column fill_version integer not null default 0`);
  }
}
