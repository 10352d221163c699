import type { InterestOutcome, RoleInterestsView } from '@hearth/contracts';
import { longDate } from '../http/time';

/** What a coordinator's follow-up says, in the pages' words. */
export const OUTCOME_WORDS: Record<InterestOutcome, string> = {
  'became-volunteer': 'Became a volunteer',
  'not-now': 'Not now',
};

/** A role's interested people as its page shows them to staff: open ones first, each with its follow-up. */
export const interestsView = (list: RoleInterestsView) => {
  const cards = list.items.map((i) => ({
    id: i.id,
    name:
      i.displayName ??
      (list.names === 'unavailable' ? 'A member (names cannot be shown just now)' : 'A former member'),
    note: i.note,
    since: longDate(i.createdAt),
    open: i.status === 'open',
    outcome: i.outcome ? OUTCOME_WORDS[i.outcome] : undefined,
  }));
  return { open: cards.filter((c) => c.open), closed: cards.filter((c) => !c.open), more: !!list.nextCursor };
};
