import { domainReasonOf, type DomainReason, type ErrorCode, type FieldError } from '@hearth/contracts';

/** JSON, or undefined when it is not. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface Problem {
  code?: string;
  detail?: string;
  reason?: string;
  errors?: FieldError[];
  errorId?: string;
  requestId?: string;
  missingRequirements?: unknown;
}

/** A training or check a volunteering role needs that the volunteer does not hold (a 409 `RequirementsMissing`). */
export interface MissingRequirement {
  id: string;
  name: string;
  kind: 'training' | 'check';
}

const missingRequirementsOf = (value: unknown): MissingRequirement[] | undefined =>
  Array.isArray(value)
    ? value.filter(
        (m): m is MissingRequirement =>
          !!m && typeof m === 'object' && typeof (m as MissingRequirement).name === 'string',
      )
    : undefined;

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
      missingRequirements?: MissingRequirement[];
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

  /** The gateway's problem+json answer (`text` its body), or what can be said of an answer that is not one. */
  static fromResponse(res: Response, text: string): ApiError {
    const parsed = text ? parseJson(text) : undefined;
    const problem = (parsed && typeof parsed === 'object' ? parsed : {}) as Problem;
    const retryAfter = Number(res.headers.get('retry-after'));
    return new ApiError(
      res.status,
      problem.code ?? 'INTERNAL',
      problem.detail ?? `The API answered ${res.status}.`,
      {
        reason: domainReasonOf(problem.reason),
        errors: Array.isArray(problem.errors) ? problem.errors : undefined,
        errorId: problem.errorId,
        requestId: problem.requestId ?? res.headers.get('x-request-id') ?? undefined,
        retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
        missingRequirements: missingRequirementsOf(problem.missingRequirements),
      },
    );
  }

  static unavailable(detail = 'Hearth’s API did not answer in time.'): ApiError {
    return new ApiError(503, 'UNAVAILABLE', detail);
  }
}
