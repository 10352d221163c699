import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '@hearth/contracts';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, type TenantsOptions } from '../tenants.options';

/** Failures that cost nothing, then a delay that doubles with each further one, up to a ceiling. */
export interface SignInThrottleOptions {
  freeFailures?: number;
  maxDelaySeconds?: number;
}

const DEFAULT_FREE_FAILURES = 5;
const DEFAULT_MAX_DELAY_SECONDS = 60;

const keyOf = (email: string) => createHash('sha256').update(`hearth-sign-in:${email}`).digest('hex');

/** Forgets an email's failed sign-ins in the caller's transaction (a reset, or its account erased). */
export async function forgetSignInFailures(em: EntityManager, email: string): Promise<void> {
  await em.execute('delete from tenants.sign_in_failures where email_hash = ?', [keyOf(email)], 'run');
}

/**
 * A per-account limit on wrong passwords, whatever address they come from (the gateway limits per address):
 * after a few failures, each further attempt on that email must wait 1, 2, 4 … seconds after the last
 * failure, never more than a minute. Attempts refused for waiting do not count, and a right password resets
 * it, so an attacker can slow an account's sign-in but never lock its owner out for longer than that minute.
 * Emails without an account are throttled the same way, so the answer says nothing about who has one.
 */
@Injectable()
export class SignInThrottle {
  private readonly free: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly db: TenantsDatabase,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {
    this.free = options.signInThrottle?.freeFailures ?? DEFAULT_FREE_FAILURES;
    this.maxDelayMs = (options.signInThrottle?.maxDelaySeconds ?? DEFAULT_MAX_DELAY_SECONDS) * 1000;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Refuses (RATE_LIMITED, with the seconds to wait) while this email must still wait. */
  async check(email: string): Promise<void> {
    const rows = await this.db
      .em()
      .execute<{ failures: number; last_failed_at: Date }[]>(
        'select failures, last_failed_at from tenants.sign_in_failures where email_hash = ?',
        [keyOf(email)],
      );
    const row = rows[0];
    if (!row || row.failures < this.free) return;
    const delayMs = Math.min(1000 * 2 ** (row.failures - this.free), this.maxDelayMs);
    const waitMs = new Date(row.last_failed_at).getTime() + delayMs - this.now().getTime();
    if (waitMs <= 0) return;
    const seconds = Math.ceil(waitMs / 1000);
    throw new AppError(
      'RATE_LIMITED',
      `Too many wrong passwords for this account. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
      { reason: 'SignInThrottled', retryAfterSeconds: seconds },
    );
  }

  async recordFailure(email: string): Promise<void> {
    await this.db.em().execute(
      `insert into tenants.sign_in_failures (email_hash, failures, last_failed_at) values (?, 1, ?)
       on conflict (email_hash) do update set failures = sign_in_failures.failures + 1, last_failed_at = excluded.last_failed_at`,
      [keyOf(email), this.now()],
      'run',
    );
  }

  async reset(email: string): Promise<void> {
    await forgetSignInFailures(this.db.em(), email);
  }
}
