import type { ListingStatus, ListingView } from '@hearth/contracts';
import { detailsOf, dayInWords } from './listing-details';
import { shapeOfListing } from './listing-shape';

/** A listing's status as its curators read it, as a GOV.UK tag. */
export const STATUS_TAGS: Record<ListingStatus, { text: string; classes: string }> = {
  active: { text: 'In the directory', classes: 'govuk-tag--green' },
  inactive: { text: 'Hidden', classes: 'govuk-tag--grey' },
  retired: { text: 'Retired', classes: 'govuk-tag--red' },
};

/** A cursor from the query, when it could be one. */
export const cursorOf = (value: unknown) =>
  typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined;

/** "Never", or the day it was last checked. */
export const checkedInWords = (view: Pick<ListingView, 'assuredDate'>) =>
  view.assuredDate ? dayInWords(view.assuredDate) : 'Never';

/** A row of a curators' list of listings. */
export function listingRow(base: string, view: ListingView) {
  return {
    name: view.name,
    href: `${base}/listings/${view.id}`,
    organisation: view.organization.name,
    status: STATUS_TAGS[view.status],
    checked: checkedInWords(view),
  };
}

/** A listing as its curators see it: its details as the public reads them, and its record. */
export function curatedListing(view: ListingView) {
  return {
    view,
    status: STATUS_TAGS[view.status],
    checked: checkedInWords(view),
    assurer: view.assurerEmail,
    details: detailsOf(shapeOfListing(view), {
      organisation: view.organization.name,
      termNames: new Map(view.taxonomyTerms.map((t) => [t.id, t.name])),
      assuredDate: view.assuredDate,
    }),
    source: view.source && view.source !== 'curated' && view.source !== 'lero' ? view.source : undefined,
    // Kept by a LERO from its activity: curators check or retire it, the LERO changes it (ADR 0049).
    keptByLero: view.source === 'lero',
    changed: dayInWords(view.lastModified.slice(0, 10)),
  };
}
