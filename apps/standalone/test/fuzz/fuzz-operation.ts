import type { JsonSchema } from './schema-arbitraries.util';

/** Who an operation is for: the API answers problem+json, a page answers HTML. */
export type Audience = 'api' | 'page';

export type FuzzBody =
  | { type: 'json'; schema: JsonSchema }
  | { type: 'csv'; header: string }
  /** A page's form: the field names its page renders (found by fetching the page), sent urlencoded. */
  | { type: 'form' };

/** One operation as the fuzzer sees it, from the API document or the web app's route table. */
export interface FuzzOperation {
  audience: Audience;
  method: string;
  /** `/api/v1/tenants/{tenantId}/members`: parameters in braces. */
  template: string;
  pathParams: string[];
  query: { name: string; required: boolean; schema: JsonSchema }[];
  body?: FuzzBody;
  /** The API wants a bearer token (the document's `security`); pages go by the session cookie. */
  secured: boolean;
}

export const operationName = (op: FuzzOperation) => `${op.method} ${op.template}`;

/** Whether the operation reads anything a caller chooses: parameters, a query or a body. */
export const takesInput = (op: FuzzOperation) =>
  op.pathParams.length > 0 ||
  op.query.length > 0 ||
  op.body !== undefined ||
  op.secured ||
  op.method !== 'GET';

/** What the fuzzer expects of a request: refused (4xx, nothing written), or anything but a 5xx. */
export type Expectation = 'refused' | 'any';

export interface FuzzRequest {
  /** What was done to it, for the report: `valid`, `null at consents.contact`, `path tenantId=%00` … */
  label: string;
  expect: Expectation;
  method: string;
  /** Exactly as sent on the wire (already %-encoded). */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Whose credentials go with it: the operation's own caller, the other fixture identity, or none at all. */
  as: 'owner' | 'other' | 'none';
}
