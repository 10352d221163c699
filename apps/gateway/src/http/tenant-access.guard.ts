import { Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError, TenantsClient, type Actor } from '@hearth/contracts';
import { contextOf } from './request-context';

const TTL_MS = 5000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * For routes inside a LERO's space served by other services (`/api/v1/tenants/:tenantId/...`): the LERO
 * must exist, be reachable by one of the actor's grants, and be open (a suspended LERO's own users get 403).
 * Asked of the tenants service, cached per actor, grants and LERO for a few seconds. The owning service still
 * authorises the action itself.
 */
@Injectable()
export class TenantAccessGuard implements CanActivate {
  private readonly cache = new Map<string, { until: number; error?: AppError }>();

  constructor(private readonly tenants: TenantsClient) {}

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
    const hit = this.cache.get(key);
    if (hit && hit.until > now) {
      if (hit.error) throw hit.error;
      return true;
    }
    try {
      await this.tenants.tenantAccess({ ...contextOf(req), tenantId }, tenantId);
      this.remember(key, { until: now + TTL_MS });
      return true;
    } catch (err) {
      if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) {
        this.remember(key, { until: now + TTL_MS, error: err });
      }
      throw err;
    }
  }

  private remember(key: string, entry: { until: number; error?: AppError }) {
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, entry);
  }
}

/** Marks a controller whose routes live inside one LERO's space. */
export const TenantScoped = () => UseGuards(TenantAccessGuard);
