import { readFileSync } from 'node:fs';
import { ConfigError } from '@hearth/platform';
import type { TrustKeys } from './access-token';

/** An app's validated variables, read by name. */
export type KeyVariables = object;

/**
 * PEM keys by variable name: each `NAME` itself or the contents of `NAME_FILE` (a mounted secret). Every
 * missing one is reported at once.
 */
export function readKeyPems<N extends string>(env: KeyVariables, names: readonly N[]): Record<N, string> {
  const vars = env as Record<string, unknown>;
  const problems: string[] = [];
  const out = {} as Record<N, string>;
  for (const name of names) {
    const value = vars[name];
    const file = vars[`${name}_FILE`];
    if (typeof value === 'string' && value.length > 0) out[name] = value;
    else if (typeof file === 'string' && file.length > 0) out[name] = readFileSync(file, 'utf8');
    else problems.push(`${name} or ${name}_FILE must be set`);
  }
  if (problems.length) throw new ConfigError(problems);
  return out;
}

/**
 * What a service trusts, from its variables: the tenants service's public key (`JWT_PUBLIC_KEY`, unless the
 * service holds the private half) for access tokens and the gateway's (`GATEWAY_PUBLIC_KEY`) for anonymous ones.
 */
export function trustKeysFromEnv(env: KeyVariables, accessTokenPublicKeyPem?: string): TrustKeys {
  if (accessTokenPublicKeyPem) {
    const { GATEWAY_PUBLIC_KEY } = readKeyPems(env, ['GATEWAY_PUBLIC_KEY']);
    return { accessTokenPublicKeyPem, gatewayPublicKeyPem: GATEWAY_PUBLIC_KEY };
  }
  const keys = readKeyPems(env, ['JWT_PUBLIC_KEY', 'GATEWAY_PUBLIC_KEY']);
  return { accessTokenPublicKeyPem: keys.JWT_PUBLIC_KEY, gatewayPublicKeyPem: keys.GATEWAY_PUBLIC_KEY };
}
