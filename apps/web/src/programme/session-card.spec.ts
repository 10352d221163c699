import type { SessionView } from '@hearth/contracts';
import { byDay, registerState, sessionCard } from './session-card';

const session = (over: Partial<SessionView> = {}): SessionView => ({
  id: 's1',
  activityId: 'a1',
  title: 'Walking group',
  category: 'walking',
  visibility: 'public',
  location: {
    name: 'Leazes Park gates',
    address: null,
    postcode: 'NE1 4PF',
    latitude: null,
    longitude: null,
    onlineUrl: null,
  },
  startsAt: '2027-07-06T09:00:00.000Z', // 10:00 in London (summer time)
  endsAt: '2027-07-06T10:30:00.000Z',
  timezone: 'Europe/London',
  status: 'scheduled',
  cancelReason: null,
  capacity: 12,
  going: 3,
  waitlisted: 0,
  attended: 2,
  walkIns: 1,
  ...over,
});

describe('a session card', () => {
  it('shows the day and time on the session’s own wall clock', () => {
    const card = sessionCard(session(), Date.parse('2027-07-01T00:00:00Z'));
    expect(card).toMatchObject({
      day: 'Tuesday 6 July 2027',
      time: '10:00 to 11:30',
      place: 'Leazes Park gates, NE1 4PF',
      category: 'Walking',
      total: 3,
      register: 'not-open',
      registerOpensAt: '09:00',
    });
  });

  it('opens the register an hour before the start and closes it 30 days after', () => {
    const start = Date.parse('2027-07-06T09:00:00.000Z');
    expect(registerState(session(), start - 3600_001)).toBe('not-open');
    expect(registerState(session(), start - 3600_000)).toBe('open');
    expect(registerState(session(), start + 30 * 86_400_000)).toBe('open');
    expect(registerState(session(), start + 30 * 86_400_000 + 1)).toBe('closed');
    expect(registerState(session({ status: 'cancelled' }), start)).toBe('cancelled');
  });

  it('is happening now from its start until its end, unless cancelled', () => {
    const start = Date.parse('2027-07-06T09:00:00.000Z');
    const at = (now: number, over: Partial<SessionView> = {}) => sessionCard(session(over), now);
    expect(
      [at(start - 1), at(start), at(start + 90 * 60_000 - 1), at(start + 90 * 60_000)].map(
        (c) => c.inProgress,
      ),
    ).toEqual([false, true, true, false]);
    expect(at(start + 1).upcoming).toBe(false);
    expect(at(start + 1, { status: 'cancelled' }).inProgress).toBe(false);
  });

  it('groups sessions by their local day, in order', () => {
    const days = byDay([
      sessionCard(session({ id: 'a' })),
      sessionCard(
        session({ id: 'b', startsAt: '2027-07-06T23:30:00.000Z', endsAt: '2027-07-07T00:00:00.000Z' }),
      ),
    ]);
    expect(days.map((d) => [d.day, d.sessions.map((s) => s.id)])).toEqual([
      ['Tuesday 6 July 2027', ['a']],
      ['Wednesday 7 July 2027', ['b']], // 00:30 in London (summer time): already the next day there
    ]);
  });
});
