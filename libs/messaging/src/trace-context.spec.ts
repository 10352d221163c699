import { SpanKind, SpanStatusCode, trace, context } from '@opentelemetry/api';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { DomainEvent } from '@hearth/contracts';
import { contextFromTraceHeaders, inSpan, installTracerProvider } from '@hearth/platform';
import {
  outboxTraceColumns,
  rememberEventTrace,
  traceAnswer,
  traceConsumed,
  traceReply,
  traceOfNatsHeaders,
  withTraceHeaders,
} from './trace-context';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE}-${PARENT}-01`;

const exporter = new InMemorySpanExporter();
installTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));

const event = (): DomainEvent => ({
  id: '01900000-0000-7000-8000-00000000e001',
  subject: 'evt.events.attendance.recorded',
  occurredAt: '2026-12-03T10:00:00.000Z',
  tenantId: null,
  data: {},
});

describe('trace context on NATS headers and outbox rows', () => {
  beforeEach(() => exporter.reset());

  it('adds nothing outside a span', () => {
    expect(withTraceHeaders(undefined)).toBeUndefined();
    expect(outboxTraceColumns()).toEqual({ traceparent: null, tracestate: null });
  });

  it("writes the active span's traceparent and tracestate, keeping the headers already there", async () => {
    const h = natsHeaders();
    h.set('x-other', 'kept');
    const parent = contextFromTraceHeaders({ traceparent: TRACEPARENT, tracestate: 'vendor=1' });
    let spanId = '';
    await inSpan('work', { parent }, async (span) => {
      spanId = span!.spanContext().spanId;
      expect(withTraceHeaders(h)).toBe(h);
      expect(outboxTraceColumns()).toEqual({
        traceparent: `00-${TRACE}-${spanId}-01`,
        tracestate: 'vendor=1',
      });
    });
    expect(h.get('x-other')).toBe('kept');
    expect(h.get('traceparent')).toBe(`00-${TRACE}-${spanId}-01`);
    expect(h.get('tracestate')).toBe('vendor=1');
  });

  it('reads a traceparent back as the remote parent, and a broken or missing one as no parent', () => {
    const h = natsHeaders();
    h.set('traceparent', TRACEPARENT);
    expect(trace.getSpanContext(traceOfNatsHeaders(h))).toMatchObject({
      traceId: TRACE,
      spanId: PARENT,
      isRemote: true,
    });
    const broken = natsHeaders();
    broken.set('traceparent', '00-not-a-trace-01');
    expect(trace.getSpanContext(traceOfNatsHeaders(broken))).toBeUndefined();
    expect(trace.getSpanContext(traceOfNatsHeaders(undefined))).toBeUndefined();
  });

  it("answers a request in a server span under the caller's, ended by its last reply packet", async () => {
    const h = natsHeaders();
    h.set('traceparent', TRACEPARENT);
    const sent: unknown[] = [];
    const answered = () => exporter.getFinishedSpans().filter((s) => s.name === 'events.attendance.record');
    let reply!: (packet: { response?: unknown; isDisposed?: boolean }) => unknown;
    await inSpan('unrelated', {}, () =>
      traceAnswer('events.attendance.record', h, async () => {
        reply = traceReply((packet) => sent.push(packet));
      }),
    );
    reply({ response: { recorded: true } });
    expect(answered()).toEqual([]);
    reply({ isDisposed: true });
    expect(sent).toEqual([{ response: { recorded: true } }, { isDisposed: true }]);
    const [answer] = answered();
    expect(answer.kind).toBe(SpanKind.SERVER);
    expect(answer.spanContext().traceId).toBe(TRACE);
    expect(answer.parentSpanContext?.spanId).toBe(PARENT);
    expect(answer.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('marks an answer failed by an error packet, or by a message that fails before any reply', async () => {
    let reply!: (packet: { err?: unknown; isDisposed?: boolean }) => unknown;
    await traceAnswer('events.attendance.record', undefined, async () => {
      reply = traceReply(() => undefined);
    });
    reply({ err: { code: 'NOT_FOUND' }, isDisposed: true });
    await expect(
      traceAnswer('events.attendance.remove', undefined, () => Promise.reject(new Error('unreadable'))),
    ).rejects.toThrow('unreadable');
    expect(exporter.getFinishedSpans().map((s) => [s.name, s.status.code])).toEqual([
      ['events.attendance.record', SpanStatusCode.ERROR],
      ['events.attendance.remove', SpanStatusCode.ERROR],
    ]);
  });

  it('handles an event from JetStream under the span its headers name, and one in process under the active span', async () => {
    const h = natsHeaders();
    h.set('traceparent', TRACEPARENT);
    const fromStream = event();
    rememberEventTrace(fromStream, h);
    await traceConsumed('reporting-events', fromStream, async () => undefined);
    let relay = '';
    await inSpan('publish', {}, async (span) => {
      relay = span!.spanContext().spanId;
      await traceConsumed('reporting-events', event(), async () => undefined);
    });
    const [streamed, inProcess] = exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.CONSUMER);
    expect(streamed.parentSpanContext?.spanId).toBe(PARENT);
    expect(streamed.attributes['messaging.consumer.group.name']).toBe('reporting-events');
    expect(inProcess.parentSpanContext?.spanId).toBe(relay);
    expect(context.active()).toBe(contextFromTraceHeaders(undefined));
  });

  it('marks a failed handler and passes its error on', async () => {
    await expect(
      traceConsumed('reporting-events', event(), () => Promise.reject(new Error('no database'))),
    ).rejects.toThrow('no database');
    const [span] = exporter.getFinishedSpans();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'no database' });
  });
});
