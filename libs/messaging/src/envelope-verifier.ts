import { Inject, Injectable } from '@nestjs/common';
import { AppError, type Actor, type RequestContext } from '@hearth/contracts';
import { TokenVerifier } from '@hearth/auth';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What of a context crosses the wire: never the actor, which each receiver derives from the token. */
export const wireContext = (ctx: RequestContext): RequestContext =>
  // A malformed context goes as it is, for the receiver to refuse.
  typeof ctx !== 'object' || ctx === null
    ? ctx
    : {
        requestId: ctx.requestId,
        token: ctx.token,
        ...(ctx.tenantId ? { tenantId: ctx.tenantId } : {}),
      };

const tenantClosed = () =>
  new AppError('FORBIDDEN', "This LERO's space is closed. Contact your regional network.", {
    reason: 'TenantClosed',
  });

/** The LEROs a message addresses: the envelope's and the data's `tenantId`. */
function addressedTenants(ctx: Partial<RequestContext>, data: unknown): unknown[] {
  const fromData = (data as { tenantId?: unknown } | null)?.tenantId;
  return [ctx.tenantId, fromData].filter((t) => t !== undefined);
}

/**
 * The one LERO a message is about. The data's `tenantId` is what the handler acts on; the envelope's is what
 * the logs and the closed-LERO check read. They must be the same LERO: a message whose two copies disagree is
 * refused (VALIDATION: 400 at the gateway), fail closed, rather than logged under one LERO while acting on
 * another. A message whose data names a LERO its envelope does not (a system caller's) takes the data's.
 */
function oneLero(fromEnvelope: string | undefined, data: unknown): string | undefined {
  const fromData = (data as { tenantId?: unknown } | null)?.tenantId;
  if (typeof fromData !== 'string') return fromEnvelope;
  if (fromEnvelope !== undefined && fromEnvelope.toLowerCase() !== fromData.toLowerCase())
    throw new AppError('VALIDATION', 'The envelope and the message name different LEROs.', {
      errors: [{ field: 'tenantId', message: 'differs from the envelope’s' }],
    });
  return UUID.test(fromData) ? fromData.toLowerCase() : fromEnvelope;
}

/**
 * NATS is a trust boundary: a message's context is believed only as far as its token proves it. The token must
 * verify (the end user's access token or the gateway's anonymous token), the actor comes from its claims and
 * nowhere else, and a LERO closed to the actor is refused here, before any handler of any service runs.
 */
@Injectable()
export class EnvelopeVerifier {
  private readonly tokens?: TokenVerifier;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    if (options.trust) this.tokens = new TokenVerifier(options.trust);
  }

  /** Whether this process can verify callers at all (a service that answers messages must). */
  get configured(): boolean {
    return !!this.tokens;
  }

  async contextOf(payload: unknown): Promise<RequestContext> {
    const envelope = (payload ?? {}) as { ctx?: Partial<RequestContext> | null; data?: unknown };
    const ctx = envelope.ctx;
    if (!ctx || typeof ctx !== 'object' || typeof ctx.requestId !== 'string' || ctx.requestId.length > 200)
      throw new AppError(
        'VALIDATION',
        'A message must carry an envelope { ctx: { requestId, token }, data }.',
      );
    if (ctx.tenantId !== undefined && !(typeof ctx.tenantId === 'string' && UUID.test(ctx.tenantId)))
      throw new AppError('VALIDATION', 'The envelope carries a malformed tenant id.');
    const tenantId = oneLero(ctx.tenantId, envelope.data);
    if (!this.tokens)
      throw new AppError('UNAUTHENTICATED', 'This service was started without the keys to verify callers.');
    const actor = await this.tokens.verify(ctx.token);
    if (actor) this.ensureOpen(actor, addressedTenants(ctx, envelope.data));
    return {
      requestId: ctx.requestId,
      token: ctx.token as string,
      ...(tenantId ? { tenantId } : {}),
      ...(actor ? { actor } : {}),
    };
  }

  private ensureOpen(actor: Actor, tenants: unknown[]): void {
    const closed = actor.closedTenantIds;
    if (!closed?.length) return;
    for (const t of tenants) {
      if (typeof t === 'string' && closed.includes(t.toLowerCase())) throw tenantClosed();
    }
  }
}
