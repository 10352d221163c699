import type { AskView, SeatView } from '@hearth/contracts';
import { FormErrors, NO_ERRORS } from '../http/form.util';
import {
  emptyMeetingForm,
  meetingChange,
  meetingFormChoices,
  meetingRequest,
  readMeetingForm,
} from './meeting-form';

const seat = { id: 's1', body: { name: 'Partnership Board', kind: 'council' }, role: 'co-chair' } as SeatView;
const ask = (id: string, status: AskView['status']) =>
  ({ id, what: `Ask ${id}`, body: { name: 'Gateshead Council', kind: 'council' }, status }) as AskView;

describe('the meeting form', () => {
  it('starts on today in London and “a volunteer”', () => {
    const v = emptyMeetingForm(new Date('2027-03-28T23:30:00Z'));
    expect(v.date).toEqual({ day: '29', month: '3', year: '2027' });
    expect(v.representedBy).toBe('a volunteer');
  });

  it('sends a seat, or another body, with the asks ticked and the outcome only when given', () => {
    const errors = new FormErrors();
    const at = readMeetingForm({
      where: 's1',
      'date-day': '5',
      'date-month': '1',
      'date-year': '2027',
      representedBy: ' Jo ',
      askIds: ['a1', 'a2'],
      bodyName: 'ignored',
    });
    expect(meetingRequest(at, errors)).toEqual({
      seatId: 's1',
      date: '2027-01-05',
      representedBy: 'Jo',
      askIds: ['a1', 'a2'],
    });
    const other = meetingRequest(
      { ...at, where: 'other', bodyName: 'Riverside', bodyKind: 'police' },
      errors,
    )!;
    expect(other.body).toEqual({ name: 'Riverside', kind: 'police' });
    expect(other.seatId).toBeUndefined();
    expect(meetingChange(other).outcome).toBeNull();
  });

  it('names each missing field', () => {
    const errors = new FormErrors();
    const v = readMeetingForm({ where: 'other', 'date-day': '31', 'date-month': '2', 'date-year': '2027' });
    expect(meetingRequest(v, errors)).toBeUndefined();
    expect(
      errors.view(['where', 'bodyName', 'bodyKind', 'date', 'representedBy']).summary.map((s) => s.href),
    ).toEqual(['#bodyName', '#bodyKind', '#date', '#representedBy']);
  });

  it('offers the current seats, then another body, and the open asks before the closed ones', () => {
    const choices = meetingFormChoices(
      emptyMeetingForm(),
      NO_ERRORS,
      [seat],
      [ask('a1', 'done'), ask('a2', 'raised')],
    );
    expect(choices.whereItems.map((i) => ('value' in i ? i.value : i.divider))).toEqual([
      's1',
      'or',
      'other',
    ]);
    expect(choices.askItems.map((i) => [i.value, i.hint.text])).toEqual([
      ['a2', 'Asked of Gateshead Council'],
      ['a1', 'Asked of Gateshead Council (closed)'],
    ]);
  });
});
