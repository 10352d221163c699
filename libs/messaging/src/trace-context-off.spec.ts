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

  it('sends a request as it is, its callback untouched', () => {
    const callback = () => undefined;
    let given: unknown;
    const teardown = () => undefined;
    expect(
      traceRequest('events.attendance.record', callback, (cb) => {
        given = cb;
        return teardown;
      }),
    ).toBe(teardown);
    expect(given).toBe(callback);
  });
});
