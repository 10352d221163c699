import { DriverException } from '@mikro-orm/core';
import { AppError } from '@hearth/contracts';
import { RpcErrorFilter } from './rpc-error.filter';

/** pg's error for a connection Postgres ends, with its SQLSTATE, and the others a restart produces. */
const pgError = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

describe('RpcErrorFilter', () => {
  const filter = new RpcErrorFilter();

  it.each([
    [
      'a connection Postgres terminated (57P01)',
      pgError('terminating connection due to administrator command', '57P01'),
    ],
    ['a server that is starting up (57P03)', pgError('the database system is starting up', '57P03')],
    ['a refused connection', pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', pgError('read ECONNRESET', 'ECONNRESET')],
    ['a connection that ended mid-query', pgError('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', pgError('timeout exceeded when trying to connect')],
    ['MikroORM’s wrapping of any of them', new DriverException(pgError('terminating connection', '57P01'))],
  ])('answers %s with a retryable 503, never a 500', (_, err) => {
    expect(filter.toShape(err)).toEqual({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('try again'),
      details: { reason: 'DatabaseUnavailable', retryAfterSeconds: 5 },
    });
  });

  it('keeps other failures internal, with an error id', () => {
    expect(filter.toShape(pgError('division by zero', '22012'))).toMatchObject({
      code: 'INTERNAL',
      details: { errorId: expect.any(String) },
    });
  });

  it('passes coded errors through', () => {
    expect(filter.toShape(new AppError('NOT_FOUND', 'Member was not found.'))).toEqual({
      code: 'NOT_FOUND',
      message: 'Member was not found.',
    });
  });
});
