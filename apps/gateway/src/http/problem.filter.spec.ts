import { BadRequestException, ForbiddenException, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError, ERROR_CODES, type ErrorCode } from '@hearth/contracts';
import { ProblemFilter, statusOf } from './problem.filter';

const EXPECTED_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

const request = { url: '/x', id: 'req-1' } as unknown as FastifyRequest;

describe('statusOf', () => {
  it('has an expected status for every error code', () => {
    expect(Object.keys(EXPECTED_STATUS).sort()).toEqual([...ERROR_CODES].sort());
  });

  it.each(ERROR_CODES.map((code) => [code, EXPECTED_STATUS[code]] as const))(
    'maps %s to %i',
    (code, status) => {
      expect(statusOf(code)).toBe(status);
    },
  );

  it('throws for a code outside the contract rather than guessing', () => {
    expect(() => statusOf('TEAPOT' as ErrorCode)).toThrow('Unmapped error code TEAPOT');
  });
});

describe('ProblemFilter.toProblem', () => {
  const filter = new ProblemFilter();
  let errorLog: jest.SpyInstance;
  let warnLog: jest.SpyInstance;

  beforeEach(() => {
    errorLog = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    warnLog = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('turns a VALIDATION AppError into a 400 problem that keeps the field errors', () => {
    const errors = [{ field: 'slug', message: 'must be lower-case letters' }];
    const problem = filter.toProblem(new AppError('VALIDATION', 'Invalid slug.', { errors }), request);
    expect(problem).toEqual({
      type: 'urn:hearth:problem:validation',
      title: 'Bad request',
      status: 400,
      detail: 'Invalid slug.',
      code: 'VALIDATION',
      errors,
      instance: '/x',
      requestId: 'req-1',
    });
  });

  it('passes the domain reason of an AppError on', () => {
    const problem = filter.toProblem(
      new AppError('FORBIDDEN', 'This LERO is suspended.', { reason: 'TenantClosed' }),
      request,
    );
    expect(problem).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      reason: 'TenantClosed',
      requestId: 'req-1',
    });
  });

  it('names the missing parts of an incomplete answer, and only plain service names', () => {
    const incomplete = new AppError('UNAVAILABLE', 'Not in full.', {
      reason: 'ExportIncomplete',
      missing: ['events'],
      retryAfterSeconds: 30,
    });
    expect(filter.toProblem(incomplete, request)).toMatchObject({
      status: 503,
      reason: 'ExportIncomplete',
      missing: ['events'],
      retryAfterSeconds: 30,
    });
    const odd = new AppError('UNAVAILABLE', 'x', { missing: ['<script>', 42] });
    expect(filter.toProblem(odd, request)).not.toHaveProperty('missing');
  });

  it('names the requirements a volunteer lacks (catalogue items only), and drops anything else', () => {
    const item = { id: '01900000-0000-7000-8000-0000000000e1', name: 'Safeguarding', kind: 'training' };
    const refused = new AppError('CONFLICT', 'Needs Safeguarding.', {
      reason: 'RequirementsMissing',
      missingRequirements: [{ ...item, holder: 'someone' }],
    });
    expect(filter.toProblem(refused, request)).toMatchObject({
      status: 409,
      reason: 'RequirementsMissing',
      missingRequirements: [item],
    });
    expect(filter.toProblem(refused, request).missingRequirements?.[0]).not.toHaveProperty('holder');
    const odd = new AppError('CONFLICT', 'x', { missingRequirements: [{ id: 1 }] });
    expect(filter.toProblem(odd, request)).not.toHaveProperty('missingRequirements');
  });

  it.each(ERROR_CODES)('gives an AppError %s the status of its code', (code) => {
    expect(filter.toProblem(new AppError(code, 'x'), request).status).toBe(EXPECTED_STATUS[code]);
  });

  it('answers an unknown Error with a 500 that carries an error id and hides the original message', () => {
    const problem = filter.toProblem(
      new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'),
      request,
    );
    expect(problem.status).toBe(500);
    expect(problem.code).toBe('INTERNAL');
    expect(problem.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(problem.detail).toContain(problem.errorId);
    expect(problem.detail).not.toContain('ECONNREFUSED');
    expect(problem.detail).not.toContain('hunter2');
    expect(JSON.stringify(problem)).not.toContain('hunter2');
    expect(problem.requestId).toBe('req-1');
    expect(problem.instance).toBe('/x');
  });

  it('logs an unknown Error with the same error id it returns', () => {
    const boom = new Error('boom');
    const problem = filter.toProblem(boom, request);
    expect(errorLog).toHaveBeenCalledWith(
      expect.objectContaining({ err: boom, errorId: problem.errorId, requestId: 'req-1' }),
      'Unhandled error',
    );
  });

  it('gives each unknown Error its own error id', () => {
    const a = filter.toProblem(new Error('a'), request);
    const b = filter.toProblem(new Error('b'), request);
    expect(a.errorId).not.toBe(b.errorId);
  });

  it('answers a thrown non-Error value with a 500 too', () => {
    expect(filter.toProblem('just a string', request)).toMatchObject({ status: 500, code: 'INTERNAL' });
  });

  it('maps a NotFoundException to 404 NOT_FOUND', () => {
    const problem = filter.toProblem(new NotFoundException(), request);
    expect(problem).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Not found', requestId: 'req-1' });
    expect(problem.errorId).toBeUndefined();
  });

  it('maps other 4xx HttpExceptions to their codes', () => {
    expect(filter.toProblem(new ForbiddenException(), request)).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(filter.toProblem(new BadRequestException('bad'), request)).toMatchObject({
      status: 400,
      code: 'VALIDATION',
      detail: 'bad',
    });
  });

  it('takes the status of a framework error that carries a statusCode (e.g. a body too large)', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(filter.toProblem(tooLarge, request)).toMatchObject({
      status: 413,
      title: 'Request too large',
      code: 'VALIDATION',
    });
  });

  it('does not log a 4xx as an unhandled error', () => {
    filter.toProblem(new NotFoundException(), request);
    filter.toProblem(new AppError('NOT_FOUND', 'LERO was not found.'), request);
    expect(errorLog).not.toHaveBeenCalled();
    expect(warnLog).not.toHaveBeenCalled();
  });
});
