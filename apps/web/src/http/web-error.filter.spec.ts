import { DOMAIN_REASONS } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { REASON_TITLES } from './reason-titles';
import { WebErrorFilter, safeNext } from './web-error.filter';

describe('safeNext', () => {
  it.each([
    '/account',
    '/leros/1?x=y',
    '/leros/01900000-0000-7000-8000-000000000001/members?q=jo&status=left',
    '/leros/phoenix/sessions?cursor=eyJhIjoxfQ%3D%3D',
    '/leros/caf%C3%A9',
  ])('keeps the local path %s', (path) => expect(safeNext(path)).toBe(path));

  it.each([
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    'account',
    '/sign-in',
    '/a b',
    undefined,
    // Issue 14's probes, each a 500 before (a Location header Node cannot send): now home instead.
    '/\u0000',
    '/\u0001/evil.example',
    '/\u007f',
    '/\u202e',
    '/café',
    // %-escapes of the same: control characters, a direction override, broken UTF-8, a backslash, `//`.
    '/%00',
    '/%01/evil.example',
    '/%7F',
    '/%E2%80%AE',
    '/%ED%A0%80',
    '/%zz',
    '/%0d%0aSet-Cookie:x=1',
    '/%5Cevil.example',
    '/%2Fevil.example',
    `/${'a'.repeat(2001)}`,
    '/#fragment',
  ])('drops %j', (path) => expect(safeNext(path)).toBeUndefined());
});

describe('the page of a refusal', () => {
  const filter = new WebErrorFilter({} as never, {} as never);
  const req = { url: '/leros/x', method: 'POST' } as never;

  it('is headed by its reason, in words', () => {
    const page = filter.toPage(
      new ApiError(409, 'CONFLICT', 'This session has been cancelled.', { reason: 'SessionCancelled' }),
      req,
    );
    expect(page).toMatchObject({ status: 409, title: 'This session has been cancelled' });
  });

  it('has a general heading when the API gave no reason', () => {
    expect(filter.toPage(new ApiError(409, 'CONFLICT', 'No.'), req).title).toBe('That could not be done');
  });

  it('has words for every reason', () => {
    const titles = DOMAIN_REASONS.map((r) => REASON_TITLES[r]);
    expect(titles.every((t) => t.length > 0)).toBe(true);
    expect(Object.keys(REASON_TITLES).sort()).toEqual([...DOMAIN_REASONS].sort());
  });
});
