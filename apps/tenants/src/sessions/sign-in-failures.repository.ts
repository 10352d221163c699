import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Failed sign-ins are kept per email, as a one-way key of it. */
const keyOf = (email: string) => createHash('sha256').update(`hearth-sign-in:${email}`).digest('hex');

/** The count of an email's failed sign-ins and when the last one was. */
export async function signInFailuresOf(
  em: EntityManager,
  email: string,
): Promise<{ failures: number; last_failed_at: Date } | undefined> {
  const rows = await em.execute<{ failures: number; last_failed_at: Date }[]>(
    'select failures, last_failed_at from tenants.sign_in_failures where email_hash = ?',
    [keyOf(email)],
  );
  return rows[0];
}

export async function recordSignInFailure(em: EntityManager, email: string, at: Date): Promise<void> {
  await em.execute(
    `insert into tenants.sign_in_failures (email_hash, failures, last_failed_at) values (?, 1, ?)
     on conflict (email_hash) do update set failures = sign_in_failures.failures + 1, last_failed_at = excluded.last_failed_at`,
    [keyOf(email), at],
    'run',
  );
}

/** Forgets an email's failed sign-ins in the caller's transaction (a reset, or its account erased). */
export async function forgetSignInFailures(em: EntityManager, email: string): Promise<void> {
  await em.execute('delete from tenants.sign_in_failures where email_hash = ?', [keyOf(email)], 'run');
}
