import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { flushTraces, inSpan, startTracing, stopTracing, traceHeadersOf, tracingEnabled } from './tracing';

/** Tracing is off until OTEL_EXPORTER_OTLP_ENDPOINT is set; then spans leave for the collector over OTLP/HTTP. */
describe('startTracing', () => {
  let collector: Server;
  const received: { path?: string; body: string }[] = [];

  beforeAll(async () => {
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ path: req.url, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await stopTracing();
    await new Promise((resolve) => collector.close(resolve));
  });

  it('does nothing without an endpoint: work runs, no span, no header', async () => {
    expect(startTracing('events', {})).toBe(false);
    expect(tracingEnabled()).toBe(false);
    await expect(inSpan('work', {}, async (span) => [span, traceHeadersOf()])).resolves.toEqual([
      undefined,
      {},
    ]);
  });

  it("sends spans to the endpoint's /v1/traces, named after the service", async () => {
    const { port } = collector.address() as AddressInfo;
    expect(startTracing('events', { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}/` })).toBe(true);
    await inSpan('a traced piece of work', {}, async () => {
      expect(traceHeadersOf().traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    });
    await flushTraces();
    expect(received.map((r) => r.path)).toEqual(['/v1/traces']);
    expect(received[0].body).toContain('a traced piece of work');
    expect(received[0].body).toContain('"stringValue":"events"');
  });
});
