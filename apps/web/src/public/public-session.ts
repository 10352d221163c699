import type { PublicSessionView } from '@hearth/contracts';
import { clockTime, localDay, longDate } from '../http/time';
import { categoryName } from '../programme/categories';
import { placeOf } from '../programme/session-card';

/** A public session as anyone sees it: never who is going or who came, only places left. */
export function publicSessionCard(s: PublicSessionView) {
  return {
    id: s.id,
    title: s.title,
    category: categoryName(s.category),
    description: s.description,
    day: longDate(s.startsAt, s.timezone),
    dayKey: localDay(s.startsAt, s.timezone),
    time: `${clockTime(s.startsAt, s.timezone)} to ${clockTime(s.endsAt, s.timezone)}`,
    place: placeOf(s.location),
    onlineUrl: s.location?.onlineUrl ?? undefined,
    cancelled: s.status === 'cancelled',
    places:
      s.placesLeft === null
        ? undefined
        : s.placesLeft === 0
          ? 'Full'
          : `${s.placesLeft} ${s.placesLeft === 1 ? 'place' : 'places'} left`,
  };
}
