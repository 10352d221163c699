import { Transform, plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Rules an absent value breaks only because the variable has no default: it is required, nothing more. */
const TYPE_RULES = new Set(['isDefined', 'isString', 'isInt', 'isNumber', 'isBoolean']);

/**
 * A variable's problems. One that is missing and has no default (a secret, say) is said to be required, with what
 * it must be: never a fallback, so a process never starts with a value everyone can read in the code. A rule of
 * its own about when it is needed (PUBLIC_URL's) speaks for itself.
 */
const describe = (e: ValidationError) => {
  const rules = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
    rule,
    text: message.replace(new RegExp(`^${e.property} `), ''),
  }));
  if (e.value !== undefined || !rules.some((r) => TYPE_RULES.has(r.rule)))
    return rules.map((r) => `${e.property}: ${r.text}`);
  // "a string" and "at least 1 character" say nothing more than "required".
  const what = rules
    .filter((r) => !TYPE_RULES.has(r.rule) && !/equal to 1 characters$/.test(r.text))
    .map((r) => r.text);
  return [`${e.property}: is required${what.length ? `; it ${what.join('; ')}` : ''}`];
};

/** Reads an app's variables against its schema class; every problem is listed at once, secrets never echoed. */
export function loadConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(schema, present, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) throw new ConfigError(errors.flatMap(describe));
  return config;
}

/** For `main.ts`: print what is wrong and stop, instead of a stack trace. */
export function loadConfigOrExit<T extends object>(schema: new () => T): T {
  return orExitOnConfigError(() => loadConfig(schema));
}

/** For `main.ts`: runs a step of reading configuration (a key file, say); a ConfigError stops the process. */
export function orExitOnConfigError<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/** For boolean variables: only "true"/"1" and "false"/"0" (anything else fails validation, never "truthy"). */
export const EnvBoolean = () =>
  Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
    const raw = obj[key];
    if (typeof raw === 'boolean') return raw;
    const value = String(raw).trim().toLowerCase();
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    return raw;
  });
