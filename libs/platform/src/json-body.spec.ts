import { AppError } from '@hearth/contracts';
import { jsonShapeProblem, parseJsonBody } from './json-body';

const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

function refusal(text: string): AppError {
  try {
    parseJsonBody(text);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the body to be refused');
}

describe('JSON bodies under the input policy', () => {
  it('parses an ordinary body', () => {
    expect(parseJsonBody('{"title":"Walk {with} \\"quotes\\"","tags":["a","b"],"n":[[1],[2]]}')).toEqual({
      title: 'Walk {with} "quotes"',
      tags: ['a', 'b'],
      n: [[1], [2]],
    });
  });

  it('refuses a key given twice, naming it, however it is spelt', () => {
    expect(jsonShapeProblem('{"displayName":"a","displayName":"b"}')).toEqual({
      field: 'displayName',
      message: expect.stringContaining('appears twice'),
    });
    expect(jsonShapeProblem('{"a":1,"\\u0061":2}')?.field).toBe('a');
    expect(jsonShapeProblem('{"schedule":{"rrule":"x","rrule":null}}')?.field).toBe('schedule.rrule');
    expect(jsonShapeProblem('{"items":[{"a":1},{"a":1,"a":2}]}')?.field).toBe('items.1.a');
    // The same key in two objects is not a duplicate.
    expect(jsonShapeProblem('{"a":{"x":1},"b":{"x":1}}')).toBeUndefined();
  });

  it('refuses nesting deeper than 32 levels before parsing, 20,000 levels included', () => {
    expect(jsonShapeProblem(deep(32))).toBeUndefined();
    expect(jsonShapeProblem(deep(33))?.message).toContain('nests too deeply');
    const started = Date.now();
    expect(refusal(deep(20_000)).details?.errors?.[0].message).toContain('nests too deeply');
    expect(refusal(`${'['.repeat(20_000)}${']'.repeat(20_000)}`).code).toBe('VALIDATION');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses the keys that reach a prototype', () => {
    expect(refusal('{"__proto__":{"isAdmin":true}}').details?.errors?.[0].field).toBe('__proto__');
    expect(refusal('{"constructor":{"prototype":{"isAdmin":true}}}').details?.errors?.[0].field).toBe(
      'constructor.prototype',
    );
  });

  it('says what is wrong with a body that is not JSON, or empty', () => {
    expect(refusal('{"a":}').message).toMatch(/^The body is not valid JSON/);
    expect(refusal('').message).toContain('The body is empty');
  });
});
