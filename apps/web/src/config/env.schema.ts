import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import {
  AllowInsecureHttp,
  EnvBoolean,
  OtlpEndpoint,
  PublicUrl,
  TrustedProxies,
  type LogLevel,
} from '@hearth/platform';

const URL_OPTIONS = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

/** The web app as its own container. */
export class WebEnv {
  @IsString()
  HOST: string = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3001;

  /** The gateway the web app talks to (its only way to Hearth). */
  @IsUrl(URL_OPTIONS, { message: 'must be an http(s) URL' })
  API_URL: string = 'http://127.0.0.1:3000';

  /** Encrypts the session cookie; the key is derived from it. Keep it secret and the same on every replica. */
  @IsString()
  @MinLength(32)
  SESSION_SECRET!: string;

  /**
   * The address people open, which every absolute link is built on (invitations, reset links, calendar feeds).
   * Required when HOST is not loopback or with TRUST_PROXY; http:// for other machines needs ALLOW_INSECURE_HTTP.
   */
  @PublicUrl()
  PUBLIC_URL?: string;

  /** Plain HTTP on a network the operator trusts: no HSTS, no upgrade-insecure-requests, cookies without `Secure`. */
  @AllowInsecureHttp()
  ALLOW_INSECURE_HTTP: boolean = false;

  /** The proxies in front (an ingress) whose X-Forwarded-* headers are believed: addresses or CIDRs. */
  @TrustedProxies()
  TRUST_PROXY: string[] = [];

  /** Development only: a session cookie without `Secure` for plain HTTP to 127.0.0.1/localhost. */
  @EnvBoolean()
  @IsBoolean({ message: 'must be true or false' })
  ALLOW_INSECURE_LOOPBACK_COOKIES: boolean = false;

  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'must be an http(s) URL' })
  EXIT_URL?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: LogLevel = 'info';

  /** Where traces go (OTLP over HTTP); unset: none are made (ADR 0087). */
  @OtlpEndpoint()
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}
