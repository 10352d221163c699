import { Transform } from 'class-transformer';
import { ValidateBy, buildMessage } from 'class-validator';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** `500ms`, `30s`, `15m`, `1h`, `7d` (or a bare number of milliseconds) in milliseconds; NaN when unreadable. */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : Number.NaN;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(value);
  if (!match) return Number.NaN;
  return Math.round(Number(match[1]) * UNIT_MS[(match[2] ?? 'ms').toLowerCase()]);
}

const BYTE_UNITS: Record<string, number> = {
  b: 1,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** `1GiB`, `512MiB`, `64KiB` (or a bare number of bytes) in bytes; NaN when unreadable. */
export function parseBytes(value: string | number): number {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : Number.NaN;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kib|mib|gib|tib)?\s*$/i.exec(value);
  if (!match) return Number.NaN;
  return Math.round(Number(match[1]) * BYTE_UNITS[(match[2] ?? 'b').toLowerCase()]);
}

/** A duration in words for messages: whole days, hours, minutes or seconds. */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [
    ['d', UNIT_MS.d],
    ['h', UNIT_MS.h],
    ['m', UNIT_MS.m],
    ['s', UNIT_MS.s],
  ] as const)
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

/**
 * A duration variable (`7d`, `30s`, `1h`, or milliseconds), read into milliseconds and checked against a range,
 * so a horizon can be shortened to seconds in a test and stay in days in production.
 */
export const Duration =
  (range: { min?: number; max?: number } = {}) =>
  (target: object, property: string) => {
    // The raw variable (`obj[key]`): implicit conversion would already have made `7d` a NaN.
    Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
      const raw = obj[key];
      return typeof raw === 'number' || typeof raw === 'string' ? parseDuration(raw) : raw;
    })(target, property);
    const min = range.min ?? 0;
    const max = range.max ?? Number.MAX_SAFE_INTEGER;
    ValidateBy({
      name: 'duration',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max,
        defaultMessage: buildMessage(
          () =>
            `$property must be a duration such as 30s, 15m, 1h or 7d (at least ${formatDuration(min)}` +
            (range.max !== undefined ? `, at most ${formatDuration(max)})` : ')'),
        ),
      },
    })(target, property);
  };

/** A size variable (`1GiB`, `512MiB`, or bytes), read into bytes and checked against a minimum. */
export const Bytes =
  (range: { min?: number } = {}) =>
  (target: object, property: string) => {
    Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
      const raw = obj[key];
      return typeof raw === 'number' || typeof raw === 'string' ? parseBytes(raw) : raw;
    })(target, property);
    const min = range.min ?? 0;
    ValidateBy({
      name: 'bytes',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= min,
        defaultMessage: buildMessage(
          () => `$property must be a size such as 512MiB or 1GiB (at least ${min} bytes)`,
        ),
      },
    })(target, property);
  };
