import type { ApiError } from '../api/api-error';

export interface FormView {
  summary: { text: string; href: string }[];
  fields: Record<string, { text: string }>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A field of a posted form as a trimmed string ('' when absent or repeated). */
export function field(body: unknown, name: string): string {
  return rawField(body, name).trim();
}

/** A field as posted, never trimmed (a password: spaces may be part of it). */
export function rawField(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/** A field that may be repeated (checkboxes) as a list of trimmed, non-empty strings. */
export function fields(body: unknown, name: string): string[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

export const isEmail = (value: string) => value.length <= 254 && EMAIL.test(value);

/**
 * A form's errors in the GOV.UK pattern: one message per field, in page order, shown in the error summary
 * (linking to the field) and next to the field.
 */
export class FormErrors {
  private readonly errors = new Map<string, string>();

  add(fieldName: string, message: string): this {
    if (!this.errors.has(fieldName)) this.errors.set(fieldName, message);
    return this;
  }

  /** A required email address: `whenEmpty` when there is none, the format's words when it is not one. */
  email(fieldName: string, value: string, whenEmpty: string): this {
    if (!value) return this.add(fieldName, whenEmpty);
    if (!isEmail(value))
      return this.add(fieldName, 'Enter an email address in the correct format, like name@example.org');
    return this;
  }

  get ok(): boolean {
    return this.errors.size === 0;
  }

  /**
   * The API's field errors (problem+json `errors`) on this form's fields. `labels` names each field the
   * way the page does, so "must be an email address" reads "Email address must be an email address".
   * Fields the API names that this form does not show are put on `fallbackField`. `ids` renames the API's
   * field to the form's where they differ (`schedule.startsAt` is the form's `startDate`).
   */
  fromApi(
    err: ApiError,
    labels: Record<string, string>,
    fallbackField: string,
    ids: Record<string, string> = {},
  ): this {
    const mapped = err.errors.filter((e) => labels[e.field]);
    for (const e of mapped)
      this.add(ids[e.field] ?? e.field, `${labels[e.field]} ${e.message.replace(/\.$/, '')}`);
    if (mapped.length === 0) this.add(fallbackField, err.detail);
    return this;
  }

  has(fieldName: string): boolean {
    return this.errors.has(fieldName);
  }

  /**
   * The errors for the page, in `order`. `anchors` names the element a summary link goes to where it is not
   * the field's own id (a date input's first box, `startDate-day`).
   */
  view(order: string[] = [], anchors: Record<string, string> = {}): FormView {
    const names = [
      ...order.filter((n) => this.errors.has(n)),
      ...[...this.errors.keys()].filter((n) => !order.includes(n)),
    ];
    return {
      summary: names.map((n) => ({ text: this.errors.get(n)!, href: `#${anchors[n] ?? n}` })),
      fields: Object.fromEntries(names.map((n) => [n, { text: this.errors.get(n)! }])),
    };
  }
}

export const NO_ERRORS: FormView = { summary: [], fields: {} };
