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
 * `ctx.token`, a DTO's `password`), and the row values a PostgreSQL error carries taken out. Only plain objects, arrays and errors are walked: framework objects
 * (requests, sockets) have serializers of their own. Untouched branches are returned as they are.
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  const source: object = value;
  if (!(source instanceof Error) && !isPlain(source)) return value;
  // A database error is always copied: its message and fields may hold a person's values.
  let copy: Record<string, unknown> | undefined =
    source instanceof Error && isDatabaseError(source) ? copyOf(source) : undefined;
  for (const [key, v] of Object.entries(copy ?? source)) {
    const next = SECRET_KEYS.has(key.toLowerCase()) && v !== undefined ? CENSOR : redactSecrets(v, depth + 1);
    if (next === v) continue;
    copy ??= copyOf(source);
    copy[key] = next;
  }
  return (copy ?? value) as T;
}

/** PostgreSQL's error fields that carry row values ("Failing row contains (…)", "Key (email)=(…)"). */
const DATABASE_VALUE_FIELDS = [
  'detail',
  'where',
  'internalQuery',
  'hint',
  'parameters',
  'params',
  'query',
  'sql',
];

/** A PostgreSQL error (pg's DatabaseError, or a MikroORM exception that copied its fields). */
const isDatabaseError = (e: Error): e is Error & Record<string, unknown> =>
  typeof (e as { severity?: unknown }).severity === 'string' &&
  typeof (e as { code?: unknown }).code === 'string';

/** The values PostgreSQL quotes at the end of a message (`invalid input syntax for type uuid: "…"`). */
const withoutValues = (text: string | undefined) => text?.replace(/: "[^\n]*"/g, ': "[redacted]"');

function copyOf(source: object): Record<string, unknown> {
  if (Array.isArray(source)) return [...(source as unknown[])] as unknown as Record<string, unknown>;
  // An error's message and stack are not own enumerable properties: keep them in the copy.
  if (source instanceof Error && isDatabaseError(source)) {
    const copy: Record<string, unknown> = {
      ...source,
      type: source.constructor.name,
      message: withoutValues(source.message),
      stack: withoutValues(source.stack),
    };
    for (const field of DATABASE_VALUE_FIELDS) if (copy[field] !== undefined) copy[field] = CENSOR;
    return copy;
  }
  if (source instanceof Error)
    return { ...source, type: source.constructor.name, message: source.message, stack: source.stack };
  return { ...source };
}
