import type { FastifyReply } from 'fastify';
import type { Pages } from '../http/pages';
import { slugify } from '../http/slug.util';

/** `hearth-data-jo-bloggs-2027-01-05.json` */
export const exportFilename = (displayName: string, exportedAt: string) =>
  `hearth-data-${slugify(displayName) || 'member'}-${exportedAt.slice(0, 10)}.json`;

/** Everything Hearth holds about a person, as the JSON file to save (for them, or by them at `/me`). */
export function downloadExport(
  pages: Pages,
  reply: FastifyReply,
  displayName: string,
  data: { exportedAt: string },
): Promise<void> {
  return pages.download(
    reply,
    exportFilename(displayName, data.exportedAt),
    'application/json; charset=utf-8',
    `${JSON.stringify(data, null, 2)}\n`,
  );
}
