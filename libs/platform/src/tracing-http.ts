import { context, SpanStatusCode, type Context, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { contextFromTraceHeaders, flushTraces, SpanKind, startSpan, tracingEnabled } from './tracing';

const header = (req: FastifyRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * A server span per HTTP request (`POST /api/v1/tenants/:tenantId/…`, the route, never the ids), child of the
 * caller's `traceparent` when it sends one (ADR 0087), and active while the handler runs: the NATS requests
 * and the database work it causes are its children. Nothing at all while tracing is off.
 */
export function traceHttpRequests(fastify: FastifyInstance, component: string): void {
  if (!tracingEnabled()) return;
  const open = new WeakMap<FastifyRequest, { span: Span; ctx: Context }>();
  fastify.addHook('onRequest', (req, _reply, done) => {
    const parent = contextFromTraceHeaders({
      traceparent: header(req, 'traceparent'),
      tracestate: header(req, 'tracestate'),
    });
    const route = req.routeOptions.url ?? 'unmatched';
    const started = startSpan(`${req.method} ${route}`, {
      kind: SpanKind.SERVER,
      parent,
      attributes: {
        'http.request.method': req.method,
        'http.route': route,
        'url.scheme': req.protocol,
        'hearth.component': component,
      },
    });
    if (!started) return done();
    open.set(req, started);
    context.with(started.ctx, done);
  });
  // The body arrives on the socket's own async context: the handler is put back into the request's.
  fastify.addHook('preHandler', (req, _reply, done) => {
    const started = open.get(req);
    if (started) context.with(started.ctx, done);
    else done();
  });
  const end = (req: FastifyRequest, status?: number) => {
    const started = open.get(req);
    if (!started) return;
    open.delete(req);
    if (status !== undefined) started.span.setAttribute('http.response.status_code', status);
    if (status === undefined || status >= 500) started.span.setStatus({ code: SpanStatusCode.ERROR });
    started.span.end();
  };
  fastify.addHook('onResponse', (req, reply, done) => {
    end(req, reply.statusCode);
    done();
  });
  fastify.addHook('onRequestAbort', (req, done) => {
    end(req);
    done();
  });
  flushTracesOnClose(fastify);
}

/** Spans still buffered leave when the app closes (a graceful shutdown), not with the next batch that never comes. */
export function flushTracesOnClose(fastify: FastifyInstance): void {
  if (!tracingEnabled()) return;
  fastify.addHook('onClose', (_instance, done) => {
    void flushTraces().then(() => done());
  });
}
