import type { FastifyReply } from 'fastify';
import type { Pages, WebRequest } from '../http/pages';
import { regionAdminOf } from '../navigation/navigation';
import type { CuratorPage } from './curator-page';

/** How many of a list to count on the home page: beyond it, "100 or more". */
const COUNT_UP_TO = 100;

const counted = (page: { items: unknown[]; nextCursor: string | null }) =>
  page.nextCursor ? `${COUNT_UP_TO} or more` : String(page.items.length);

/**
 * A region's directory for its curators: what waits for them (LEROs' suggestions, listings due a check), the
 * listings, a new one, the public directory, and (for its admins) the address assuring writes.
 */
export async function renderCuratorHome(
  pages: Pages,
  req: WebRequest,
  reply: FastifyReply,
  { region, viewer, curation }: CuratorPage,
): Promise<void> {
  const [waiting, due, settings] = await Promise.all([
    curation.suggestions(region.id, { status: 'pending', limit: COUNT_UP_TO }),
    curation.needsReview(region.id, { limit: COUNT_UP_TO }),
    curation.settings(region.id),
  ]);
  const base = `/regions/${region.id}/directory`;
  await pages.render(req, reply, 'directory/curate', {
    region,
    base,
    waiting: counted(waiting),
    due: counted(due),
    settings,
    reviewMonths: settings.reviewMonths,
    settingsHref: regionAdminOf(viewer, region.id) ? `${base}/settings` : undefined,
    publicHref: `/regions/${region.slug}/directory`,
  });
}
