import { Migration } from '@mikro-orm/migrations';

/**
 * The mail queue's shape is shared by every service that emails (ADR 0081, `mailQueueSql` in @hearth/mail): the
 * column the tenants service does not use yet, `about_ref` (whose queued messages an unsubscribe or erasure drops),
 * and the check that headers (`List-Unsubscribe`…, added for digests, ADR 0083) live exactly as long as the body.
 */
export class MigrationTenantsMailQueueShared extends Migration {
  override name = '20261231-tenants-mail-queue-shared';

  up(): void {
    const sql = [
      `alter table tenants.mail_queue add column about_ref text,
        add constraint mail_queue_headers_check check (headers is null or state in ('queued','sending'))`,
      `create index mail_queue_about_idx on tenants.mail_queue (about_ref) where state = 'queued'`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
