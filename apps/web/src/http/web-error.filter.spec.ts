import { safeNext } from './web-error.filter';

describe('safeNext', () => {
  it.each(['/account', '/leros/1?x=y'])('keeps the local path %s', (path) =>
    expect(safeNext(path)).toBe(path),
  );

  it.each([
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    'account',
    '/sign-in',
    '/a b',
    undefined,
  ])('drops %s', (path) => expect(safeNext(path)).toBeUndefined());
});
