import type { FastifyInstance } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MetricsRegistry } from './metrics';

/** The route label of a request that matched no route (a 404, an address Fastify refused before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const MEASURED = Symbol('hearth:http-metrics');

/**
 * Counts and times every HTTP answer of the app in its `/metrics`, per route template (`/api/v1/tenants/:tenantId`,
 * never the address with its ids), method and status class: a bounded set of series however many ids there are.
 * Once per Fastify instance (standalone's gateway and web share one). Call before the app initialises.
 */
export function measureHttpRequests(app: NestFastifyApplication): void {
  const fastify: FastifyInstance & { [MEASURED]?: true } = app.getHttpAdapter().getInstance();
  if (fastify[MEASURED]) return;
  fastify[MEASURED] = true;
  const metrics = app.get(MetricsRegistry);
  const labels = ['route', 'method', 'status_class'] as const;
  const requests = metrics.counter('hearth_http_requests_total', 'HTTP requests answered.', labels);
  const duration = metrics.histogram(
    'hearth_http_request_duration_seconds',
    'Time from receiving an HTTP request to sending its answer.',
    labels,
  );
  fastify.addHook('onResponse', (req, reply, done) => {
    const value = {
      route: req.routeOptions.url ?? UNMATCHED_ROUTE,
      method: METHODS.has(req.method) ? req.method : 'OTHER',
      status_class: `${Math.floor(reply.statusCode / 100)}xx`,
    };
    requests.inc(value);
    duration.observe(value, reply.elapsedTime / 1000);
    done();
  });
}
