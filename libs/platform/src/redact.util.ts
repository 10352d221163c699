/** Keys whose values never reach a log, at any depth (compared case-insensitively). */
const SECRET_KEYS = new Set([
  'password',
  'currentpassword',
  'newpassword',
  'token',
  'accesstoken',
  'refreshtoken',
  'hearthtoken',
  'authorization',
  'cookie',
  'secret',
  'otp',
  'totp',
  'recoverycode',
]);
const CENSOR = '[redacted]';
const MAX_DEPTH = 8;

const isPlain = (value: object) => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null || Array.isArray(value);
};

/**
 * A copy of a log record with every secret-named value replaced, however deep (a message envelope's
 * `ctx.token`, a DTO's `password`). Only plain objects, arrays and errors are walked: framework objects
 * (requests, sockets) have serializers of their own. Untouched branches are returned as they are.
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  const source: object = value;
  if (!(source instanceof Error) && !isPlain(source)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, v] of Object.entries(source)) {
    const next = SECRET_KEYS.has(key.toLowerCase()) && v !== undefined ? CENSOR : redactSecrets(v, depth + 1);
    if (next === v) continue;
    copy ??= copyOf(source);
    copy[key] = next;
  }
  return (copy ?? value) as T;
}

function copyOf(source: object): Record<string, unknown> {
  if (Array.isArray(source)) return [...(source as unknown[])] as unknown as Record<string, unknown>;
  // An error's message and stack are not own enumerable properties: keep them in the copy.
  if (source instanceof Error)
    return { ...source, type: source.constructor.name, message: source.message, stack: source.stack };
  return { ...source };
}
