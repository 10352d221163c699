import { boundedPage, decodeCursor } from './cursor.util';

const rows = (n: number, size = 10) =>
  Array.from({ length: n }, (_, i) => ({
    id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    text: 'x'.repeat(size),
  }));

describe('boundedPage', () => {
  it('gives up to `limit` rows and the cursor after the last when more follow', () => {
    const page = boundedPage(rows(4), 3, 10_000, (r) => [r.text]);
    expect(page.rows).toHaveLength(3);
    expect(decodeCursor(page.nextCursor!)).toBe(rows(4)[2].id);
    expect(boundedPage(rows(3), 3, 10_000, (r) => [r.text]).nextCursor).toBeNull();
  });

  it('stops before the bytes run over, and always gives at least one row', () => {
    const page = boundedPage(rows(10, 100), 10, 350, (r) => [r.text]);
    expect(page.rows).toHaveLength(3);
    expect(decodeCursor(page.nextCursor!)).toBe(rows(10)[2].id);
    const huge = boundedPage(rows(2, 1000), 10, 100, (r) => [r.text]);
    expect(huge.rows).toHaveLength(1);
    expect(decodeCursor(huge.nextCursor!)).toBe(rows(2)[0].id);
  });
});
