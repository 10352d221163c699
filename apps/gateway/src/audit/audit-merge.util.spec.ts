import type { AuditEntryView, Page } from '@hearth/contracts';
import { mergeAuditPages } from './audit-merge.util';

const entry = (n: number, source: string): AuditEntryView => ({
  id: `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  at: new Date(1_700_000_000_000 + n).toISOString(),
  actorAccountId: null,
  action: `${source}.${n}`,
  details: {},
});
const decode = (cursor: string) => Buffer.from(cursor, 'base64url').toString();

/** A newest-first source answering "up to `limit` entries older than the cursor", as the services do. */
function source(entries: AuditEntryView[]) {
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? 1 : -1));
  return (limit: number, cursor: string | null): Page<AuditEntryView> => {
    const older = cursor ? sorted.filter((e) => e.id < decode(cursor)) : sorted;
    const items = older.slice(0, limit);
    return {
      items,
      nextCursor: older.length > limit ? Buffer.from(items[items.length - 1].id).toString('base64url') : null,
    };
  };
}

describe('mergeAuditPages', () => {
  const tenants = [1, 2, 5, 9, 10, 11, 12].map((n) => entry(n, 'tenant'));
  const members = [3, 4, 6, 7, 8, 13, 14, 15, 16].map((n) => entry(n, 'member'));
  const expected = [...tenants, ...members]
    .map((e) => e.id)
    .sort()
    .reverse();

  it.each([1, 2, 3, 4, 7, 16, 50])(
    'pages through both sources with limit %i: every entry once, newest first',
    (limit) => {
      const a = source(tenants);
      const b = source(members);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = mergeAuditPages([a(limit, cursor), b(limit, cursor)], limit);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      expect(seen).toEqual(expected);
    },
  );

  it('ends with a null cursor when neither source has more', () => {
    const page = mergeAuditPages([source(tenants)(50, null), source(members)(50, null)], 50);
    expect(page.items).toHaveLength(16);
    expect(page.nextCursor).toBeNull();
  });

  it('copes with an empty source', () => {
    const page = mergeAuditPages([source(tenants)(3, null), { items: [], nextCursor: null }], 3);
    expect(page.items.map((e) => e.action)).toEqual(['tenant.12', 'tenant.11', 'tenant.10']);
    expect(decode(page.nextCursor!)).toBe(entry(10, 'x').id);
  });
});
