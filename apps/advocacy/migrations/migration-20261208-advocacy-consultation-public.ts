import { Migration } from '@mikro-orm/migrations';

/**
 * Whether a closed consultation shows on its owner's public "you said, we did" page (ADR 0075). Until now every
 * closed one did; existing rows keep that only where the consultation was asked through a public link, so that a
 * members' or region's consultation goes public only when its staff choose.
 */
export class MigrationAdvocacyConsultationPublic extends Migration {
  override name = '20261208-advocacy-consultation-public';

  up(): void {
    this.addSql(`alter table advocacy.consultations add column public boolean not null default false`);
    this.addSql(`update advocacy.consultations set public = true where audience = 'public'`);
  }
}
