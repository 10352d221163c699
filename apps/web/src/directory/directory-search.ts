import { HEARTH_TAXONOMY_TERMS, normalisePostcode, type OrukPage } from '@hearth/contracts';
import type { FeedQuery } from '../api/directory-feed-api';
import { FormErrors } from '../http/form.util';
import type { HsdsService } from '../api/hsds';

/** The distances the search offers, in kilometres ('' is any distance, nearest first). */
export const DISTANCES = ['1', '3', '5', '10', '25'] as const;
export const DEFAULT_DISTANCE = '3';
/** Results on a page: a phone's screenful or two. */
export const RESULTS_PER_PAGE = 10;
const MAX_PAGE = 1_000_000;

/** Hearth's categories by name, as the filter offers them. */
export const CATEGORIES = [...HEARTH_TAXONOMY_TERMS].sort((a, b) => a.name.localeCompare(b.name));

/** What the search form says, as text (the query of `/regions/{slug}/directory`). */
export interface SearchValues {
  q: string;
  category: string;
  postcode: string;
  distance: string;
  page: number;
}

const one = (query: Record<string, unknown>, name: string) => {
  const value = query[name];
  return typeof value === 'string' ? value.trim() : '';
};

/** The search as asked, checked as the page can check it; the feed checks the postcode against its list. */
export function readSearch(query: unknown): { values: SearchValues; errors: FormErrors; feed?: FeedQuery } {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const page = Number(one(q, 'page'));
  const values: SearchValues = {
    q: one(q, 'q'),
    category: one(q, 'category'),
    postcode: one(q, 'postcode'),
    distance: 'distance' in q ? one(q, 'distance') : DEFAULT_DISTANCE,
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
  };
  const errors = new FormErrors();
  if (values.q.length > 200) errors.add('q', 'Search words must be 200 characters or fewer');
  if (values.category && !CATEGORIES.some((c) => c.id === values.category))
    errors.add('category', 'Select a category from the list');
  const postcode = values.postcode ? normalisePostcode(values.postcode) : null;
  if (values.postcode && !postcode) errors.add('postcode', 'Enter a real postcode, like LS1 4AP');
  if (values.distance && !(DISTANCES as readonly string[]).includes(values.distance))
    errors.add('distance', 'Select a distance from the list');
  if (!errors.ok) return { values, errors };
  return {
    values,
    errors,
    feed: {
      search: values.q || undefined,
      taxonomy_term_id: values.category || undefined,
      postcode: postcode ?? undefined,
      // A distance means nothing without a postcode to measure from.
      proximity: postcode && values.distance ? Number(values.distance) * 1000 : undefined,
      page: values.page,
      per_page: RESULTS_PER_PAGE,
    },
  };
}

/** The search's own query string (a page of it, a listing's way back to it); '' for the whole directory. */
export function searchQuery(values: SearchValues, page = values.page): string {
  const params = new URLSearchParams();
  if (values.q) params.set('q', values.q);
  if (values.category) params.set('category', values.category);
  if (values.postcode) {
    params.set('postcode', values.postcode);
    params.set('distance', values.distance);
  }
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The first words of a description, for a list of results. */
export function summaryOf(description: string | undefined, max = 160): string {
  const text = (description ?? '').replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  return `${text.slice(0, text.lastIndexOf(' ', max - 1) > 0 ? text.lastIndexOf(' ', max - 1) : max)}…`;
}

/** A page of results as the page lists them, and GOV.UK pagination for the others. */
export function resultsOf(slug: string, values: SearchValues, page: OrukPage<HsdsService>) {
  const base = `/regions/${encodeURIComponent(slug)}/directory`;
  const here = searchQuery(values);
  const href = (n: number) => `${base}${searchQuery(values, n)}`;
  const last = page.total_pages;
  const current = page.page_number;
  const numbers = [...new Set([1, current - 1, current, current + 1, last])]
    .filter((n) => n >= 1 && n <= last)
    .sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  numbers.forEach((n, i) => {
    if (i > 0 && n - numbers[i - 1] > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === current });
  });
  return {
    total: page.total_items,
    items: page.contents.map((s) => ({
      name: s.name,
      href: `${base}/services/${encodeURIComponent(s.id)}${here}`,
      organisation: s.organization?.name,
      summary: summaryOf(s.description),
    })),
    pagination:
      last > 1
        ? {
            items,
            previous: current > 1 ? { href: href(current - 1) } : undefined,
            next: current < last ? { href: href(current + 1) } : undefined,
          }
        : undefined,
  };
}
