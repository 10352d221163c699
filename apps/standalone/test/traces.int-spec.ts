import { SpanKind } from '@opentelemetry/api';
import {
  ApiClient,
  CHECK_IN_ROUTE,
  checkInProjected,
  Given,
  eventually,
  oneSpan,
  parentId,
  SpanRecorder,
  sessionToCheckInTo,
  spanId,
  traceId,
} from '@hearth/testing';
import { startTestStandalone, type TestStandalone } from './standalone.harness';

/**
 * Traces in standalone (ADR 0087): the in-process transport carries no headers, but the work runs in the HTTP
 * request's async context, and the in-process bus hands events to consumers inside the relay's publish: one trace
 * still goes from the check-in to reporting's projection.
 */
describe('traces in standalone mode', () => {
  const spans = new SpanRecorder();
  let standalone: TestStandalone;
  const admin = { email: 'traces-admin@example.org', password: 'traces-admin-password' };

  beforeAll(async () => {
    standalone = await startTestStandalone('traces', admin);
  }, 120_000);

  afterAll(async () => {
    await standalone?.stop();
  });

  it('keeps a check-in and its projection in one trace over the in-process transport', async () => {
    const api = new ApiClient(standalone.hearth.url);
    const given = new Given(api, admin);
    const platformAdmin = await given.platformAdmin();
    const lero = await given.lero((await given.region(platformAdmin)).id, platformAdmin);
    const { sessionId, memberIds } = await sessionToCheckInTo(api, lero, ['Robin']);
    const res = await api
      .as(lero.adminToken)
      .post(`/api/v1/tenants/${lero.id}/sessions/${sessionId}/attendance`, { memberId: memberIds[0] });
    expect(res.status).toBe(201);

    const http = await eventually(() =>
      oneSpan(spans.finished(), 'the check-in request', (s) => s.name === CHECK_IN_ROUTE),
    );
    expect(http.attributes['hearth.component']).toBe('standalone');
    const consumed = await checkInProjected(spans, traceId(http));
    const trace = spans.inTrace(traceId(http));
    const publish = oneSpan(
      trace,
      "the relay's publish",
      (s) => s.name === 'publish evt.events.attendance.recorded',
    );
    expect(consumed.kind).toBe(SpanKind.CONSUMER);
    expect(parentId(consumed)).toBe(spanId(publish));
    // The check-in's database work is the HTTP request's child: no NATS hop in between.
    const roundTrip = trace.find((s) => s.name === 'events round trip');
    expect(roundTrip && parentId(roundTrip)).toBe(spanId(http));
    expect(parentId(publish)).toBe(spanId(http));
  });
});
