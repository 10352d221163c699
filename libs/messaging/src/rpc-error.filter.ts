import { Catch, HttpException, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { throwError, type Observable } from 'rxjs';
import { uuidv7 } from 'uuidv7';
import { AppError, type ErrorShape } from '@hearth/contracts';
import { isDatabaseUnavailable } from '@hearth/persistence';

/** How long a caller is told to wait before trying again while the database is away (a restart takes seconds). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const logger = new Logger('RpcErrorFilter');

/** A failure the message pipeline already mapped, carried through Nest's observable to the filter unchanged. */
export class MappedFailure extends Error {
  constructor(readonly shape: ErrorShape) {
    super(shape.message);
    this.name = 'MappedFailure';
  }
}

/** Every failure leaves a service as `{ code, message, details }`; unknown ones get an error id for the log. */
export function errorShapeOf(exception: unknown): ErrorShape {
  if (exception instanceof MappedFailure) return exception.shape;
  if (exception instanceof AppError) return exception.toShape();
  if (exception instanceof UniqueConstraintViolationException) {
    return { code: 'CONFLICT', message: 'That conflicts with something that already exists.' };
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    return { code: 'VALIDATION', message: exception.message };
  }
  // The database restarting, failing over or unreachable: "try again", not a bug (503, never 500).
  if (isDatabaseUnavailable(exception)) {
    logger.warn(
      `A request met an unavailable database: ${exception instanceof Error ? exception.message.split('\n')[0] : String(exception)}`,
    );
    return {
      code: 'UNAVAILABLE',
      message: 'The service cannot reach its database just now; try again shortly.',
      details: { reason: 'DatabaseUnavailable', retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
    };
  }
  const errorId = uuidv7();
  logger.error({ err: exception, errorId }, 'Unhandled error in a message handler');
  return {
    code: 'INTERNAL',
    message: `Something went wrong on our side (error id ${errorId}).`,
    details: { errorId },
  };
}

/** The Nest face of `errorShapeOf`: what a message handler's failure leaves the service as. */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => this.toShape(exception));
  }

  toShape(exception: unknown): ErrorShape {
    return errorShapeOf(exception);
  }
}
