import { Migration } from '@mikro-orm/migrations';

/**
 * Erasure reaches unique participants (ADR 0019): a participant key's months move to a random key, with a
 * tombstone of the kind `participant` beside those of members.
 */
export class MigrationReportingParticipantErasure extends Migration {
  override name = '20261205-reporting-participant-erasure';

  up(): void {
    this.addSql(`alter table reporting.erased_keys drop constraint erased_keys_kind_check,
      add constraint erased_keys_kind_check check (kind in ('member', 'participant'))`);
  }
}
