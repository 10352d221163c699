import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { NatsClientEnv, OtlpEndpoint, TrustedProxies, type LogLevel } from '@hearth/platform';

/** The gateway's variables, validated at boot. */
export class GatewayEnv extends NatsClientEnv {
  @IsOptional()
  @IsString()
  JWT_PUBLIC_KEY?: string;

  @IsOptional()
  @IsString()
  JWT_PUBLIC_KEY_FILE?: string;

  /** The gateway's own EC P-256 private key: it signs the anonymous token of each public request. */
  @IsOptional()
  @IsString()
  GATEWAY_PRIVATE_KEY?: string;

  @IsOptional()
  @IsString()
  GATEWAY_PRIVATE_KEY_FILE?: string;

  @IsString()
  HOST: string = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  /** The proxies whose X-Forwarded-For is believed (the web app's server, an ingress): addresses or CIDRs. */
  @TrustedProxies()
  TRUST_PROXY: string[] = [];

  @IsInt()
  @Min(100)
  @Max(60000)
  REQUEST_TIMEOUT_MS: number = 5000;

  /** Sign-in, refresh and invitation attempts a minute per client address. */
  @IsInt()
  @Min(1)
  @Max(100000)
  AUTH_RATE_LIMIT: number = 10;

  /** Requests a minute per client address to the public Open Referral UK feeds (429 beyond). */
  @IsInt()
  @Min(1)
  @Max(1000000)
  PUBLIC_RATE_LIMIT: number = 600;

  /** Responses an hour per client address through consultations' public links (429 beyond; ADR 0067). */
  @IsInt()
  @Min(1)
  @Max(1000000)
  PUBLIC_RESPONSE_RATE_LIMIT: number = 30;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: LogLevel = 'info';

  /** Where traces go (OTLP over HTTP); unset: none are made (ADR 0087). */
  @OtlpEndpoint()
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}
