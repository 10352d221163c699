import type { DomainReason, ErrorCode, FieldError } from '@hearth/contracts';

/** A problem+json answer of the gateway (or the gateway not answering), as the web app handles it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | string,
    readonly detail: string,
    readonly extra: {
      reason?: DomainReason;
      errors?: FieldError[];
      errorId?: string;
      requestId?: string;
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }

  get errors(): FieldError[] {
    return this.extra.errors ?? [];
  }

  get reason(): DomainReason | undefined {
    return this.extra.reason;
  }

  static unavailable(detail = 'Hearth’s API did not answer in time.'): ApiError {
    return new ApiError(503, 'UNAVAILABLE', detail);
  }
}
