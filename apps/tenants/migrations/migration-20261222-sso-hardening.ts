import { Migration } from '@mikro-orm/migrations';

/**
 * Single sign-on, hardened (ADR 80): each flow keeps the SHA-256 of a secret handed to whoever began it,
 * required back at the callback (flows begun before this, ten minutes' worth, are dropped: they have no binding,
 * and starting again costs a click); a second-factor challenge can carry the link offer the password accepted,
 * made only once the code is given.
 */
export class MigrationTenantsSsoHardening extends Migration {
  override name = '20261222-tenants-sso-hardening';

  up(): void {
    const sql = [
      `delete from tenants.sso_flows`,
      `alter table tenants.sso_flows add column binding_hash text not null`,
      `alter table tenants.sign_in_challenges add column sso_link_offer_id uuid
        references tenants.sso_link_offers(id) on delete cascade`,
      `create index sign_in_challenges_sso_link_offer_idx on tenants.sign_in_challenges (sso_link_offer_id)
        where sso_link_offer_id is not null`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
