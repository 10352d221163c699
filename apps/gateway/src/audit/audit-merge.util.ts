import type { AuditEntryView, Page } from '@hearth/contracts';

/** The services' own cursor format: the last id seen, base64url (see `@hearth/persistence` cursor.util). */
const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');

/**
 * One newest-first page from several newest-first sources, each asked for up to `limit` entries older than
 * the same cursor. Ids are UUIDv7 across services, so the last id taken is a cursor every source understands:
 * entries a source returned but that did not fit come back on the next page, and none is seen twice.
 */
export function mergeAuditPages(pages: Page<AuditEntryView>[], limit: number): Page<AuditEntryView> {
  const all = pages.flatMap((p) => p.items).sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const items = all.slice(0, limit);
  const more = all.length > limit || pages.some((p) => p.nextCursor !== null);
  return { items, nextCursor: more && items.length > 0 ? encodeCursor(items[items.length - 1].id) : null };
}
