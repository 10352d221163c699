import { redactSecrets } from './redact.util';

describe('redactSecrets', () => {
  it('replaces secret-named values at any depth and leaves the rest as it was', () => {
    const record = {
      msg: 'handled',
      payload: { ctx: { requestId: 'r-1', token: 'eyJ.a.b' }, data: { email: 'a@b.org', password: 'pw' } },
      list: [{ refreshToken: 'x' }, { Authorization: 'Bearer y' }],
      code: 'VALIDATION',
    };
    expect(redactSecrets(record)).toEqual({
      msg: 'handled',
      payload: {
        ctx: { requestId: 'r-1', token: '[redacted]' },
        data: { email: 'a@b.org', password: '[redacted]' },
      },
      list: [{ refreshToken: '[redacted]' }, { Authorization: '[redacted]' }],
      code: 'VALIDATION',
    });
    expect(record.payload.ctx.token).toBe('eyJ.a.b');
  });

  it('returns the very same object when nothing is secret', () => {
    const record = { a: { b: [1, 2, { c: 'd' }] } };
    expect(redactSecrets(record)).toBe(record);
  });

  it('walks an error’s own properties, keeping its message and stack', () => {
    const err = Object.assign(new Error('failed'), { envelope: { ctx: { token: 't' } } });
    const out = redactSecrets({ err }) as unknown as { err: Record<string, unknown> };
    expect(out.err).toMatchObject({ message: 'failed', envelope: { ctx: { token: '[redacted]' } } });
    expect(out.err.stack).toContain('failed');
  });

  it('does not walk framework objects or cycles past its depth limit', () => {
    class Socket {
      token = 'kept: not a plain object';
    }
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(redactSecrets({ socket: new Socket() }).socket.token).toBe('kept: not a plain object');
    expect(() => redactSecrets(cyclic)).not.toThrow();
  });
});

describe('a PostgreSQL error in a log line', () => {
  /** What pg throws for a row that breaks a constraint, as MikroORM passes it on (fields copied). */
  const dbError = () =>
    Object.assign(new Error('invalid input syntax for type uuid: "jo@example.org"'), {
      severity: 'ERROR',
      code: '22P02',
      detail: 'Failing row contains (Jo Bloggs, jo@example.org, 07700 900123).',
      where: "unnamed portal parameter $1 = 'jo@example.org'",
      table: 'members',
      constraint: 'members_email_key',
    });

  it('keeps the code, table and constraint and drops every value', () => {
    const out = redactSecrets({ err: dbError() }) as unknown as { err: Record<string, unknown> };
    expect(out.err).toMatchObject({
      code: '22P02',
      table: 'members',
      constraint: 'members_email_key',
      detail: '[redacted]',
      where: '[redacted]',
      message: 'invalid input syntax for type uuid: "[redacted]"',
    });
    expect(JSON.stringify(out)).not.toMatch(/jo@example\.org|Bloggs|07700/);
  });

  it('never reaches pino’s output with the person’s values', async () => {
    const { default: pino } = await import('pino');
    const lines: string[] = [];
    const logger = pino(
      { formatters: { log: (record: Record<string, unknown>) => redactSecrets(record) } },
      { write: (line: string) => void lines.push(line) },
    );
    logger.error({ err: dbError() }, 'Unhandled error in a message handler');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('22P02');
    expect(lines[0]).not.toMatch(/jo@example\.org|Bloggs|07700/);
  });
});
