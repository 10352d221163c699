import { Inject, Injectable } from '@nestjs/common';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, type TenantsOptions } from '../tenants.options';
import { forgetSignInFailures, recordSignInFailure, signInFailuresOf } from './sign-in-failures.repository';
import { signInThrottled } from './sessions.exception';

/** Failures that cost nothing, then a delay that doubles with each further one, up to a ceiling. */
export interface SignInThrottleOptions {
  freeFailures?: number;
  maxDelaySeconds?: number;
}

const DEFAULT_FREE_FAILURES = 5;
const DEFAULT_MAX_DELAY_SECONDS = 60;

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
    const row = await signInFailuresOf(this.db.em(), email);
    if (!row || row.failures < this.free) return;
    const delayMs = Math.min(1000 * 2 ** (row.failures - this.free), this.maxDelayMs);
    const waitMs = new Date(row.last_failed_at).getTime() + delayMs - this.now().getTime();
    if (waitMs <= 0) return;
    const seconds = Math.ceil(waitMs / 1000);
    throw signInThrottled(seconds);
  }

  async recordFailure(email: string): Promise<void> {
    await recordSignInFailure(this.db.em(), email, this.now());
  }

  async reset(email: string): Promise<void> {
    await forgetSignInFailures(this.db.em(), email);
  }
}
