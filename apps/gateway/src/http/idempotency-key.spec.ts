import { AppError } from '@hearth/contracts';
import { parseIdempotencyKey } from './idempotency-key';

const refusal = (raw: string | string[]) => {
  try {
    parseIdempotencyKey(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION');
    expect((err as AppError).details?.errors).toEqual([
      { field: 'Idempotency-Key', message: expect.any(String) },
    ]);
    return (err as AppError).message;
  }
  throw new Error(`${JSON.stringify(raw)} was taken`);
};

describe('parseIdempotencyKey', () => {
  it('is undefined without the header', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it('takes a structured-field string as the draft spells it, and the same characters bare, as one key', () => {
    const uuid = '8e03978e-40d5-43e8-bc93-6894a57f9324';
    expect(parseIdempotencyKey(`"${uuid}"`)).toBe(uuid);
    expect(parseIdempotencyKey(uuid)).toBe(uuid);
    expect(parseIdempotencyKey(`  "${uuid}"\t`)).toBe(uuid);
    expect(parseIdempotencyKey('"a key with spaces"')).toBe('a key with spaces');
    expect(parseIdempotencyKey('"say \\"hi\\" \\\\ bye"')).toBe('say "hi" \\ bye');
    expect(parseIdempotencyKey('abc+/=_~!#$%&*.^`|')).toBe('abc+/=_~!#$%&*.^`|');
    expect(parseIdempotencyKey(`"${'k'.repeat(255)}"`)).toHaveLength(255);
  });

  it.each([
    ['empty', ''],
    ['empty quoted', '""'],
    ['blank', '   '],
    ['too long', 'k'.repeat(256)],
    ['too long quoted', `"${'k'.repeat(256)}"`],
    ['not closed', '"abc'],
    ['something after the string', '"abc";a=1'],
    ['two values (a repeated header, as Node joins them)', '"abc", "def"'],
    ['a bad escape', '"a\\bc"'],
    ['not ASCII', '"café"'],
    ['a control character', '"a\u0001b"'],
    ['bare with a space', 'a b'],
    ['bare with a comma', 'a,b'],
    ['bare with a quote inside', 'a"b'],
    ['bare not ASCII', 'clé'],
  ])('refuses %s with a 400 naming the header', (_, raw) => {
    expect(refusal(raw)).toMatch(/^Invalid Idempotency-Key header: /);
  });

  it('refuses the header sent twice', () => {
    expect(refusal(['a', 'b'])).toContain('once');
  });
});
