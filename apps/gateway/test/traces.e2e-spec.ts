import { SpanKind } from '@opentelemetry/api';
import {
  CHECK_IN_ROUTE,
  checkInProjected,
  eventually,
  oneSpan,
  parentId,
  SpanRecorder,
  sessionToCheckInTo,
  spanId,
  traceId,
} from '@hearth/testing';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';

/**
 * Traces (ADR 0087): one check-in through the gateway's HTTP API is one trace, from the HTTP request through the
 * NATS request to the events service, its database round trips and outbox row, the relay's publish to JetStream,
 * to the reporting service's projection.
 */
describe('traces through a distributed Hearth', () => {
  const spans = new SpanRecorder();
  let h: DistributedHearth;
  let lero: { id: string; adminToken: string };
  let sessionId: string;
  let members: string[];

  const checkIn = (memberId: string, headers: Record<string, string> = {}) =>
    h.api
      .as(lero.adminToken)
      .request('POST', `/api/v1/tenants/${lero.id}/sessions/${sessionId}/attendance`, { memberId }, headers);
  beforeAll(async () => {
    h = await startDistributedHearth();
    const platformAdmin = await h.given.platformAdmin();
    lero = await h.given.lero((await h.given.region(platformAdmin)).id, platformAdmin);
    ({ sessionId, memberIds: members } = await sessionToCheckInTo(h.api, lero, ['Robin', 'Sam']));
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('follows a check-in from HTTP through the events service and the outbox to the reporting projection', async () => {
    expect((await checkIn(members[0])).status).toBe(201);
    // The span ends once the answer has left, maybe just after the client read it.
    const http = await eventually(() =>
      oneSpan(spans.finished(), 'the check-in request', (s) => s.name === CHECK_IN_ROUTE),
    );
    expect(http.kind).toBe(SpanKind.SERVER);
    expect(http.parentSpanContext).toBeUndefined();
    expect(http.attributes['http.response.status_code']).toBe(201);

    const consumed = await checkInProjected(spans, traceId(http));
    const trace = spans.inTrace(traceId(http));
    const named = (kind: SpanKind) => (s: { name: string; kind: SpanKind }) =>
      s.name === 'events.attendance.record' && s.kind === kind;
    const request = oneSpan(trace, 'the request to events', named(SpanKind.CLIENT));
    const answer = oneSpan(trace, "the events service's answer", named(SpanKind.SERVER));
    const publish = oneSpan(
      trace,
      "the relay's publish",
      (s) => s.name === 'publish evt.events.attendance.recorded',
    );
    const projection = oneSpan(trace, "reporting's transaction", (s) => s.name === 'reporting transaction');
    const roundTrips = trace.filter((s) => s.name === 'events round trip');

    expect(parentId(request)).toBe(spanId(http));
    expect(parentId(answer)).toBe(spanId(request));
    // The check-in's transaction: the locking read, then the write with the outbox row and the commit.
    expect(roundTrips.length).toBeGreaterThanOrEqual(2);
    for (const db of roundTrips) {
      expect(parentId(db)).toBe(spanId(answer));
      expect(db.attributes).toMatchObject({ 'db.system.name': 'postgresql', 'db.namespace': 'events' });
    }
    expect(publish.kind).toBe(SpanKind.PRODUCER);
    expect(parentId(publish)).toBe(spanId(answer));
    expect(consumed.kind).toBe(SpanKind.CONSUMER);
    expect(parentId(consumed)).toBe(spanId(publish));
    expect(parentId(projection)).toBe(spanId(consumed));
  });

  it("continues the caller's trace when the request carries a traceparent", async () => {
    const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    expect((await checkIn(members[1], { traceparent: `00-${trace}-${callerSpan}-01` })).status).toBe(201);
    const http = await eventually(() =>
      oneSpan(spans.inTrace(trace), 'the check-in request', (s) => s.name === CHECK_IN_ROUTE),
    );
    expect(parentId(http)).toBe(callerSpan);
    await checkInProjected(spans, trace);
  });
});
