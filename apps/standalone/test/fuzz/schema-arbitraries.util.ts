import fc from 'fast-check';

/** The part of JSON Schema that Hearth's contracts produce (class-validator-jsonschema), dereferenced. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  oneOf?: JsonSchema[];
  minProperties?: number;
}

/**
 * What a string field holds, read from its schema's shape: dates, months and recurrence rules get values of
 * their own (valid ones in a sane window, and the pathological ones of the catalogue), other strings generic
 * text. Nothing here names a route or a field of one.
 */
export type StringKind =
  'uuid' | 'email' | 'instant' | 'local-date-time' | 'month' | 'rrule' | 'url' | 'text';

export function stringKind(schema: JsonSchema): StringKind {
  if (schema.format === 'uuid') return 'uuid';
  if (schema.format === 'email') return 'email';
  if (schema.format === 'url' || schema.format === 'uri') return 'url';
  if (schema.oneOf?.some((s) => s.format === 'date-time')) return 'instant';
  const pattern = schema.pattern ?? '';
  if (pattern.includes('RRULE')) return 'rrule';
  if (pattern.includes('(0[1-9]|1[0-2])')) return 'month';
  if (/^\^\\d\{4\}-\\d\{2\}-\\d\{2\}T/.test(pattern)) return 'local-date-time';
  return 'text';
}

export const isStringSchema = (schema: JsonSchema) =>
  schema.type === 'string' || !!schema.oneOf?.every((s) => s.type === 'string');

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const DAY_MS = 86_400_000;

/** A moment within a year either side of now: where a real LERO's dates are. */
const nearNow = (now: number) =>
  fc.integer({ min: now - 365 * DAY_MS, max: now + 365 * DAY_MS }).map((ms) => new Date(ms));

/** Recurrence rules a LERO's programme might really use. */
const USUAL_RRULES = [
  'FREQ=WEEKLY;BYDAY=TU',
  'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
  'FREQ=MONTHLY;BYDAY=1SA',
  'FREQ=MONTHLY;BYDAY=-1FR;COUNT=6',
  'FREQ=DAILY;COUNT=5',
  'FREQ=WEEKLY;UNTIL=20270331',
];

/** Strips what fast-check's regex generator cannot read (look-arounds), keeping the rest of the shape. */
function regexArbitrary(pattern: string): fc.Arbitrary<string> | undefined {
  try {
    return fc.stringMatching(new RegExp(pattern.replace(/\(\?<?[!=][^()]*(?:\([^()]*\)[^()]*)*\)/g, '')));
  } catch {
    return undefined;
  }
}

export interface ValueContext {
  /** A known id or value for a field of this name (a fixture's member, activity …), when there is one. */
  known(name: string): string | undefined;
  now: number;
}

/** Valid values for a schema: what a well-behaved client sends, with known ids where the field names one. */
export function validValue(schema: JsonSchema, name: string, ctx: ValueContext): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.type === 'object' || schema.properties) return validObject(schema, ctx);
  if (schema.type === 'array') {
    const items = validValue(schema.items ?? { type: 'string' }, name, ctx);
    const maxLength = Math.min(schema.maxItems ?? 5, 5);
    return schema.uniqueItems
      ? fc.uniqueArray(items, { maxLength, selector: (v) => JSON.stringify(v) })
      : fc.array(items, { maxLength });
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    const min = schema.minimum ?? -1000;
    const max = schema.maximum ?? 1000;
    return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  }
  if (schema.type === 'boolean') return fc.boolean();
  if (!isStringSchema(schema)) return fc.constant(null);
  const known = ctx.known(name);
  switch (stringKind(schema)) {
    case 'uuid':
      return known ? fc.oneof({ arbitrary: fc.constant(known), weight: 4 }, fc.uuid()) : fc.uuid();
    case 'email':
      return fc.emailAddress().filter((e) => e.length <= (schema.maxLength ?? 254));
    case 'url':
      return fc.webUrl({ validSchemes: ['https'] }).filter((u) => u.length <= (schema.maxLength ?? 500));
    case 'instant':
      return fc.oneof(
        nearNow(ctx.now).map((d) => d.toISOString().slice(0, 10)),
        nearNow(ctx.now).map((d) => d.toISOString()),
      );
    case 'local-date-time':
      return nearNow(ctx.now).map((d) => d.toISOString().slice(0, 16));
    case 'month':
      return nearNow(ctx.now).map((d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`);
    case 'rrule':
      return fc.constantFrom(...USUAL_RRULES);
    default:
      return textValue(schema, known);
  }
}

function textValue(schema: JsonSchema, known: string | undefined): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 60, 60);
  const fromPattern = schema.pattern ? regexArbitrary(schema.pattern) : undefined;
  const base =
    fromPattern ??
    fc.string({ unit: 'grapheme', minLength: Math.max(minLength, 1), maxLength: Math.max(maxLength, 1) });
  // The full pattern (look-arounds included) decides, as the server's validator will.
  const full = schema.pattern ? new RegExp(schema.pattern) : undefined;
  const fitting = base.filter(
    (s) =>
      s.length >= minLength &&
      s.length <= (schema.maxLength ?? Infinity) &&
      /\S/.test(s) &&
      (!full || full.test(s)),
  );
  return known ? fc.oneof({ arbitrary: fc.constant(known), weight: 2 }, fitting) : fitting;
}

function validObject(schema: JsonSchema, ctx: ValueContext): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const model = Object.fromEntries(
    Object.entries(properties).map(([key, property]) => [key, validValue(property, key, ctx)]),
  );
  return fc
    .record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) })
    .filter((o) => Object.keys(o).length >= (schema.minProperties ?? 0));
}
