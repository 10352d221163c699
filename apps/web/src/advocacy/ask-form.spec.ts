import type { AskStatus, AskView } from '@hearth/contracts';
import { FormErrors } from '../http/form.util';
import {
  askCard,
  changeAskRequest,
  consultationItems,
  createAskRequest,
  emptyUpdateForm,
  updateFormChoices,
  updateRequest,
  type AskFormValues,
} from './ask-form';

const filled = (more: Partial<AskFormValues> = {}): AskFormValues => ({
  what: 'A needle exchange',
  bodyName: 'Gateshead Council',
  bodyKind: 'council',
  source: 'members',
  raisedOn: { day: '5', month: '1', year: '2026' },
  public: 'yes',
  text: '',
  ...more,
});

describe('the asks forms', () => {
  it('builds the raise request, and says what is missing or impossible in the form’s words', () => {
    expect(createAskRequest(filled({ text: 'Raised at the board' }), new FormErrors())).toEqual({
      what: 'A needle exchange',
      body: { name: 'Gateshead Council', kind: 'council' },
      source: { kind: 'members' },
      raisedOn: '2026-01-05',
      public: true,
      text: 'Raised at the board',
    });
    const errors = new FormErrors();
    expect(
      createAskRequest(
        filled({
          what: '',
          bodyKind: '',
          raisedOn: { day: '30', month: '2', year: '2026' },
          text: 'x'.repeat(501),
        }),
        errors,
      ),
    ).toBeUndefined();
    expect(errors.view().summary.map((e) => e.text)).toEqual([
      'Enter what was asked',
      'Select the kind of body',
      'The date it was raised must be a real date, like 5 1 2027',
      'What you can say publicly must be 500 characters or fewer',
    ]);
  });

  it('keeps an ask’s source (and the consultation it names) unless its kind changed', () => {
    const ask = { source: { kind: 'consultation', consultationId: 'c1' } } as Parameters<
      typeof changeAskRequest
    >[1];
    expect(changeAskRequest(filled({ source: 'consultation' }), ask, new FormErrors())).not.toHaveProperty(
      'source',
    );
    expect(changeAskRequest(filled({ source: 'meeting' }), ask, new FormErrors())?.source).toEqual({
      kind: 'meeting',
    });
  });

  it('offers the statuses the shared table lets an ask move to, its own as news, and declined only where it may follow', () => {
    const choices = (status: AskStatus) =>
      updateFormChoices({ status } as AskView, emptyUpdateForm(), new FormErrors().view());
    const inProgress = choices('in-progress');
    expect(inProgress.statusItems.map((i) => [i.value, i.text])).toEqual([
      ['in-progress', 'In progress (news, no change)'],
      ['done', 'Done'],
      ['partly-done', 'Partly done'],
      ['declined', 'Declined'],
    ]);
    expect(inProgress.declinable).toBe(true);
    expect(choices('raised').statusItems.map((i) => i.value)).toEqual([
      'acknowledged',
      'in-progress',
      'done',
      'partly-done',
      'declined',
    ]);
    expect([
      choices('partly-done').statusItems.map((i) => i.value),
      choices('partly-done').declinable,
    ]).toEqual([['done'], false]);
    expect(choices('declined').statusItems).toEqual([]);
  });

  it('names the consultation chosen only for an ask from a consultation, and changes it only when chosen anew (ADR 0075)', () => {
    const from = (source: string, consultationId?: string) => filled({ source, consultationId });
    expect(createAskRequest(from('consultation', 'c2'), new FormErrors())?.source).toEqual({
      kind: 'consultation',
      consultationId: 'c2',
    });
    expect(createAskRequest(from('consultation', ''), new FormErrors())?.source).toEqual({
      kind: 'consultation',
    });
    const errors = new FormErrors();
    expect(createAskRequest(from('meeting', 'c2'), errors)).toBeUndefined();
    expect(errors.view().summary.map((e) => e.href)).toEqual(['#consultationId']);
    const ask = { source: { kind: 'consultation', consultationId: 'c1' } } as Parameters<
      typeof changeAskRequest
    >[1];
    expect(changeAskRequest(from('consultation', 'c1'), ask, new FormErrors())).not.toHaveProperty('source');
    expect(changeAskRequest(from('consultation', 'c2'), ask, new FormErrors())?.source).toEqual({
      kind: 'consultation',
      consultationId: 'c2',
    });
    expect(changeAskRequest(from('consultation', ''), ask, new FormErrors())?.source).toEqual({
      kind: 'consultation',
    });
    const named = [
      { id: 'c2', owner: 'region' as const, title: 'Beds', status: 'closed' as const, closesAt: '' },
    ];
    expect(consultationItems(named, 'c1').map((i) => [i.value, i.text, i.selected])).toEqual([
      ['', 'None named', false],
      ['c1', 'The consultation it names now', true],
      ['c2', 'Beds (the region’s, closed)', false],
    ]);
  });

  it('needs the body’s reason with declined, and leaves the rest of the timeline’s rules to the API', () => {
    const date = { day: '5', month: '1', year: '2026' };
    const errors = new FormErrors();
    expect(updateRequest({ status: 'declined', date, text: 'No', reason: '' }, errors)).toBeUndefined();
    expect(errors.view().summary.map((e) => e.href)).toEqual(['#reason']);
    // Going back is the API's to refuse (shown on the status field), not the form's.
    expect(updateRequest({ status: 'raised', date, text: 'Back', reason: 'Why' }, new FormErrors())).toEqual({
      status: 'raised',
      date: '2026-01-05',
      text: 'Back',
      reason: 'Why',
    });
  });

  it('shows an ask with its last update’s date and its timeline in order', () => {
    const card = askCard({
      id: 'a1',
      what: 'Beds',
      body: { name: 'Riverside', kind: 'housing-association' },
      source: 'members',
      raisedOn: '2026-01-05',
      status: 'declined',
      updates: [
        { status: 'raised', date: '2026-01-05', text: null, reason: null },
        { status: 'declined', date: '2026-02-01', text: 'No', reason: 'No budget' },
      ],
    });
    expect(card).toMatchObject({
      body: 'Riverside (Housing association)',
      source: 'The members',
      raisedOn: '5 January 2026',
      lastUpdate: '1 February 2026',
      tag: { text: 'Declined' },
    });
    expect(card.timeline.map((u) => [u.tag.text, u.date, u.reason])).toEqual([
      ['Raised', '5 January 2026', null],
      ['Declined', '1 February 2026', 'No budget'],
    ]);
  });
});
