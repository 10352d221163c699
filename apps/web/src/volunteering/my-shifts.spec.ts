import type { MyShiftView } from '@hearth/contracts';
import { myShiftCard, myShiftsRange, ordinal, rotaPeople } from './my-shifts';

const ROLE = '0190a5e4-0000-7000-8000-00000000000a';
const place = (more: Partial<MyShiftView> = {}): MyShiftView => ({
  shiftId: '0190a5e4-0000-7000-8000-00000000000b',
  roleId: ROLE,
  roleTitle: 'Café host',
  date: '2027-07-05',
  startsAt: '2027-07-05T10:00:00+01:00',
  endsAt: '2027-07-05T12:30:00+01:00',
  startTime: '10:00',
  endTime: '12:30',
  timezone: 'Europe/London',
  place: 'The hall',
  memberId: '0190a5e4-0000-7000-8000-00000000000c',
  status: 'confirmed',
  waitlistPosition: null,
  shiftStatus: 'scheduled',
  ...more,
});

describe('my shifts', () => {
  it('says a place in the queue in words', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
    ]);
  });

  it('asks from today in London for a year', () => {
    // 23:30 UTC on 31 March 2027 is already 1 April in London (summer time).
    expect(myShiftsRange(new Date('2027-03-31T23:30:00Z'))).toEqual({ from: '2027-04-01', to: '2028-03-31' });
  });

  it('shows a confirmed place with its day and time in the shift’s own zone', () => {
    const card = myShiftCard(
      place({
        startsAt: '2027-07-05T18:00:00+02:00',
        endsAt: '2027-07-05T19:00:00+02:00',
        timezone: 'Europe/Paris',
      }),
      new Set([ROLE]),
    );
    expect(card).toMatchObject({
      day: 'Monday 5 July 2027',
      time: '18:00 to 19:00',
      place: 'The hall',
      role: 'Café host',
      standing: { text: 'You’re on it' },
      cancelled: false,
      closed: false,
      canCancel: true,
    });
  });

  it('says where a waiting place stands, and that a shift is cancelled or its role closed', () => {
    expect(
      myShiftCard(place({ status: 'waitlisted', waitlistPosition: 2 }), new Set([ROLE])).standing,
    ).toEqual({
      text: 'Waiting list: 2nd in line',
      classes: 'govuk-tag--yellow',
    });
    expect(myShiftCard(place({ shiftStatus: 'cancelled' }), new Set([ROLE]))).toMatchObject({
      cancelled: true,
      canCancel: true,
    });
    expect(myShiftCard(place(), new Set())).toMatchObject({ closed: true, canCancel: false });
  });

  it('names the people on the rota, the viewer as You, never by id', () => {
    const people = rotaPeople(
      [
        { memberId: 'a', displayName: 'Ann' },
        { memberId: 'me', displayName: 'Val' },
        { memberId: 'gone', displayName: null },
      ],
      'me',
    );
    expect(people).toEqual([
      { name: 'Ann', you: false },
      { name: 'You', you: true },
      { name: 'Name unavailable', you: false },
    ]);
  });
});
