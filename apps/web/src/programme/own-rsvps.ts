import type { RsvpStatus, SessionView } from '@hearth/contracts';
import type { HearthApiCalls } from '../api/hearth-api';

/** RSVP lists are asked one per session for a member's list: at most this many at once. */
const LOOKUPS_AT_ONCE = 8;

/**
 * A member's own RSVP to each session still open to RSVPs. The API lists RSVPs per session (a member sees
 * only their own), so a member's list asks once per session, a few at a time.
 */
export async function ownRsvps(
  calls: HearthApiCalls,
  tenantId: string,
  sessions: SessionView[],
  memberId: string,
): Promise<Map<string, RsvpStatus>> {
  const statuses = new Map<string, RsvpStatus>();
  const open = sessions.filter((s) => s.status === 'scheduled');
  for (let i = 0; i < open.length; i += LOOKUPS_AT_ONCE) {
    const batch = open.slice(i, i + LOOKUPS_AT_ONCE);
    const lists = await Promise.all(batch.map((s) => calls.rsvps(tenantId, s.id)));
    batch.forEach((s, j) => {
      const own = lists[j].items.find((r) => r.memberId === memberId);
      if (own) statuses.set(s.id, own.status);
    });
  }
  return statuses;
}
