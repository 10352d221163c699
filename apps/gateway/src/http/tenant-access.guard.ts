import { Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError, TenantsClient, type Actor } from '@hearth/contracts';
import { contextOf } from './request-context';

/**
 * How long an answer is reused. Changes to a LERO (suspended, archived, activated) drop its answers at once
 * (`TenantAccessInvalidation`); the time bounds what a missed notice could leave, and the cache is emptied when
 * the gateway's NATS connection comes back.
 */
export const TENANT_ACCESS_TTL_MS = 30_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The guard's answers, per actor, grants and LERO: one per gateway process (guards are instantiated apart from
 * providers, so the cache is a provider of its own that the guard and `TenantAccessInvalidation` share).
 */
@Injectable()
export class TenantAccessCache {
  private readonly entries = new Map<string, { until: number; error?: AppError }>();
  /** Moves on at every `forget`: an answer asked for before a change is not kept after it. */
  private generation = 0;

  get(key: string, now: number): { error?: AppError } | undefined {
    const hit = this.entries.get(key);
    return hit && hit.until > now ? hit : undefined;
  }

  /** Where the cache stands now, to pass back to `remember` once the answer is in. */
  mark(): number {
    return this.generation;
  }

  remember(key: string, asOf: number, entry: { until: number; error?: AppError }): void {
    if (asOf !== this.generation) return; // the LERO may have changed while it was being asked
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, entry);
  }

  /** Drops every answer about the LERO (a change to it), or every answer (a notice that can't be read). */
  forget(tenantId?: string): void {
    this.generation++;
    if (!tenantId) return this.entries.clear();
    const part = `:${tenantId.toLowerCase()}:`;
    for (const key of this.entries.keys()) if (key.includes(part)) this.entries.delete(key);
  }
}

/**
 * For routes inside a LERO's space served by other services (`/api/v1/tenants/:tenantId/...`): the LERO
 * must exist, be reachable by one of the actor's grants, and be open (a suspended LERO's own users get 403).
 * Asked of the tenants service, cached per actor, grants and LERO until the LERO changes (30 s at most). The
 * owning service still authorises the action itself.
 */
@Injectable()
export class TenantAccessGuard implements CanActivate {
  constructor(
    private readonly tenants: TenantsClient,
    private readonly cache: TenantAccessCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest & { user?: Actor }>();
    const tenantId = (req.params as Record<string, string>).tenantId;
    if (!tenantId || !UUID.test(tenantId)) {
      throw new AppError('VALIDATION', 'Invalid tenantId: must be a UUID.', {
        errors: [{ field: 'tenantId', message: 'must be a UUID' }],
      });
    }
    const actor = req.user;
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to do that.');
    // The answer depends on the token's grants too: a new token with a role just set up, or given, is asked anew.
    const grants = actor.grants.map((g) => `${g.role}/${g.regionId ?? ''}/${g.tenantId ?? ''}`).join(',');
    const key = `${actor.accountId}:${tenantId.toLowerCase()}:${grants}`;
    const now = Date.now();
    const hit = this.cache.get(key, now);
    if (hit) {
      if (hit.error) throw hit.error;
      return true;
    }
    const asOf = this.cache.mark();
    try {
      await this.tenants.tenantAccess({ ...contextOf(req), tenantId }, tenantId);
      this.cache.remember(key, asOf, { until: now + TENANT_ACCESS_TTL_MS });
      return true;
    } catch (err) {
      if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) {
        this.cache.remember(key, asOf, { until: now + TENANT_ACCESS_TTL_MS, error: err });
      }
      throw err;
    }
  }
}

/** Marks a controller whose routes live inside one LERO's space. */
export const TenantScoped = () => UseGuards(TenantAccessGuard);
