import { SpanKind } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace';
import { installTracerProvider } from '@hearth/platform';
import { eventually, type ApiResponse } from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

const MINUTE = 60_000;
const CHECK_IN_ROUTE = 'POST /api/v1/tenants/:tenantId/sessions/:sessionId/attendance';
const londonWallClock = (d: Date) =>
  d.toLocaleString('sv-SE', { timeZone: 'Europe/London', hour12: false }).replace(' ', 'T').slice(0, 16);

/**
 * Traces (ADR 0087): one check-in through the gateway's HTTP API is one trace, from the HTTP request through the
 * NATS request to the events service, its database round trip and outbox row, the relay's publish to JetStream,
 * to the reporting service's projection. The tracer provider is process-wide: this file installs an in-memory one
 * before Hearth starts, as the OTLP one is installed in production.
 */
describe('traces through a distributed Hearth', () => {
  const exporter = new InMemorySpanExporter();
  let h: DistributedHearth;
  let lero: { id: string; adminToken: string };
  let sessionId: string;
  let members: string[];

  const ok = <T>(res: ApiResponse<T>, status: number): T => {
    if (res.status !== status)
      throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const spans = () => exporter.getFinishedSpans();
  const idOf = (s: ReadableSpan) => s.spanContext().spanId;
  const traceOf = (s: ReadableSpan) => s.spanContext().traceId;
  const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;
  const inTrace = (traceId: string) => spans().filter((s) => traceOf(s) === traceId);
  const one = (list: ReadableSpan[], what: string, test: (s: ReadableSpan) => boolean) => {
    const found = list.filter(test);
    if (found.length !== 1) throw new Error(`${found.length} spans of ${what}: ${list.map((s) => s.name)}`);
    return found[0];
  };

  beforeAll(async () => {
    installTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
    h = await startDistributedHearth();
    const platformAdmin = await h.given.platformAdmin();
    const region = await h.given.region(platformAdmin);
    lero = await h.given.lero(region.id, platformAdmin);
    const api = h.api.as(lero.adminToken);
    const csv = ['displayName', 'Robin', 'Sam'].join('\n');
    ok(
      await api.request('POST', `/api/v1/tenants/${lero.id}/members/import`, csv, {
        'content-type': 'text/csv',
      }),
      201,
    );
    members = ok(
      await api.get<{ items: { id: string }[] }>(`/api/v1/tenants/${lero.id}/members?limit=10`),
      200,
    ).items.map((m) => m.id);
    const start = new Date(Date.now() - 30 * MINUTE);
    const activity = ok(
      await api.post<{ id: string }>(`/api/v1/tenants/${lero.id}/activities`, {
        title: 'A traced walking group',
        category: 'walking',
        visibility: 'members',
        schedule: { startsAt: londonWallClock(start), durationMinutes: 60 },
      }),
      201,
    );
    const from = new Date(start.getTime() - MINUTE).toISOString();
    sessionId = ok(
      await api.get<{ items: { id: string }[] }>(
        `/api/v1/tenants/${lero.id}/sessions?activityId=${activity.id}&from=${encodeURIComponent(from)}`,
      ),
      200,
    ).items[0].id;
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('follows a check-in from HTTP through the events service and the outbox to the reporting projection', async () => {
    ok(
      await h.api
        .as(lero.adminToken)
        .post(`/api/v1/tenants/${lero.id}/sessions/${sessionId}/attendance`, { memberId: members[0] }),
      201,
    );
    // The span ends once the answer has left, maybe just after the client read it.
    const http = await eventually(() =>
      one(spans(), 'the check-in request', (s) => s.name === CHECK_IN_ROUTE),
    );
    expect(http.kind).toBe(SpanKind.SERVER);
    expect(http.parentSpanContext).toBeUndefined();
    expect(http.attributes['http.response.status_code']).toBe(201);
    const traceId = traceOf(http);

    // The projection commits after the answer: the trace is complete once reporting's span has ended.
    const consumed = await eventually(() =>
      one(
        inTrace(traceId),
        "reporting's projection",
        (s) =>
          s.name === 'process evt.events.attendance.recorded' &&
          s.attributes['messaging.consumer.group.name'] === 'reporting-events',
      ),
    );
    const trace = inTrace(traceId);
    const request = one(
      trace,
      'the request to events',
      (s) => s.name === 'events.attendance.record' && s.kind === SpanKind.CLIENT,
    );
    const answer = one(
      trace,
      "the events service's answer",
      (s) => s.name === 'events.attendance.record' && s.kind === SpanKind.SERVER,
    );
    const publish = one(
      trace,
      "the relay's publish",
      (s) => s.name === 'publish evt.events.attendance.recorded',
    );
    const roundTrips = trace.filter((s) => s.name === 'events round trip');

    expect(request.kind).toBe(SpanKind.CLIENT);
    expect(parentOf(request)).toBe(idOf(http));
    expect(parentOf(answer)).toBe(idOf(request));
    // The check-in's transaction: the locking read, then the write with the outbox row and the commit.
    expect(roundTrips.length).toBeGreaterThanOrEqual(2);
    for (const db of roundTrips) {
      expect(parentOf(db)).toBe(idOf(answer));
      expect(db.attributes['db.system.name']).toBe('postgresql');
    }
    expect(publish.kind).toBe(SpanKind.PRODUCER);
    expect(parentOf(publish)).toBe(idOf(answer));
    expect(consumed.kind).toBe(SpanKind.CONSUMER);
    expect(parentOf(consumed)).toBe(idOf(publish));
    const projection = one(trace, "reporting's transaction", (s) => s.name === 'reporting transaction');
    expect(parentOf(projection)).toBe(idOf(consumed));
  });

  it("continues the caller's trace when the request carries a traceparent", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    ok(
      await h.api
        .as(lero.adminToken)
        .request(
          'POST',
          `/api/v1/tenants/${lero.id}/sessions/${sessionId}/attendance`,
          { memberId: members[1] },
          { traceparent: `00-${traceId}-${callerSpan}-01` },
        ),
      201,
    );
    const http = await eventually(() =>
      one(inTrace(traceId), 'the check-in request', (s) => s.name === CHECK_IN_ROUTE),
    );
    expect(parentOf(http)).toBe(callerSpan);
    await eventually(() =>
      one(
        inTrace(traceId),
        "reporting's projection",
        (s) => s.name === 'process evt.events.attendance.recorded',
      ),
    );
  });
});
