import { context, trace, type Context } from '@opentelemetry/api';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/nats-core';
import type { DomainEvent } from '@hearth/contracts';
import {
  contextFromTraceHeaders,
  failSpan,
  inSpan,
  SpanKind,
  startSpan,
  traceHeadersOf,
  tracingEnabled,
  type TraceHeaders,
} from '@hearth/platform';

/**
 * W3C trace context across Hearth's messages (ADR 0087): `traceparent`/`tracestate` NATS headers on requests
 * and on events in JetStream, two outbox columns in between. Every function is a pass-through while tracing
 * is off.
 */

const NATS = { 'messaging.system': 'nats' } as const;

/** The active trace context added to a NATS message's headers (made when there are none yet). */
export function withTraceHeaders(existing: MsgHdrs | undefined): MsgHdrs | undefined {
  const trace = traceHeadersOf();
  if (!trace.traceparent) return existing;
  const h = existing ?? natsHeaders();
  h.set('traceparent', trace.traceparent);
  if (trace.tracestate) h.set('tracestate', trace.tracestate);
  return h;
}

/** The trace context a NATS message carries (a fresh root without one). */
export function traceOfNatsHeaders(h: MsgHdrs | undefined): Context {
  if (!h?.has('traceparent')) return contextFromTraceHeaders(undefined);
  return contextFromTraceHeaders({
    traceparent: h.get('traceparent'),
    tracestate: h.get('tracestate') || null,
  });
}

/** The columns an outbox row keeps of the active trace: null, null while tracing is off. */
export function outboxTraceColumns(): { traceparent: string | null; tracestate: string | null } {
  const trace = traceHeadersOf();
  return { traceparent: trace.traceparent ?? null, tracestate: trace.tracestate ?? null };
}

interface Reply {
  err?: unknown;
  isDisposed?: boolean;
}

/**
 * A client span around one request-reply: its context is active while the request is sent, so the `traceparent`
 * header `send` is given names it as the answer's parent; it ends, failed or not as `failure` says, with the
 * answer. While tracing is off `send` runs as it is, with no headers.
 */
export async function traceRequest<T>(
  subject: string,
  send: (headers: MsgHdrs | undefined) => Promise<T>,
  failure: (outcome: T) => unknown,
): Promise<T> {
  if (!tracingEnabled()) return send(undefined);
  const started = startSpan(subject, {
    kind: SpanKind.CLIENT,
    attributes: { ...NATS, 'messaging.destination.name': subject, 'messaging.operation.type': 'send' },
  });
  if (!started) return send(undefined);
  try {
    const outcome = await context.with(started.ctx, () => send(withTraceHeaders(undefined)));
    const failed = failure(outcome);
    if (failed !== undefined) failSpan(started.span, failed);
    return outcome;
  } catch (err) {
    failSpan(started.span, err);
    throw err;
  } finally {
    started.span.end();
  }
}

/**
 * The server span of a NATS request, child of the caller's span named by its headers, active while the request
 * is answered. Nest's `handleMessage` returns once the handler's answer is subscribed to, not once it is sent:
 * the span ends with the last reply packet (`traceReply`), or here when the message fails before one.
 */
export async function traceAnswer<T>(
  subject: string,
  h: MsgHdrs | undefined,
  answer: () => Promise<T>,
): Promise<T> {
  if (!tracingEnabled()) return answer();
  const started = startSpan(subject, {
    kind: SpanKind.SERVER,
    parent: traceOfNatsHeaders(h),
    attributes: { ...NATS, 'messaging.destination.name': subject, 'messaging.operation.type': 'process' },
  });
  if (!started) return answer();
  try {
    return await context.with(started.ctx, answer);
  } catch (err) {
    failSpan(started.span, err);
    started.span.end();
    throw err;
  }
}

/** Ends the active answer's span (`traceAnswer`) with its last reply packet; an error packet marks it failed. */
export function traceReply<P extends Reply>(reply: (packet: P) => unknown): (packet: P) => unknown {
  const span = tracingEnabled() ? trace.getActiveSpan() : undefined;
  if (!span) return reply;
  let ended = false;
  return (packet) => {
    try {
      return reply(packet);
    } finally {
      if (!ended && (packet.err !== undefined || packet.isDisposed)) {
        ended = true;
        if (packet.err !== undefined) failSpan(span, packet.err);
        span.end();
      }
    }
  };
}

/** The relay's span publishing one outbox row, child of the span that wrote the row. */
export function traceRelayPublish<T>(
  schema: string,
  subject: string,
  row: TraceHeaders,
  publish: () => Promise<T>,
): Promise<T> {
  if (!tracingEnabled()) return publish();
  return inSpan(
    `publish ${subject}`,
    {
      kind: SpanKind.PRODUCER,
      parent: contextFromTraceHeaders(row),
      attributes: {
        ...NATS,
        'messaging.destination.name': subject,
        'messaging.operation.type': 'send',
        'hearth.outbox': schema,
      },
    },
    publish,
  );
}

/** The trace context each event came with from JetStream (a consumer may handle several in one transaction). */
const arrivedWith = new WeakMap<DomainEvent, Context>();

export function rememberEventTrace(event: DomainEvent, h: MsgHdrs | undefined): void {
  if (tracingEnabled() && h?.has('traceparent')) arrivedWith.set(event, traceOfNatsHeaders(h));
}

/**
 * A consumer's span handling one event: child of the relay's publish (JetStream headers), or of the active span
 * in process (standalone's bus delivers within the relay's publish).
 */
export function traceConsumed<T>(consumer: string, event: DomainEvent, handle: () => Promise<T>): Promise<T> {
  if (!tracingEnabled()) return handle();
  return inSpan(
    `process ${event.subject}`,
    {
      kind: SpanKind.CONSUMER,
      parent: arrivedWith.get(event) ?? context.active(),
      attributes: {
        ...NATS,
        'messaging.destination.name': event.subject,
        'messaging.operation.type': 'process',
        'messaging.consumer.group.name': consumer,
        'messaging.message.id': event.id,
      },
    },
    handle,
  );
}
