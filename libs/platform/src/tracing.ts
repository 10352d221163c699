import {
  context,
  trace,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type Attributes,
  type Context,
  type ProxyTracerProvider,
  type Span,
  type TracerProvider,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { NodeSDK } from '@opentelemetry/sdk-node';

export { SpanKind };

/** The W3C trace context of a message or an outbox row: `traceparent`, and `tracestate` when a vendor set one. */
export interface TraceHeaders {
  traceparent?: string | null;
  tracestate?: string | null;
}

/** Always W3C trace context on Hearth's own wires (NATS headers, outbox rows), whatever OTEL_PROPAGATORS says. */
const w3c = new W3CTraceContextPropagator();
let enabled = false;
let sdk: NodeSDK | undefined;
let provider: (TracerProvider & { forceFlush?(): Promise<void> }) | undefined;

/** Whether this process records spans; while not, every helper here only runs its work (ADR 0087). */
export const tracingEnabled = (): boolean => enabled;

/**
 * Starts OpenTelemetry for this process when the app's validated configuration has OTEL_EXPORTER_OTLP_ENDPOINT:
 * the NodeSDK with the OTLP over HTTP exporter to its `/v1/traces` (the exporter reads the other
 * OTEL_EXPORTER_OTLP_* variables, headers and timeouts, itself), no auto-instrumentation. `serviceName` unless
 * OTEL_SERVICE_NAME says otherwise. Idempotent: the first app of a process names it.
 */
export function startTracing(serviceName: string, env: { OTEL_EXPORTER_OTLP_ENDPOINT?: string }): boolean {
  if (enabled || !env.OTEL_EXPORTER_OTLP_ENDPOINT) return enabled;
  // Loaded only when tracing is on: the SDK and the exporter take ~0.25 s to load, which every process (and every
  // test file) without an endpoint would otherwise pay for nothing.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  /* eslint-enable @typescript-eslint/no-require-imports */
  sdk = new NodeSDK({
    ...(process.env.OTEL_SERVICE_NAME ? {} : { serviceName }),
    traceExporter: new OTLPTraceExporter({
      url: `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`,
    }),
    instrumentations: [],
    // Traces only: metrics are prom-client's (`/metrics`), logs pino's; the SDK would export both by default.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  // The API hands out a proxy; flushing needs the SDK's provider behind it.
  provider = (trace.getTracerProvider() as ProxyTracerProvider).getDelegate() as typeof provider;
  enabled = true;
  return true;
}

/**
 * Records spans with a provider of the caller's (tests: an in-memory exporter): registers it globally, with the
 * AsyncLocalStorage context manager, as the SDK would.
 */
export function installTracerProvider(own: TracerProvider & { forceFlush?(): Promise<void> }): void {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(own);
  provider = own;
  enabled = true;
}

/** Sends what is buffered (an app closing); the provider stays, other apps of the process may still trace. */
export async function flushTraces(): Promise<void> {
  await provider?.forceFlush?.().catch(() => undefined);
}

/** Stops the SDK started by `startTracing` (a process ending). */
export async function stopTracing(): Promise<void> {
  await sdk?.shutdown().catch(() => undefined);
}

const tracer = () => trace.getTracer('hearth');

/** The trace context of `ctx` as W3C headers; empty when there is no span (tracing off). */
export function traceHeadersOf(ctx: Context = context.active()): {
  traceparent?: string;
  tracestate?: string;
} {
  if (!enabled) return {};
  const carrier: Record<string, string> = {};
  w3c.inject(ctx, carrier, { set: (c, k, v) => (c[k] = v) });
  return carrier;
}

/** A context whose parent is the remote span of the headers (a fresh root when they carry none or a broken one). */
export function contextFromTraceHeaders(headers: TraceHeaders | undefined): Context {
  if (!headers?.traceparent) return ROOT_CONTEXT;
  return w3c.extract(ROOT_CONTEXT, headers, {
    get: (c, k) => (k === 'traceparent' || k === 'tracestate' ? (c[k] ?? undefined) : undefined),
    keys: () => ['traceparent', 'tracestate'],
  });
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent; default: the active context. */
  parent?: Context;
}

/**
 * Runs `work` in a span of its own (active for everything it awaits), ending it when the work settles; a throw
 * marks the span as an error and passes on. Tracing off: only `work`.
 */
export function inSpan<T>(name: string, opts: SpanOptions, work: (span?: Span) => Promise<T>): Promise<T> {
  if (!enabled) return work();
  const parent = opts.parent ?? context.active();
  return tracer().startActiveSpan(
    name,
    { kind: opts.kind ?? SpanKind.INTERNAL, attributes: opts.attributes },
    parent,
    async (span) => {
      try {
        return await work(span);
      } catch (err) {
        failSpan(span, err);
        throw err;
      } finally {
        span.end();
      }
    },
  );
}

/** A span only inside a trace: a database round trip of a request or an event, never of a background poll. */
export function inChildSpan<T>(name: string, opts: SpanOptions, work: () => Promise<T>): Promise<T> {
  if (!enabled || !trace.getSpan(context.active())?.isRecording()) return work();
  return inSpan(name, opts, work);
}

/** A span started now and ended by the caller (a request whose answer comes back through a callback). */
export function startSpan(name: string, opts: SpanOptions): { span: Span; ctx: Context } | undefined {
  if (!enabled) return undefined;
  const parent = opts.parent ?? context.active();
  const span = tracer().startSpan(name, { kind: opts.kind, attributes: opts.attributes }, parent);
  return { span, ctx: trace.setSpan(parent, span) };
}

export function failSpan(span: Span, err: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
}

/** A database span's name and attributes (OpenTelemetry's database conventions). */
/** A database span (a round trip, a transaction) inside a traced request or event; nothing is built while off. */
export function inDbSpan<T>(schema: string, what: string, work: () => Promise<T>): Promise<T> {
  if (!enabled) return work();
  return inChildSpan(
    `${schema} ${what}`,
    { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.namespace': schema } },
    work,
  );
}
