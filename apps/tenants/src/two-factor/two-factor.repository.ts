import type { EntityManager } from '@mikro-orm/postgresql';

/** Statements of two-factor sign-in that the ORM cannot say in one go (upserts, conditional updates). */

/** A new secret being set up, replacing any earlier one not confirmed; the app in use keeps working. */
export async function savePendingSecret(
  em: EntityManager,
  accountId: string,
  pendingSecret: string,
  at: Date,
): Promise<void> {
  await em.execute(
    `insert into tenants.two_factor (account_id, pending_secret, pending_created_at, updated_at)
     values (?, ?, ?, ?)
     on conflict (account_id) do update set pending_secret = excluded.pending_secret,
       pending_created_at = excluded.pending_created_at, updated_at = excluded.updated_at`,
    [accountId, pendingSecret, at, at],
    'run',
  );
}

/** Records `step` as used unless it (or a later one) was already: false when the code is a replay. */
export async function useTotpStep(em: EntityManager, accountId: string, step: number): Promise<boolean> {
  const rows = await em.execute<{ account_id: string }[]>(
    `update tenants.two_factor set last_used_step = ?, updated_at = now()
      where account_id = ? and (last_used_step is null or last_used_step < ?) returning account_id`,
    [step, accountId, step],
  );
  return rows.length === 1;
}

/** One more wrong code against a sign-in's challenge. */
export async function countChallengeFailure(em: EntityManager, challengeId: string): Promise<void> {
  await em.execute(
    'update tenants.sign_in_challenges set failures = failures + 1 where id = ?',
    [challengeId],
    'run',
  );
}
