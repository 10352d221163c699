import { AppError } from './errors';
import { DOMAIN_EVENT_PAYLOADS, typedEvent } from './event-map';
import type { DomainEvent } from './events';
import {
  AdvocacyEvents,
  DirectoryEvents,
  EventsEvents,
  MembershipEvents,
  TenantsEvents,
  TestimonyEvents,
  ReportingEvents,
  VolunteeringEvents,
} from './index';

const LERO = '01900000-0000-7000-8000-0000000000a1';
const OTHER = '01900000-0000-7000-8000-0000000000a2';
const event = (subject: string, data: unknown, tenantId: string | null = LERO): DomainEvent => ({
  id: '01900000-0000-7000-8000-00000000e001',
  subject,
  occurredAt: '2026-12-03T10:00:00.000Z',
  tenantId,
  data,
});
const member = {
  tenantId: LERO,
  memberId: '01900000-0000-7000-8000-0000000000c1',
  occurredAt: '2026-12-03T10:00:00.000Z',
  communityRoles: ['volunteer'],
};
const refused = (e: DomainEvent) => {
  try {
    typedEvent(e);
  } catch (err) {
    return err instanceof AppError && err.code === 'VALIDATION' ? err.message : `other: ${String(err)}`;
  }
  return 'accepted';
};

describe('the event map', () => {
  it('has a payload class for every subject the services publish', () => {
    const subjects = [
      ...Object.values(TenantsEvents),
      ...Object.values(MembershipEvents),
      ...Object.values(EventsEvents),
      ...Object.values(DirectoryEvents),
      ...Object.values(VolunteeringEvents),
      ...Object.values(AdvocacyEvents),
      ...Object.values(TestimonyEvents),
      ...Object.values(ReportingEvents),
    ].sort();
    expect(Object.keys(DOMAIN_EVENT_PAYLOADS).sort()).toEqual(subjects);
  });

  it('gives a consumer the payload as its class, dropping fields it does not know', () => {
    const typed = typedEvent(event(MembershipEvents.memberJoined, { ...member, addedLater: 1 }));
    expect(typed?.subject).toBe(MembershipEvents.memberJoined);
    expect(typed?.data).toEqual(member);
    expect(typed?.data).not.toHaveProperty('addedLater');
  });

  it('takes a region’s event that names no LERO, filed under none, and refuses it filed under one', () => {
    const ask = {
      tenantId: null,
      regionId: '01900000-0000-7000-8000-0000000000b1',
      askId: '01900000-0000-7000-8000-0000000000d1',
      status: 'raised',
      date: '2026-12-03',
    };
    expect(typedEvent(event(AdvocacyEvents.askRaised, ask, null))?.data).toEqual(ask);
    expect(refused(event(AdvocacyEvents.askRaised, ask, LERO))).toMatch(/does not match/);
  });

  it('passes over a subject it does not know', () => {
    expect(typedEvent(event('evt.someone.else.happened', {}))).toBeNull();
  });

  it.each<[string, DomainEvent]>([
    ['no payload', event(MembershipEvents.memberLeft, null)],
    ['a payload that is a list', event(MembershipEvents.memberLeft, [member])],
    ['a member id that is not one', event(MembershipEvents.memberLeft, { ...member, memberId: 'x' })],
    [
      'an unknown community role',
      event(MembershipEvents.memberLeft, { ...member, communityRoles: ['boss'] }),
    ],
    ['another LERO than the one it is filed under', event(MembershipEvents.memberLeft, member, OTHER)],
    ['no LERO to be filed under', event(MembershipEvents.memberLeft, member, null)],
    [
      'a session date that is not a date',
      event(EventsEvents.walkInsRecorded, { tenantId: LERO, sessionDate: '2026-13-01' }),
    ],
  ])('refuses %s, without the payload’s values in the message', (_, e) => {
    const message = refused(e);
    expect(message).toMatch(/^A malformed evt\.\S+ event \(.+\): .+\.$/);
    expect(message).not.toContain('boss');
  });
});
