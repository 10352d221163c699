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
