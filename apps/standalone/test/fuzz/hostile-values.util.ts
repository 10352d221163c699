import type { StringKind } from './schema-arbitraries.util';

/**
 * The outside fuzzer's catalogue (issue 14), by the kind of value it attacks. "Refused" values must be
 * answered 4xx wherever they go; "edge" values are text a person could send (accepted or refused, never 5xx).
 */

/** Text no field may hold (ADR 0017): PostgreSQL refuses NUL, and a lone surrogate is not Unicode. */
export const REFUSED_TEXT = ['a\u0000b', '\u0000', 'a\ud800b', '\udfff', 'x\ud83d'];

/** Text a person could type or paste: it must be stored and shown as it is, or refused with a reason. */
export const EDGE_TEXT = [
  'Zoë',
  'e\u0301', // é decomposed (NFD)
  '\u202Eevil.example\u202C',
  '\u200B',
  '👩🏽‍🦯 group',
  '<script>alert(1)</script>',
  "'; drop table members; --",
  '{{7*7}} ${7*7}',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  '%00',
  '\\',
  'null',
  '=cmd|" /C calc"!A0',
  '\t\r\n',
  ' ',
];

/** Dates a form could be given by mistake or by malice: the year 0, 9999, before 1900, after 2200, not a day. */
export const REFUSED_BY_KIND: Partial<Record<StringKind, string[]>> = {
  instant: [
    '0000-01-01',
    '9999-12-31T23:59:59Z',
    '+275760-09-13T00:00:00Z',
    '1899-12-31T23:59:59Z',
    '2027-02-30',
  ],
  'local-date-time': [
    '9999-12-31T23:59:59',
    '0000-01-01T00:00',
    '2201-01-01T00:00',
    '2027-02-30T10:00',
    '2027-13-01T10:00',
  ],
  month: ['0000-01', '0000-12', '9999-12', '1899-12', '2201-01', '2027-13'],
  uuid: ['not-a-uuid', '00000000-0000-0000-0000-00000000000g', '{}'],
  email: [
    'not-an-email',
    'a@b',
    `${'a'.repeat(250)}@example.org`,
    'jo@\u0000example.org',
    'jo\ud800@example.org',
  ],
};

/** Recurrence rules that ask for too much or make no sense: refused or bounded, never a hang or a 500. */
export const PATHOLOGICAL_RRULES = [
  'FREQ=SECONDLY',
  'FREQ=MINUTELY;INTERVAL=1',
  'FREQ=DAILY;COUNT=1000000',
  'FREQ=DAILY;UNTIL=99991231',
  'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
  'FREQ=WEEKLY;BYDAY=XX',
  'FREQ=MONTHLY;BYSETPOS=-366;BYDAY=MO',
  'FREQ=WEEKLY;INTERVAL=0',
  'FREQ=WEEKLY;COUNT=0',
  'RRULE:FREQ=WEEKLY;RRULE:FREQ=DAILY',
  'FREQ=HOURLY;BYHOUR=25',
  'FREQ=WEEKLY;UNTIL=19000101',
  ';;;',
  'FREQ',
];

/** Bodies that are not JSON, or JSON a parser should not be made to read. */
export const BROKEN_JSON = [
  '{',
  '{"a":}',
  '[1,]',
  '{} trailing',
  '',
  'nul',
  '{"a":"\\x"}',
  "{'a':1}",
  '\u0000',
];

/** An object nested `depth` deep, as text (building it as a value would take the stack the server must not). */
export const deeplyNested = (depth: number, open = '{"a":', close = '}') =>
  `${open.repeat(depth)}1${close.repeat(depth)}`;

/** Bodies of the right syntax but the wrong shape for any operation. */
export const NOT_AN_OBJECT = ['[]', '"text"', '1', 'null', 'true', '[{"a":1}]'];

/** Content types nothing in Hearth parses. */
export const UNPARSED_CONTENT_TYPES = ['text/plain', 'application/xml', 'image/png', 'application/x-hearth'];

/** Path segments, as sent on the wire (already %-encoded): broken encodings, control bytes, traversal, length. */
export const PATH_GARBAGE = [
  '%00',
  '%zz',
  '%E0%A4%A',
  '%ED%A0%80',
  '%C0%AF',
  '..',
  '%2e%2e%2f',
  '%2F',
  'null',
  '-1',
  '1e309',
  '%27%22',
  '%F0%9F%92%A9',
  'a'.repeat(300),
  'A'.repeat(36),
  '00000000-0000-0000-0000-000000000000',
];

/** Query values, as sent on the wire. */
export const QUERY_GARBAGE = [
  '%00',
  'a%00b',
  '%zz',
  '%ED%A0%80',
  'x'.repeat(5000),
  '-1',
  '1e309',
  'NaN',
  '0',
  '%5B%5D',
  '%7B%7D',
  'true',
];

/** Tokens that are not a signed Hearth token. */
export const BAD_TOKENS = [
  'Bearer ',
  'Bearer junk',
  'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
  'Basic YWRtaW46YWRtaW4=',
  `Bearer ${'a'.repeat(4000)}`,
];

/** `next` values of the sign-in page (issue 14's probes): none may answer 500 or lead off the site. */
export const NEXT_PROBES = [
  '/%00',
  '/%01/evil.example',
  '/%7F',
  '/%E2%80%AE',
  '/caf%C3%A9',
  '//evil.example',
  '/%5Cevil.example',
  'https://evil.example',
  '/%0d%0aSet-Cookie:x=1',
];
