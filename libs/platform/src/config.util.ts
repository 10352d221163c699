import { Transform, plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const describe = (e: ValidationError) =>
  Object.values(e.constraints ?? {}).map(
    (c) => `${e.property}: ${c.replace(new RegExp(`^${e.property} `), '')}`,
  );

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
