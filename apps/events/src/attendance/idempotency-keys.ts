import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Statement, TenantId, TenantTransaction } from '@hearth/persistence';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import { idempotencyKeyInFlight, idempotencyKeyReused } from './attendance.exception';
import { claimStatements, rememberStatement, type ClaimRows } from './idempotency-keys.repository';

/** How long a key is remembered: a day, as the IETF draft's examples and most APIs do (ADR 0020). */
export const DEFAULT_IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;
/**
 * How long a request waits for another with the same key to finish before it is told that one is in flight: well
 * within the gateway's wait for an answer (REQUEST_TIMEOUT_MS, 5 s), so the 409 reaches the client.
 */
const IN_FLIGHT_WAIT = '1s';
/** PostgreSQL's `lock_not_available`: the wait above ran out. */
const LOCK_NOT_AVAILABLE = '55P03';

/** A request that carries an `Idempotency-Key`: who sent which key (one-way), and what it asked for. */
export interface IdempotentRequest {
  tenantId: TenantId;
  keyHash: string;
  fingerprint: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Idempotency keys (draft-ietf-httpapi-idempotency-key-header): a key is claimed as the first statement of the
 * transaction that makes the change and remembered with the answer by its last, so "changed" and "key
 * remembered" commit together, and a refusal (which rolls back) remembers nothing. A second request with the
 * same key waits for the first to finish, then answers what it answered; one still unfinished after a short wait
 * is a 409.
 */
@Injectable()
export class IdempotencyKeys {
  readonly ttlMs: number;

  constructor(@Inject(EVENTS_OPTIONS) options: EventsOptions) {
    this.ttlMs = options.idempotencyKeyTtlMs ?? DEFAULT_IDEMPOTENCY_KEY_TTL_MS;
  }

  /** The same key value from another caller or for another LERO is another key. */
  identify(tenantId: TenantId, accountId: string, key: string, request: unknown): IdempotentRequest {
    return {
      tenantId,
      keyHash: sha256(`hearth/events/idempotency-key/${tenantId}/${accountId.toLowerCase()}/${key}`),
      fingerprint: sha256(JSON.stringify(request)),
    };
  }

  /**
   * Claims the key in `tx` (its first round trip). Undefined when this request is the first with the key (or
   * the key was forgotten): go on, and remember the answer. Else the first answer, to give again; a 422 when
   * the key came with another request; a 409 while the first is still being made.
   */
  async claim<T>(tx: TenantTransaction, req: IdempotentRequest): Promise<T | undefined> {
    let rows: ClaimRows<T>;
    try {
      rows = await tx.run<ClaimRows<T>>(claimStatements(req, this.ttlMs, IN_FLIGHT_WAIT));
    } catch (err) {
      if ((err as { code?: unknown }).code === LOCK_NOT_AVAILABLE) throw idempotencyKeyInFlight();
      throw err;
    }
    const [, claimed, [first]] = rows;
    if (claimed.length) return undefined;
    if (first.fingerprint !== req.fingerprint) throw idempotencyKeyReused();
    return first.response;
  }

  /** The answer, remembered in the transaction of the change (with its commit). */
  remember(req: IdempotentRequest, response: unknown): Statement {
    return rememberStatement(req, response);
  }
}
