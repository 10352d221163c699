import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { AppError, type ErrorCode, type FieldError } from '@hearth/contracts';

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'GONE':
      return 410;
    case 'UNPROCESSABLE':
      return 422;
    case 'RATE_LIMITED':
      return 429;
    case 'UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
    default: {
      const unreachable: never = code;
      throw new Error(`Unmapped error code ${String(unreachable)}`);
    }
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request too large',
  414: 'Address too long',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  431: 'Headers too large',
  500: 'Internal error',
  503: 'Service unavailable',
};

/** Fastify's own errors, in words a client's developer can act on (its messages quote the raw request back). */
const FRAMEWORK_DETAILS: Record<string, string> = {
  FST_ERR_BAD_URL: 'The address is not valid: it has a broken %-encoding.',
  FST_ERR_MAX_PARAM_LENGTH: 'A part of the address is too long.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE:
    'The body’s content type is not one this address takes (JSON: application/json).',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The body is too large.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The body is not as long as its Content-Length says.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The body is empty: send a JSON object, or no content type.',
  FST_ERR_CTP_INVALID_TYPE: 'The content type is not valid.',
};

/** Words for the errors Node answers on the socket, before any request exists. */
const SOCKET_DETAILS: Record<number, string> = {
  400: 'The request could not be read.',
  408: 'The request took too long to arrive.',
  431: 'The request’s headers are too large.',
};

/** A problem for a status alone (a request Node refused on the socket): no request, so a request id of its own. */
export function problemForStatus(status: number, instance: string, requestId: string): Problem {
  const code = CODE_OF_STATUS[status] ?? 'VALIDATION';
  return {
    type: `urn:hearth:problem:${code.toLowerCase()}`,
    title: TITLES[status] ?? 'Bad request',
    status,
    detail: SOCKET_DETAILS[status] ?? 'The request could not be read.',
    code,
    instance,
    requestId,
  };
}

const frameworkCode = (exception: unknown): string | undefined => {
  const cause = exception instanceof HttpException ? exception.cause : exception;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
};

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  410: 'GONE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

/** A volunteering role's requirements a volunteer does not hold: catalogue items (`{id, name, kind}`), no person. */
const isRequirements = (v: unknown): v is { id: string; name: string; kind: string }[] =>
  Array.isArray(v) &&
  v.length <= 100 &&
  v.every(
    (r: unknown) =>
      typeof r === 'object' &&
      r !== null &&
      ['id', 'name', 'kind'].every((k) => typeof (r as Record<string, unknown>)[k] === 'string'),
  );

const isNames = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string' && /^[a-z-]{1,40}$/.test(s));

/** Framework errors that are not ours but carry a meaningful status. */
const PASS_THROUGH_5XX = new Set([503]);

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  code: ErrorCode;
  reason?: string;
  errors?: FieldError[];
  errorId?: string;
  retryAfterSeconds?: number;
  /** Services whose part of an answer is missing (an incomplete data export is not given: 503). */
  missing?: string[];
  /** A sign-up refused `RequirementsMissing`: each requirement of the role the volunteer does not hold. */
  missingRequirements?: { id: string; name: string; kind: string }[];
  /** `/health/ready` answering 503: every check, up or down, with its details (why, a backlog, a timeout). */
  checks?: Record<string, unknown>;
}

/** Terminus's answer of a failed health check: `{status: 'error', info, error, details}`. */
const healthFailure = (
  exception: HttpException,
): { failed: string[]; checks: Record<string, unknown> } | null => {
  const body = exception.getResponse() as { status?: unknown; error?: unknown; details?: unknown };
  if (body?.status !== 'error' || typeof body.details !== 'object' || body.details === null) return null;
  const failed = typeof body.error === 'object' && body.error !== null ? Object.keys(body.error) : [];
  return { failed, checks: body.details as Record<string, unknown> };
};

/** Every error leaves the gateway as RFC 9457 problem+json with the request id; a 500 says nothing internal. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception, req);
    // A limit that says how long to wait says it in the standard header too (RFC 9110 §10.2.3).
    if (typeof problem.retryAfterSeconds === 'number')
      reply.header('retry-after', String(problem.retryAfterSeconds));
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(problem);
  }

  toProblem(exception: unknown, req: FastifyRequest): Problem {
    const base = { instance: req.url, requestId: String(req.id) };
    if (exception instanceof AppError) {
      const status = statusOf(exception.code);
      if (status >= 500)
        this.logger.warn(
          { code: exception.code, detail: exception.message, requestId: req.id },
          'Request failed',
        );
      return {
        type: `urn:hearth:problem:${exception.code.toLowerCase()}`,
        title: TITLES[status] ?? 'Error',
        status,
        detail: exception.message,
        code: exception.code,
        ...(exception.details?.reason ? { reason: exception.details.reason } : {}),
        ...(exception.details?.errors ? { errors: exception.details.errors } : {}),
        ...(typeof exception.details?.errorId === 'string' ? { errorId: exception.details.errorId } : {}),
        ...(typeof exception.details?.retryAfterSeconds === 'number'
          ? { retryAfterSeconds: exception.details.retryAfterSeconds }
          : {}),
        ...(isNames(exception.details?.missing) ? { missing: exception.details.missing } : {}),
        ...(isRequirements(exception.details?.missingRequirements)
          ? {
              missingRequirements: exception.details.missingRequirements.map(({ id, name, kind }) => ({
                id,
                name,
                kind,
              })),
            }
          : {}),
        ...base,
      };
    }
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : typeof (exception as { statusCode?: unknown })?.statusCode === 'number'
          ? (exception as { statusCode: number }).statusCode
          : 500;
    if ((status >= 400 && status < 500) || PASS_THROUGH_5XX.has(status)) {
      const code = CODE_OF_STATUS[status] ?? 'VALIDATION';
      const health = status === 503 && exception instanceof HttpException ? healthFailure(exception) : null;
      if (health) {
        // An operator asking why at 2 a.m. sees which check is down and what it said, not "Service Unavailable".
        return {
          type: 'urn:hearth:problem:unavailable',
          title: TITLES[503] ?? 'Service unavailable',
          status,
          detail: `Not ready: ${health.failed.join(', ') || 'a check failed'}.`,
          code: 'UNAVAILABLE',
          checks: health.checks,
          ...base,
        };
      }
      const message =
        FRAMEWORK_DETAILS[frameworkCode(exception) ?? ''] ??
        (exception instanceof Error ? exception.message : 'The request could not be understood.');
      return {
        type: `urn:hearth:problem:${code.toLowerCase()}`,
        title: TITLES[status] ?? 'Bad request',
        status,
        detail: message,
        code,
        ...base,
      };
    }
    const errorId = uuidv7();
    this.logger.error({ err: exception, errorId, requestId: req.id }, 'Unhandled error');
    return {
      type: 'urn:hearth:problem:internal',
      title: TITLES[500],
      status: 500,
      detail: `Something went wrong on our side. Quote error id ${errorId} if you contact support.`,
      code: 'INTERNAL',
      errorId,
      ...base,
    };
  }
}
