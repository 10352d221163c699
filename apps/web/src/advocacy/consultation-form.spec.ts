import { FormErrors } from '../http/form.util';
import { closingTime } from './consultations-page';
import {
  apiErrorsOn,
  audienceItems,
  consultationFormFrom,
  consultationRequest,
  readConsultationForm,
  showOnPageItems,
  withAnotherBlock,
} from './consultation-form';

const posted = {
  title: 'Drop-in',
  purpose: 'It moves',
  askedBy: 'Phoenix',
  useOfAnswers: 'To the council',
  'opensOn-day': '5',
  'opensOn-month': '1',
  'opensOn-year': '2027',
  'closesOn-day': '26',
  'closesOn-month': '1',
  'closesOn-year': '2027',
  resultsThreshold: '',
  questionCount: '3',
  'q0-kind': 'single',
  'q0-text': 'Which day?',
  'q0-options': ' Tuesday \r\n\r\nThursday\n',
  'q1-kind': 'scale',
  'q1-text': '',
  'q2-kind': 'text',
  'q2-text': 'Anything else?',
  'q2-options': 'ignored',
  aboutCount: '1',
  'a0-text': 'Age group',
  'a0-options': 'Under 35\n35 or over',
};

describe('the consultation form (ADR 0071)', () => {
  it('builds the API’s consultation: London days, empty blocks left out, options one a line', () => {
    const errors = new FormErrors();
    const built = consultationRequest(readConsultationForm(posted).values, errors, 'region');
    expect(errors.ok).toBe(true);
    expect(built?.dto).toEqual({
      title: 'Drop-in',
      purpose: 'It moves',
      askedBy: 'Phoenix',
      useOfAnswers: 'To the council',
      // Midnight in London (GMT in January); it closes at the end of the 26th.
      opensAt: '2027-01-05T00:00:00.000Z',
      closesAt: '2027-01-27T00:00:00.000Z',
      audience: 'region',
      resultsThreshold: 5,
      questions: [
        { kind: 'single', text: 'Which day?', options: ['Tuesday', 'Thursday'] },
        { kind: 'text', text: 'Anything else?' },
      ],
      aboutYou: [{ kind: 'single', text: 'Age group', options: ['Under 35', '35 or over'] }],
    });
    // The API's second question is the form's third block.
    expect(built?.kept).toEqual({ q: [0, 2], a: [0] });
    const { labels, ids } = apiErrorsOn(built!.kept);
    expect([labels['questions[1].text'], ids['questions[1].text']]).toEqual(['Question 3', 'q2-text']);
  });

  it('asks anyone through a public link when the form says so, a LERO’s or a region’s (ADR 0074)', () => {
    for (const owner of ['members', 'region'] as const) {
      const asked = (audience?: string) =>
        consultationRequest(readConsultationForm({ ...posted, audience }).values, new FormErrors(), owner)
          ?.dto.audience;
      expect([asked('public'), asked('members'), asked('everyone'), asked()]).toEqual([
        'public',
        owner,
        owner,
        owner,
      ]);
    }
    expect(audienceItems(readConsultationForm({ ...posted, audience: 'public' }).values, false)).toEqual([
      expect.objectContaining({ value: 'members', checked: false }),
      expect.objectContaining({ value: 'public', checked: true }),
    ]);
  });

  it('names each wrong box, the blocks’ own included', () => {
    const errors = new FormErrors();
    const built = consultationRequest(
      readConsultationForm({
        ...posted,
        title: '',
        'closesOn-day': '4',
        resultsThreshold: '4',
        'q0-options': 'Tuesday\nTuesday',
        'q2-kind': 'essay',
        'a0-options': 'Only one',
      }).values,
      errors,
    );
    expect(built).toBeUndefined();
    expect(errors.view().summary.map((e) => e.href)).toEqual([
      '#title',
      '#closesOn',
      '#resultsThreshold',
      '#q0-options',
      '#q2-kind',
      '#a0-options',
    ]);
    const none = new FormErrors();
    consultationRequest(readConsultationForm({ ...posted, 'q0-text': '', 'q2-text': '' }).values, none);
    expect(none.view().fields['q0-text']).toEqual({ text: 'Enter at least one question' });
  });

  it('grows by one block per press, within the API’s limits, and reads back a saved consultation', () => {
    const { values, action } = readConsultationForm({ ...posted, action: 'add-question' });
    expect(action).toBe('add-question');
    expect(withAnotherBlock(values, action).questions).toHaveLength(4);
    expect(withAnotherBlock(values, 'add-about').aboutYou).toHaveLength(2);
    const full = readConsultationForm({ ...posted, questionCount: '99' }).values;
    expect(withAnotherBlock(full, 'add-question').questions).toHaveLength(30);
    expect(readConsultationForm({ ...posted, action: 'delete-everything' }).action).toBe('save');
    const back = consultationFormFrom({
      id: 'c',
      owner: 'lero',
      title: 'Drop-in',
      purpose: 'p',
      askedBy: 'a',
      useOfAnswers: 'u',
      opensAt: '2027-06-05T23:00:00.000Z',
      closesAt: '2027-06-26T23:00:00.000Z',
      audience: 'members',
      public: true,
      status: 'draft',
      resultsThreshold: 7,
      questions: [{ key: 'q1', kind: 'multiple', text: 'Which?', options: ['A', 'B'] }],
      aboutYou: [],
      createdAt: '2027-06-01T00:00:00.000Z',
    });
    // London summer time: 23:00 UTC is the next day's midnight; the closing day is the day before it.
    expect([back.opensOn, back.closesOn]).toEqual([
      { day: '6', month: '6', year: '2027' },
      { day: '26', month: '6', year: '2027' },
    ]);
    expect(back.questions).toEqual([{ kind: 'multiple', text: 'Which?', options: 'A\nB' }]);
    expect(back.public).toBe(false);
    expect(back.showOnPage).toBe('yes');
    expect(showOnPageItems(back).map((i) => [i.value, i.checked])).toEqual([
      ['yes', true],
      ['no', false],
    ]);
    expect(closingTime('2027-06-26T23:00:00.000Z')).toBe('at the end of Saturday 26 June 2027');
    expect(closingTime('2027-06-26T16:30:00.000Z')).toBe('on 26 June 2027 at 17:30');
  });

  it('sends whether it shows on the public page only when one was chosen (else the API decides by audience)', () => {
    const dtoOf = (extra: Record<string, string>) =>
      consultationRequest(readConsultationForm({ ...posted, ...extra }).values, new FormErrors())?.dto;
    expect(dtoOf({})).not.toHaveProperty('public');
    expect(dtoOf({ showOnPage: 'maybe' })).not.toHaveProperty('public');
    expect(dtoOf({ showOnPage: 'yes' })).toMatchObject({ public: true, audience: 'members' });
    expect(dtoOf({ showOnPage: 'no', audience: 'public' })).toMatchObject({
      public: false,
      audience: 'public',
    });
    expect(showOnPageItems(readConsultationForm(posted).values).some((i) => i.checked)).toBe(false);
  });
});
