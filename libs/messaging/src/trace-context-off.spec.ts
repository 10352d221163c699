import type { MsgHdrs } from '@nats-io/nats-core';
import { tracingEnabled } from '@hearth/platform';
import { traceAnswer, traceRequest } from './trace-context';

/** Tracing off (no endpoint, no provider installed): the NATS helpers only run their work (ADR 0087). */
describe('trace context while tracing is off', () => {
  const untouchable = new Proxy({} as MsgHdrs, {
    get: () => {
      throw new Error('read the headers while tracing is off');
    },
  });

  it('answers without reading the message headers', async () => {
    expect(tracingEnabled()).toBe(false);
    await expect(traceAnswer('events.attendance.record', untouchable, async () => 'answered')).resolves.toBe(
      'answered',
    );
  });

  it('sends a request as it is, with no headers, its outcome untouched', async () => {
    const outcome = { answered: true };
    let given: unknown = 'not called';
    const failure = () => {
      throw new Error('judged the outcome while tracing is off');
    };
    await expect(
      traceRequest(
        'events.attendance.record',
        async (headers) => {
          given = headers;
          return outcome;
        },
        failure,
      ),
    ).resolves.toBe(outcome);
    expect(given).toBeUndefined();
  });
});
