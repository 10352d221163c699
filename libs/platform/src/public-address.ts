import { Transform } from 'class-transformer';
import { IsBoolean, ValidateBy, type ValidationArguments } from 'class-validator';
import { EnvBoolean } from './config.util';

/** 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach. */
export const isLoopbackHost = (host: string): boolean =>
  /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i.test(host.trim());

/** The variables the rules below read; a schema without one of them leaves that rule out. */
export interface PublicAddressEnv {
  HOST?: string;
  PUBLIC_URL?: string;
  ALLOW_INSECURE_HTTP?: boolean;
  TRUST_PROXY?: string[];
  SMTP_URL?: string;
}

const HOW = 'https:// behind a TLS proxy (docs/operating.md, "LAN and HTTPS")';

/** PUBLIC_URL as a URL, when it is an origin (scheme, host, port; no path, query or credentials). */
export function publicOrigin(value: string | undefined): URL | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const plain = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  return plain && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url : undefined;
}

/** Plain HTTP to another machine: passwords and the session cookie would cross the network unencrypted. */
const isPlainHttpToOthers = (url: URL) => url.protocol === 'http:' && !isLoopbackHost(url.hostname);

/**
 * What is wrong with PUBLIC_URL given the rest: every absolute link Hearth shows or sends is built on it, so it
 * is needed whenever the server's own address is not the one people use — it listens beyond loopback, a proxy
 * stands in front, or links are emailed. A plain http:// address for other machines needs the operator's
 * ALLOW_INSECURE_HTTP=true (when the schema serves pages, `checkPlainHttp`).
 */
export function publicUrlProblem(env: PublicAddressEnv, checkPlainHttp = true): string | undefined {
  if (env.PUBLIC_URL === undefined) {
    if (env.HOST !== undefined && !isLoopbackHost(env.HOST))
      return `PUBLIC_URL is required when HOST (${env.HOST}) is not a loopback address: set it to the address people open, e.g. https://hearth.example.org, or http://192.168.1.10:3000 with ALLOW_INSECURE_HTTP=true on a network you trust`;
    if (env.TRUST_PROXY?.length)
      return 'PUBLIC_URL is required with TRUST_PROXY: behind a proxy, set it to the address people open, e.g. https://hearth.example.org';
    if (env.SMTP_URL)
      return 'PUBLIC_URL is required with SMTP_URL: emailed links must open the address people use, e.g. https://hearth.example.org';
    return undefined;
  }
  const url = publicOrigin(env.PUBLIC_URL);
  if (!url)
    return 'PUBLIC_URL must be the http(s) address people open: scheme, host and port only, e.g. https://hearth.example.org';
  if (checkPlainHttp && isPlainHttpToOthers(url) && env.ALLOW_INSECURE_HTTP !== true)
    return `PUBLIC_URL is plain http://, so passwords and sign-in cookies would cross the network unencrypted: use ${HOW}, or set ALLOW_INSECURE_HTTP=true to accept that on a network you trust`;
  return undefined;
}

/** `PUBLIC_URL` (optional in type; required by the rules of `publicUrlProblem`). */
export const PublicUrl =
  (options: { checkPlainHttp?: boolean } = {}) =>
  (target: object, property: string) => {
    const problem = (args?: ValidationArguments) =>
      publicUrlProblem(args?.object as PublicAddressEnv, options.checkPlainHttp ?? true);
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))(
      target,
      property,
    );
    ValidateBy({
      name: 'publicUrl',
      validator: {
        validate: (_value: unknown, args?: ValidationArguments) => problem(args) === undefined,
        defaultMessage: (args?: ValidationArguments) => problem(args) ?? '',
      },
    })(target, property);
  };

/**
 * `ALLOW_INSECURE_HTTP`: the operator's word that plain HTTP on this network is acceptable (a church hall's wifi
 * they trust): no upgrade-insecure-requests or HSTS, and session cookies without `Secure` over http. It means
 * something only with an http:// PUBLIC_URL, so it is refused with anything else.
 */
export const AllowInsecureHttp = () => (target: object, property: string) => {
  EnvBoolean()(target, property);
  IsBoolean({ message: 'must be true or false' })(target, property);
  ValidateBy({
    name: 'allowInsecureHttp',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        value !== true || publicOrigin((args?.object as PublicAddressEnv).PUBLIC_URL)?.protocol === 'http:',
      defaultMessage: () =>
        `ALLOW_INSECURE_HTTP applies only to an http:// PUBLIC_URL (the address people open over plain HTTP); with ${HOW} leave it unset`,
    },
  })(target, property);
};

/** Told at start: what an operator should know about a valid but risky or incomplete setup. */
export function publicAddressWarnings(env: PublicAddressEnv): string[] {
  const url = publicOrigin(env.PUBLIC_URL);
  const warnings: string[] = [];
  if (url && env.ALLOW_INSECURE_HTTP && isPlainHttpToOthers(url))
    warnings.push(
      `Serving ${url.origin} over plain HTTP (ALLOW_INSECURE_HTTP=true): anyone on this network can read passwords and sign-in cookies. Use it only on a network you trust.`,
    );
  if (url?.protocol === 'https:' && !env.TRUST_PROXY?.length)
    warnings.push(
      `PUBLIC_URL is https:// but TRUST_PROXY is empty: every request seems to come from the TLS proxy, so everyone shares one sign-in rate limit. Set TRUST_PROXY to the proxy's address (e.g. 127.0.0.1).`,
    );
  return warnings;
}
