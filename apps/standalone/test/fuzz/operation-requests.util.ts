import fc from 'fast-check';
import type { Expectation, FuzzOperation, FuzzRequest } from './fuzz-operation';
import {
  BAD_TOKENS,
  BROKEN_JSON,
  EDGE_TEXT,
  NEXT_PROBES,
  NOT_AN_OBJECT,
  PATH_GARBAGE,
  PATHOLOGICAL_RRULES,
  QUERY_GARBAGE,
  REFUSED_BY_KIND,
  REFUSED_TEXT,
  UNPARSED_CONTENT_TYPES,
  deeplyNested,
} from './hostile-values.util';
import {
  isStringSchema,
  stringKind,
  validValue,
  type JsonSchema,
  type ValueContext,
} from './schema-arbitraries.util';

export interface GenerationContext extends ValueContext {
  seed: number;
  /** Invalid requests per operation, at least (the floor is 50). */
  invalid: number;
  valid: number;
  /** Of the invalid requests, at most this many whose answer may be a success (hostile but acceptable values). */
  acceptable: number;
  /** A page's form fields and what the page fills them with, found on the page that renders the form. */
  form?: Map<string, string>;
}

export interface OperationRequests {
  valid: FuzzRequest[];
  /** Malformed or hostile: `expect: 'refused'` must be answered 4xx and write nothing; `'any'` never 5xx. */
  invalid: FuzzRequest[];
}

type Json = Record<string, unknown>;
type JsonPath = string[];
type Parts = {
  path?: Record<string, string>;
  query?: [string, string][];
  body?: string;
  type?: string;
  as?: FuzzRequest['as'];
  headers?: Record<string, string>;
};

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';
/** Just over the body limit of the API (1 MiB). */
const OVERSIZED = 1024 * 1024 + 1;
const DEPTH_ATTACK = 20_000;
/** JSON has no literal for these; they are put into the text after `JSON.stringify`. */
const RAW = { huge: '"\u0000raw:1e309"', negativeZero: '"\u0000raw:-0"' };
const unraw = (json: string) => json.replace(RAW.huge, '1e309').replace(RAW.negativeZero, '-0');

const sample = <T>(arb: fc.Arbitrary<T>, seed: number, numRuns: number): T[] =>
  numRuns > 0 ? fc.sample(arb, { seed, numRuns }) : [];

/** Encodes a value for a URL; a lone surrogate (which has no UTF-8) goes as the bytes a broken client sends. */
export function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value].map((c) => (/[\ud800-\udfff]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');
  }
}

/** Only JSON can carry a lone surrogate (as `\ud800`); in UTF-8 text it arrives as U+FFFD, which is fine. */
const hasLoneSurrogate = (text: string) =>
  /[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{([^}]+)\}/g, (_, name: string) => values[name]);

const queryString = (entries: [string, string][]) =>
  entries.length ? `?${entries.map(([k, v]) => `${encode(k)}=${v}`).join('&')}` : '';

function setAt(target: unknown, path: JsonPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(target) as Json;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  node[path[path.length - 1]] = value;
  return copy;
}

function deleteAt(target: unknown, path: JsonPath): unknown {
  const copy = structuredClone(target) as Json;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  delete node[path[path.length - 1]];
  return copy;
}

const valueAt = (target: unknown, path: JsonPath): unknown =>
  path.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], target);

interface Mutation {
  label: string;
  expect: Expectation;
  body: string;
  /** One of many hostile strings tried on every field: only a share of them is sent (`acceptable`). */
  flood?: boolean;
}

const wrongTypeFor = (schema: JsonSchema): unknown =>
  schema.type === 'object' || schema.properties
    ? 'not an object'
    : schema.type === 'array'
      ? { not: 'a list' }
      : schema.type === 'integer' || schema.type === 'number'
        ? '12'
        : schema.type === 'boolean'
          ? 'true'
          : 12345;

/** Something of the right shape for a field the valid body left out, so that optional fields are reached too. */
function seedValue(schema: JsonSchema): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.properties) return {};
  if (schema.type === 'array') return [];
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return true;
  return 'x';
}

/** One change at a time to a valid body, field by field, down into nested objects and lists. */
function fieldMutations(schema: JsonSchema, base: unknown, path: JsonPath = []): Mutation[] {
  const out: Mutation[] = [];
  const where = path.length ? path.join('.') : 'body';
  const push = (label: string, expect: Expectation, value: unknown, flood = false) =>
    out.push({
      label: `${label} at ${where}`,
      expect,
      flood,
      body: unraw(JSON.stringify(setAt(base, path, value))),
    });
  if (path.length) push('wrong type', 'refused', wrongTypeFor(schema));
  if (schema.properties) {
    const current = (valueAt(base, path) ?? {}) as Json;
    push('unknown field', 'refused', { ...current, unknownField: 'x' });
    for (const [key, property] of Object.entries(schema.properties)) {
      const required = schema.required?.includes(key) ?? false;
      const child = [...path, key];
      if (required)
        out.push({
          label: `missing ${child.join('.')}`,
          expect: 'refused',
          body: JSON.stringify(deleteAt(base, child)),
        });
      // null: refused for a required field; for an optional one it clears the field, or is refused (ADR 0017).
      out.push({
        label: `null at ${child.join('.')}`,
        expect: required ? 'refused' : 'any',
        body: JSON.stringify(setAt(base, child, null)),
      });
      const seeded = current[key] === undefined ? setAt(base, child, seedValue(property)) : base;
      out.push(...fieldMutations(property, seeded, child));
    }
    return out;
  }
  if (schema.type === 'array') {
    if (schema.maxItems !== undefined)
      push(
        'too many items',
        'refused',
        Array.from({ length: schema.maxItems + 1 }, () => seedValue(schema.items ?? {})),
      );
    if (schema.items) push('an item of the wrong type', 'refused', [wrongTypeFor(schema.items)]);
    return out;
  }
  if (schema.enum) {
    push('not one of the values', 'refused', 'not-one-of-them');
    return out;
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    if (schema.minimum !== undefined) push('below the minimum', 'refused', schema.minimum - 1);
    if (schema.maximum !== undefined) push('above the maximum', 'refused', schema.maximum + 1);
    if (schema.type === 'integer') push('a fraction', 'refused', 1.5);
    push('1e309', 'refused', RAW.huge);
    push('-0', 'any', RAW.negativeZero);
    return out;
  }
  if (isStringSchema(schema)) {
    const kind = stringKind(schema);
    for (const text of REFUSED_TEXT) push(`text ${JSON.stringify(text)}`, 'refused', text);
    for (const text of REFUSED_BY_KIND[kind] ?? []) push(`${kind} ${JSON.stringify(text)}`, 'refused', text);
    if (schema.maxLength !== undefined) push('too long', 'refused', 'x'.repeat(schema.maxLength + 1));
    push('100,000 characters', 'refused', 'y'.repeat(100_000));
    if (kind === 'rrule') for (const rule of PATHOLOGICAL_RRULES) push(`rrule ${rule}`, 'any', rule);
    if (kind === 'text' && !schema.pattern)
      for (const text of EDGE_TEXT) push(`text ${JSON.stringify(text)}`, 'any', text, true);
  }
  return out;
}

/** Duplicates the first key of a JSON object's text: `{"a":1}` → `{"a":1,"a":1}`. */
function withDuplicateKey(json: string): string {
  const match = /^\{("(?:[^"\\]|\\.)*":(?:"(?:[^"\\]|\\.)*"|[^,{}[\]]+))/.exec(json);
  return match ? `{${match[1]},${json.slice(1)}` : '{"a":1,"a":2}';
}

/** At most `n` of a list, taken evenly from all of it (every field gets some of the hostile values). */
function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]);
}

const decodeSafe = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

/**
 * Every request the fuzzer sends to one operation: valid ones from the schema, then invalid ones — one change at
 * a time to a valid request (a field's type, null, a missing field, NUL, a lone surrogate, a date in the year
 * 9999, a broken id …), malformed bodies, bad credentials — and random garbage until the operation has its quota.
 */
export function requestsFor(op: FuzzOperation, ctx: GenerationContext): OperationRequests {
  const api = op.audience === 'api';
  const formFields = ctx.form ?? new Map<string, string>();
  const formDefault = (field: string) => ctx.known(field) ?? formFields.get(field) ?? '';
  const pathValue = (name: string) => ctx.known(name) ?? '00000000-0000-4000-8000-000000000000';
  const validPath = Object.fromEntries(op.pathParams.map((p) => [p, encode(pathValue(p))]));
  const queryArb = fc.record(
    Object.fromEntries(op.query.map((q) => [q.name, validValue(q.schema, q.name, ctx)])),
    { requiredKeys: op.query.filter((q) => q.required).map((q) => q.name) },
  );
  const bodyArb: fc.Arbitrary<unknown> =
    op.body?.type === 'json'
      ? validValue(op.body.schema, 'body', ctx)
      : op.body?.type === 'csv'
        ? fc
            .array(
              fc
                .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
                .filter((s) => /^[^",\r\n]*\S[^",\r\n]*$/.test(s)),
              { minLength: 1, maxLength: 5 },
            )
            .map((names) => `${op.body?.type === 'csv' ? op.body.header : ''}\n${names.join('\n')}\n`)
        : op.body?.type === 'form'
          ? fc.record(
              Object.fromEntries(
                [...formFields.keys()].map((f) => [
                  f,
                  fc.oneof(
                    { arbitrary: fc.constant(formDefault(f)), weight: 3 },
                    fc.string({ maxLength: 20 }),
                  ),
                ]),
              ),
            )
          : fc.constant(undefined);
  const sampled = sample(fc.tuple(queryArb, bodyArb), ctx.seed, Math.max(ctx.valid, 1));
  // A form's first valid post is the page as a person would send it without changing anything.
  const valids: [Json, unknown][] =
    op.body?.type === 'form'
      ? [
          [sampled[0][0], Object.fromEntries([...formFields.keys()].map((f) => [f, formDefault(f)]))],
          ...sampled.slice(1),
        ]
      : sampled;
  const [baseQuery, baseBody] = valids[0];
  const contentType = { json: JSON_TYPE, csv: 'text/csv', form: FORM_TYPE }[
    op.body?.type ?? ('none' as 'json')
  ];
  const formBody = (values: Record<string, string>, raw = '') =>
    Object.entries(values)
      .map(([k, v]) => `${encode(k)}=${encode(v)}`)
      .concat(raw ? [raw] : [])
      .join('&');
  const serialise = (body: unknown): string | undefined =>
    body === undefined
      ? undefined
      : op.body?.type === 'json'
        ? JSON.stringify(body)
        : op.body?.type === 'form'
          ? formBody(body as Record<string, string>)
          : String(body);
  const entries = (query: Json): [string, string][] =>
    Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, encode(String(v))]);
  const make = (label: string, expect: Expectation, parts: Parts = {}): FuzzRequest => {
    const body = 'body' in parts ? parts.body : serialise(baseBody);
    const type = parts.type ?? contentType;
    return {
      label,
      expect,
      method: op.method,
      path:
        fill(op.template, { ...validPath, ...parts.path }) + queryString(parts.query ?? entries(baseQuery)),
      headers: { ...(body !== undefined && type ? { 'content-type': type } : {}), ...parts.headers },
      body,
      as: parts.as ?? 'owner',
    };
  };

  const valid = valids.map(([query, body], i) =>
    make('valid', 'any', {
      query: entries(query),
      body: serialise(body),
      as: i % 2 === 0 ? 'owner' : 'other',
    }),
  );
  const refused: FuzzRequest[] = [];
  const acceptable: FuzzRequest[] = [];
  const flood: FuzzRequest[] = [];
  const add = (r: FuzzRequest, many = false) =>
    (r.expect === 'refused' ? refused : many ? flood : acceptable).push(r);
  // A page may answer a bad query value by ignoring it; the API refuses it.
  const queryExpect: Expectation = api ? 'refused' : 'any';

  for (const param of op.pathParams)
    for (const garbage of PATH_GARBAGE)
      add(make(`path ${param}=${garbage.slice(0, 40)}`, 'refused', { path: { [param]: garbage } }));
  // Node answers 431 on the socket, before any framework sees the request.
  add(make('headers too large', 'refused', { headers: { 'x-padding': 'p'.repeat(20 * 1024) } }));
  if (op.secured) {
    add(make('no credentials', 'refused', { as: 'none' }));
    for (const token of BAD_TOKENS)
      add(
        make(`authorization ${token.slice(0, 30)}`, 'refused', {
          as: 'none',
          headers: { authorization: token },
        }),
      );
  }

  for (const q of op.query) {
    const others = entries(baseQuery).filter(([k]) => k !== q.name);
    const withValue = (raw: string): [string, string][] => [...others, [q.name, raw]];
    for (const text of REFUSED_TEXT)
      add(
        make(`query ${q.name}=${JSON.stringify(text)}`, hasLoneSurrogate(text) ? 'any' : queryExpect, {
          query: withValue(encode(text)),
        }),
      );
    for (const text of REFUSED_BY_KIND[stringKind(q.schema)] ?? [])
      add(
        make(`query ${q.name}=${text}`, hasLoneSurrogate(text) ? 'any' : queryExpect, {
          query: withValue(encode(text)),
        }),
      );
    if (q.schema.enum)
      add(
        make(`query ${q.name} not one of the values`, queryExpect, { query: withValue('not-one-of-them') }),
      );
    if (q.schema.type === 'integer') {
      add(make(`query ${q.name} not a number`, queryExpect, { query: withValue('abc') }));
      if (q.schema.maximum !== undefined)
        add(make(`query ${q.name} too big`, queryExpect, { query: withValue(String(q.schema.maximum + 1)) }));
    }
    if (q.schema.maxLength !== undefined)
      add(
        make(`query ${q.name} too long`, queryExpect, {
          query: withValue('x'.repeat(q.schema.maxLength + 1)),
        }),
      );
    add(make(`query ${q.name} twice`, queryExpect, { query: [...withValue('1'), [q.name, '2']] }));
    if (q.required) add(make(`query without ${q.name}`, queryExpect, { query: others }));
    for (const garbage of QUERY_GARBAGE)
      add(make(`query ${q.name}=${garbage.slice(0, 30)}`, 'any', { query: withValue(garbage) }), true);
    if (stringKind(q.schema) === 'text' && !q.schema.enum)
      for (const text of EDGE_TEXT)
        add(make(`query ${q.name}=${JSON.stringify(text)}`, 'any', { query: withValue(encode(text)) }), true);
    if (q.name === 'next')
      for (const probe of NEXT_PROBES)
        add(make(`next=${probe.slice(0, 40)}`, 'any', { query: withValue(probe) }));
  }
  // A range (two parameters of one kind, such as from and to): each refused value at both ends, and in pairs.
  for (const kind of new Set(op.query.map((q) => stringKind(q.schema)))) {
    const ends = op.query.filter((q) => stringKind(q.schema) === kind).map((q) => q.name);
    const values = REFUSED_BY_KIND[kind] ?? [];
    if (ends.length < 2 || kind === 'text' || kind === 'uuid') continue;
    const others = entries(baseQuery).filter(([k]) => !ends.includes(k));
    const range = (first: string, last: string) =>
      ends.map((k, i): [string, string] => [k, encode(i === 0 ? first : last)]);
    values.forEach((v, i) => {
      add(make(`${ends.join(' and ')} ${v}`, queryExpect, { query: [...others, ...range(v, v)] }));
      if (i + 1 < values.length)
        add(
          make(`${ends.join(' and ')} ${v} to ${values[i + 1]}`, queryExpect, {
            query: [...others, ...range(v, values[i + 1])],
          }),
        );
    });
  }
  if (op.query.length > 0 && api)
    add(
      make('unknown query parameter', 'refused', {
        query: [...entries(baseQuery), ['unknownParameter', '1']],
      }),
    );

  const sendsBody = op.method !== 'GET' && op.method !== 'HEAD';
  if (sendsBody) {
    const valid = serialise(baseBody) ?? '{}';
    for (const text of BROKEN_JSON)
      add(make(`broken JSON ${JSON.stringify(text)}`, 'refused', { body: text, type: JSON_TYPE }));
    add(make('an object 20,000 deep', 'refused', { body: deeplyNested(DEPTH_ATTACK), type: JSON_TYPE }));
    add(
      make('a list 20,000 deep', 'refused', { body: deeplyNested(DEPTH_ATTACK, '[', ']'), type: JSON_TYPE }),
    );
    add(
      make('a duplicate key', 'refused', {
        body: withDuplicateKey(op.body?.type === 'json' ? valid : '{"a":1}'),
        type: JSON_TYPE,
      }),
    );
    add(make('a __proto__ key', 'refused', { body: '{"__proto__":{"isAdmin":true}}', type: JSON_TYPE }));
    add(
      make('constructor.prototype', 'refused', {
        body: '{"constructor":{"prototype":{"isAdmin":true}}}',
        type: JSON_TYPE,
      }),
    );
    add(
      make('over the size limit', 'refused', {
        body: JSON.stringify({ a: 'z'.repeat(OVERSIZED) }),
        type: JSON_TYPE,
      }),
    );
    for (const type of UNPARSED_CONTENT_TYPES)
      add(make(`content type ${type}`, 'refused', { body: valid, type }));
    if (op.body?.type === 'json') {
      for (const text of NOT_AN_OBJECT) add(make(`body ${text}`, 'refused', { body: text }));
      for (const m of fieldMutations(op.body.schema, baseBody))
        add(make(m.label, m.expect, { body: m.body }), m.flood);
    }
    if (op.body?.type === 'csv') {
      const csv = String(baseBody);
      // A dry run (`dryRun=true`) reports a file's problems (200) rather than refusing it: an import must refuse.
      const query = entries(baseQuery).filter(([name]) => name !== 'dryRun');
      for (const text of REFUSED_TEXT)
        add(
          make(`CSV cell ${JSON.stringify(text)}`, hasLoneSurrogate(text) ? 'any' : 'refused', {
            body: `${csv}${text}\n`,
            query,
          }),
        );
      add(make('CSV with an open quote', 'refused', { body: `${csv}"Jo\n`, query }));
      add(
        make('CSV with an unknown column', 'refused', { body: `${op.body.header},shoeSize\nJo,9\n`, query }),
      );
      add(
        make('CSV over the size limit', 'refused', {
          body: `${op.body.header}\n${'Jo\n'.repeat(300_000)}`,
          query,
        }),
      );
      add(make('empty CSV', 'refused', { body: '', query }));
      add(make('CSV as text/plain', 'refused', { body: csv, type: 'text/plain' }));
      for (const text of EDGE_TEXT.filter((t) => !/[",\r\n]/.test(t)))
        add(make(`CSV cell ${JSON.stringify(text)}`, 'any', { body: `${csv}${text}\n` }), true);
    }
    if (op.body?.type === 'form') {
      const form = baseBody as Record<string, string>;
      add(
        make('form without its CSRF token', 'refused', {
          body: formBody(form),
          headers: { 'x-fuzz-csrf': 'omit' },
        }),
      );
      add(
        make('form with a forged CSRF token', 'refused', {
          body: formBody({ ...form, _csrf: 'forged' }),
          headers: { 'x-fuzz-csrf': 'omit' },
        }),
      );
      for (const field of formFields.keys()) {
        // A form value cannot carry half a surrogate pair (it arrives as U+FFFD): NUL is the one to try.
        for (const text of REFUSED_TEXT.filter((t) => !hasLoneSurrogate(t)))
          add(
            make(`form ${field}=${JSON.stringify(text)}`, 'any', {
              body: formBody({ ...form, [field]: text }),
            }),
          );
        if (field === 'next')
          for (const probe of NEXT_PROBES)
            add(
              make(`form next=${probe.slice(0, 40)}`, 'any', {
                body: formBody({ ...form, next: decodeSafe(probe) }),
              }),
            );
        for (const text of [...EDGE_TEXT, 'z'.repeat(10_000)])
          add(
            make(`form ${field}=${JSON.stringify(text.slice(0, 20))}`, 'any', {
              body: formBody({ ...form, [field]: text }),
            }),
            true,
          );
        add(
          make(`form ${field} as a broken encoding`, 'any', {
            body: formBody(form, `${encode(field)}=%ED%A0%80%zz`),
          }),
          true,
        );
        add(make(`form ${field} twice`, 'any', { body: formBody(form, `${encode(field)}=again`) }), true);
      }
    }
  }

  const invalid = [...refused, ...acceptable, ...spread(flood, ctx.acceptable)];
  // Random garbage until the quota: ids that are not ids, tokens that are not tokens, bodies that are not JSON.
  const junk = fc.string({ unit: 'binary', minLength: 1, maxLength: 80 });
  for (let seed = ctx.seed + 1; invalid.length < ctx.invalid; seed++) {
    const value = sample(junk, seed, 1)[0];
    if (op.pathParams.length > 0) {
      const param = op.pathParams[seed % op.pathParams.length];
      if (decodeSafe(encode(value)) === pathValue(param)) continue;
      invalid.push(make(`random ${param}`, 'refused', { path: { [param]: `~${encode(value)}` } }));
    } else if (op.secured) {
      invalid.push(
        make('random token', 'refused', {
          as: 'none',
          headers: { authorization: `Bearer ${encode(value)}` },
        }),
      );
    } else if (sendsBody) {
      invalid.push(make('random body', 'refused', { body: `{${JSON.stringify(value)}`, type: JSON_TYPE }));
    } else if (op.query.length > 0) {
      const q = op.query[seed % op.query.length];
      const others = entries(baseQuery).filter(([k]) => k !== q.name);
      invalid.push(
        api
          ? make('random query parameter', 'refused', {
              query: [...entries(baseQuery), [`x${encode(value)}`, '1']],
            })
          : make(`random ${q.name}`, 'any', { query: [...others, [q.name, encode(value)]] }),
      );
    } else {
      break;
    }
  }
  return { valid, invalid };
}
