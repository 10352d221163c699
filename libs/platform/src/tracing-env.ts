import { IsOptional, IsUrl } from 'class-validator';

/**
 * `OTEL_EXPORTER_OTLP_ENDPOINT` in an app's schema: where traces go (an OTLP/HTTP collector, e.g.
 * `http://otel-collector:4318`); unset, nothing is traced (ADR 0087). Checked at boot like every variable; the
 * exporter itself reads it (and the other OTEL_* variables) from the environment.
 */
export const OtlpEndpoint = () => (target: object, property: string) => {
  IsOptional()(target, property);
  IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be an http(s) URL (an OTLP/HTTP collector)' },
  )(target, property);
};
