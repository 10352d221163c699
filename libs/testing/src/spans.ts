import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace';
import { installTracerProvider } from '@hearth/platform';
import type { ApiClient } from './api-client';
import { eventually } from './eventually';

/**
 * The spans this test process records (ADR 0087). The tracer provider is process-wide: record before starting
 * Hearth, as production starts the OTLP one before the app.
 */
export class SpanRecorder {
  private readonly exporter = new InMemorySpanExporter();

  constructor() {
    installTracerProvider(
      new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: this.exporter })] }),
    );
  }

  finished(): ReadableSpan[] {
    return this.exporter.getFinishedSpans();
  }

  inTrace(traceId: string): ReadableSpan[] {
    return this.finished().filter((s) => s.spanContext().traceId === traceId);
  }
}

export const spanId = (s: ReadableSpan) => s.spanContext().spanId;
export const traceId = (s: ReadableSpan) => s.spanContext().traceId;
export const parentId = (s: ReadableSpan) => s.parentSpanContext?.spanId;

/** The one span of `spans` that passes `test`; none or several throw, naming what there is. */
export function oneSpan(
  spans: ReadableSpan[],
  what: string,
  test: (s: ReadableSpan) => boolean,
): ReadableSpan {
  const found = spans.filter(test);
  if (found.length !== 1)
    throw new Error(`${found.length} spans of ${what} among: ${spans.map((s) => s.name).join(', ')}`);
  return found[0];
}

export const CHECK_IN_ROUTE = 'POST /api/v1/tenants/:tenantId/sessions/:sessionId/attendance';

/** Reporting's projection of a check-in, once it has ended: the last span of the check-in's trace. */
export const checkInProjected = (spans: SpanRecorder, trace: string): Promise<ReadableSpan> =>
  eventually(() =>
    oneSpan(
      spans.inTrace(trace),
      "reporting's projection",
      (s) =>
        s.name === 'process evt.events.attendance.recorded' &&
        s.attributes['messaging.consumer.group.name'] === 'reporting-events',
    ),
  );

const londonWallClock = (d: Date) =>
  d.toLocaleString('sv-SE', { timeZone: 'Europe/London', hour12: false }).replace(' ', 'T').slice(0, 16);

/** A session of the LERO going on now, and members (imported by name) to check in to it. */
export async function sessionToCheckInTo(
  api: ApiClient,
  lero: { id: string; adminToken: string },
  names: string[],
): Promise<{ sessionId: string; memberIds: string[] }> {
  const as = api.as(lero.adminToken);
  const ok = <T>(res: { status: number; body: T }, status: number): T => {
    if (res.status !== status)
      throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const csv = ['displayName', ...names].join('\n');
  ok(
    await as.request('POST', `/api/v1/tenants/${lero.id}/members/import`, csv, {
      'content-type': 'text/csv',
    }),
    201,
  );
  const members = ok(
    await as.get<{ items: { id: string }[] }>(`/api/v1/tenants/${lero.id}/members?limit=100`),
    200,
  );
  const start = new Date(Date.now() - 30 * 60_000);
  const activity = ok(
    await as.post<{ id: string }>(`/api/v1/tenants/${lero.id}/activities`, {
      title: 'A walking group',
      category: 'walking',
      visibility: 'members',
      schedule: { startsAt: londonWallClock(start), durationMinutes: 60 },
    }),
    201,
  );
  const from = encodeURIComponent(new Date(start.getTime() - 60_000).toISOString());
  const sessions = ok(
    await as.get<{ items: { id: string }[] }>(
      `/api/v1/tenants/${lero.id}/sessions?activityId=${activity.id}&from=${from}`,
    ),
    200,
  );
  return { sessionId: sessions.items[0].id, memberIds: members.items.map((m) => m.id) };
}
