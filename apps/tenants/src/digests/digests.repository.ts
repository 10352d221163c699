import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { discardWaitingMail } from '@hearth/mail';
import type { DigestRecipient } from './digest-facts';

/** The roles that have a weekly digest (ADR 0083). */
export const DIGEST_ROLES = ['coordinator', 'directory-curator'] as const;
const ROLES_SQL = `('coordinator', 'directory-curator')`;
/** The account has not turned its digest off (no row: on). */
const DIGEST_ON = `coalesce((select s.enabled from tenants.digest_settings s where s.account_id = a.id), true)`;

export interface DigestScopes {
  leros: { id: string; name: string }[];
  regions: { id: string; name: string }[];
}

/** Queries of weekly digests: who is due one, what they cover, claiming one, and turning them off. */
@Injectable()
export class DigestsRepository {
  /** Enabled accounts with a digest role and the digest on, with no digest of `period` yet. */
  dueRecipients(em: EntityManager, period: string, limit: number): Promise<DigestRecipient[]> {
    return em.execute<DigestRecipient[]>(
      `select a.id as "accountId", a.email from tenants.accounts a
        where a.disabled_at is null and ${DIGEST_ON}
          and exists (select 1 from tenants.grants g where g.account_id = a.id and g.role in ${ROLES_SQL})
          and not exists (select 1 from tenants.digest_runs r where r.account_id = a.id and r.period = ?)
        order by a.id limit ?`,
      [period, limit],
    );
  }

  /** The active LEROs the account coordinates and the regions whose directory it curates. */
  async scopesOf(em: EntityManager, accountId: string): Promise<DigestScopes> {
    const leros = await em.execute<{ id: string; name: string }[]>(
      `select distinct t.id, t.name from tenants.grants g join tenants.tenants t on t.id = g.tenant_id
        where g.account_id = ? and g.role = 'coordinator' and t.status = 'active' order by t.name, t.id`,
      [accountId],
    );
    const regions = await em.execute<{ id: string; name: string }[]>(
      `select distinct r.id, r.name from tenants.grants g join tenants.regions r on r.id = g.region_id
        where g.account_id = ? and g.role = 'directory-curator' order by r.name, r.id`,
      [accountId],
    );
    return { leros, regions };
  }

  /** Whether the account holds a role that has a digest. */
  async eligible(em: EntityManager, accountId: string): Promise<boolean> {
    const rows = await em.execute(
      `select 1 from tenants.grants where account_id = ? and role in ${ROLES_SQL} limit 1`,
      [accountId],
    );
    return rows.length > 0;
  }

  /**
   * Locks the account's row for the rest of the transaction and says whether it still gets digests (enabled, the
   * digest on): a sweep and an unsubscribe of the same account take turns, so none is queued after it is off.
   */
  async lockIfDigestOn(em: EntityManager, accountId: string): Promise<boolean> {
    const rows = await em.execute<{ on: boolean }[]>(
      `select a.disabled_at is null and ${DIGEST_ON} as on from tenants.accounts a where a.id = ? for no key update`,
      [accountId],
    );
    return rows[0]?.on === true;
  }

  /** Claims the account's digest of a period; false when another sweep (or replica) has it already. */
  async claim(
    em: EntityManager,
    run: { id: string; accountId: string; period: string; unsubscribeHash: string | null },
  ): Promise<boolean> {
    const rows = await em.execute(
      `insert into tenants.digest_runs (id, account_id, period, unsubscribe_hash) values (?, ?, ?, ?)
        on conflict (account_id, period) do nothing returning id`,
      [run.id, run.accountId, run.period, run.unsubscribeHash],
    );
    return rows.length === 1;
  }

  async setMail(em: EntityManager, runId: string, mailId: string): Promise<void> {
    await em.execute(`update tenants.digest_runs set mail_id = ? where id = ?`, [mailId, runId], 'run');
  }

  /** The account a digest's unsubscribe link belongs to. */
  async accountOfLink(em: EntityManager, unsubscribeHash: string): Promise<string | null> {
    const rows = await em.execute<{ account_id: string }[]>(
      `select account_id from tenants.digest_runs where unsubscribe_hash = ?`,
      [unsubscribeHash],
    );
    return rows[0]?.account_id ?? null;
  }

  async isOn(em: EntityManager, accountId: string): Promise<boolean> {
    const rows = await em.execute<{ on: boolean }[]>(
      `select ${DIGEST_ON} as on from tenants.accounts a where a.id = ?`,
      [accountId],
    );
    return rows[0]?.on ?? true;
  }

  async setOn(em: EntityManager, accountId: string, enabled: boolean, at: Date): Promise<void> {
    await em.execute(
      `insert into tenants.digest_settings (account_id, enabled, updated_at) values (?, ?, ?)
        on conflict (account_id) do update set enabled = excluded.enabled, updated_at = excluded.updated_at`,
      [accountId, enabled, at],
      'run',
    );
  }

  /**
   * The account's digests still waiting in the mail queue are given up. One being sent cannot be stopped, but if
   * that try fails it is not tried again (`discardWaitingMail`).
   */
  async dropQueued(em: EntityManager, accountId: string): Promise<number> {
    const of = `id in (select mail_id from tenants.digest_runs where account_id = ?)`;
    await discardWaitingMail(em, of, [accountId]);
    const rows = await em.execute(
      `update tenants.mail_queue set state = 'expired', body_text = null, body_html = null, headers = null,
          finished_at = now(), last_error = 'the digest was turned off before it was sent'
        where state = 'queued' and ${of} returning id`,
      [accountId],
    );
    return rows.length;
  }
}
