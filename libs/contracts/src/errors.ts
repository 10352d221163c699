export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GONE',
  /** The request is well-formed but cannot be taken as it is (a reused Idempotency-Key with another body). */
  'UNPROCESSABLE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  field: string;
  message: string;
  /** Set for errors in one row of an uploaded file (a CSV import): its row number, the header being row 1. */
  row?: number;
}

/** The error shape that crosses NATS. `details.reason` carries a domain code such as `InvitationExpired`. */
export interface ErrorShape {
  code: ErrorCode;
  message: string;
  details?: { reason?: string; errors?: FieldError[]; [key: string]: unknown };
}

/** A coded error. Services throw it; the transport carries its shape; the gateway maps the code to HTTP. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorShape['details'],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toShape(): ErrorShape {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }

  static isShape(value: unknown): value is ErrorShape {
    return (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as ErrorShape).message === 'string' &&
      (ERROR_CODES as readonly string[]).includes((value as ErrorShape).code)
    );
  }

  static fromShape(shape: ErrorShape): AppError {
    return new AppError(shape.code, shape.message, shape.details);
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);
export const forbidden = (message = 'You do not have permission to do that.') =>
  new AppError('FORBIDDEN', message);
