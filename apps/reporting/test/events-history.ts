import fc from 'fast-check';
import { EventsEvents } from '@hearth/contracts';
import type { Fact, History } from '@hearth/testing';

const CATEGORIES = ['walking', 'music', 'peer-support'] as const;
const DATES = ['2026-02-27', '2026-03-01', '2026-03-31', '2026-04-01', '2026-07-15'];

export const PARTICIPANTS = [0, 1, 2, 3];
export const participantKey = (participant: number) => `participant-key-${participant}-0000`;

/**
 * Sessions of one LERO on some of `dates`: held or not, each participant's check-in toggled in turn, walk-ins and
 * recounts; some participants erased (members erased in events, which tells reporting their key), any time.
 */
export function eventsHistory(dates: string[] = DATES): fc.Arbitrary<History> {
  const session = fc.record({
    sessionId: fc.uuid({ version: 4 }),
    category: fc.constantFrom(...CATEGORIES),
    sessionDate: fc.constantFrom(...dates),
    held: fc.boolean(),
    // Each participant's check-in toggled in turn: recorded, removed, recorded …
    toggles: fc.array(fc.tuple(fc.constantFrom(...PARTICIPANTS), fc.integer({ min: 1, max: 3 })), {
      maxLength: 4,
    }),
    walkIns: fc.array(
      fc.integer({ min: -3, max: 6 }).filter((n) => n !== 0),
      { maxLength: 3 },
    ),
  });
  const sessions = fc.array(session, { minLength: 1, maxLength: 3 }).map((list) =>
    list.flatMap((s) => {
      const facts = (tenantId: string) => ({
        tenantId,
        sessionId: s.sessionId,
        activityId: s.sessionId,
        category: s.category,
        sessionDate: s.sessionDate,
        startsAt: `${s.sessionDate}T10:00:00.000Z`,
        attended: 0,
        walkIns: 0,
        total: 0,
      });
      const at = `${s.sessionDate}T11:00:00.000Z`;
      const out: Fact[] = [];
      for (const [participant, times] of s.toggles)
        for (let i = 0; i < times; i++)
          out.push({
            subject: i % 2 === 0 ? EventsEvents.attendanceRecorded : EventsEvents.attendanceRemoved,
            at,
            data: (tenantId) => ({ ...facts(tenantId), participantKey: participantKey(participant) }),
          });
      for (const change of s.walkIns)
        out.push({
          subject: EventsEvents.walkInsRecorded,
          at,
          data: (tenantId) => ({ ...facts(tenantId), change }),
        });
      if (s.held)
        out.push({
          subject: EventsEvents.sessionHeld,
          at,
          data: (tenantId) => ({ ...facts(tenantId), endsAt: `${s.sessionDate}T12:00:00.000Z` }),
        });
      return out;
    }),
  );
  // Some participants erased (members erased in events, which tells reporting their key), any time.
  const erasures = fc.subarray(PARTICIPANTS).map((erased) =>
    erased.map((participant): Fact => ({
      subject: EventsEvents.participantErased,
      at: '2026-05-01T09:00:00.000Z',
      data: (tenantId) => ({
        tenantId,
        participantKey: participantKey(participant),
        erasedAt: '2026-05-01T09:00:00.000Z',
      }),
    })),
  );
  return fc.tuple(sessions, erasures).map(([facts, erased]) => [...facts, ...erased]);
}
