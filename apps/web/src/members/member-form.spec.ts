import { FormErrors } from '../http/form.util';
import { emptyMemberForm, validateMemberForm } from './member-form';
import { consentHistory } from './member-consents.controller';
import { exportFilename } from './member-export';

describe('the member form', () => {
  const check = (over: Partial<ReturnType<typeof emptyMemberForm>>, self = false) => {
    const errors = new FormErrors();
    validateMemberForm({ ...emptyMemberForm(), displayName: 'Jo', ...over }, errors, { self });
    return errors.view().summary.map((e) => `${e.href} ${e.text}`);
  };

  it('needs only a name', () => expect(check({})).toEqual([]));

  it('says what is wrong, to staff about them and to a member about themselves', () => {
    expect(check({ displayName: '', email: 'x', phone: '12' })).toEqual([
      '#displayName Enter their name',
      '#email Enter an email address in the correct format, like name@example.org',
      '#phone Enter a phone number, like 0191 498 0000 or +44 7700 900 982',
    ]);
    expect(check({ displayName: '' }, true)).toEqual(['#displayName Enter your name']);
    expect(check({ preferredContact: 'phone' }, true)).toEqual([
      '#phone Enter your phone number, or choose another way to be contacted',
    ]);
  });
});

describe('consent history in words', () => {
  it('reads a consent not given at first as "Not given", and later as "Withdrawn"', () => {
    const at = '2027-01-05T10:00:00.000Z';
    const record = (id: string, consent: 'contact' | 'photos', given: boolean, bySelf = false) => ({
      id,
      consent,
      given,
      recordedAt: at,
      recordedBy: bySelf ? 'member-account' : 'staff-account',
      bySelf,
    });
    // Newest first, as the API lists them.
    const history = consentHistory(
      [
        record('5', 'photos', false, true),
        record('4', 'contact', false),
        record('3', 'photos', true),
        record('2', 'photos', false),
        record('1', 'contact', true),
      ],
      'staff-account',
    );
    expect(history.map((h) => `${h.what} ${h.change} by ${h.by}`)).toEqual([
      'Photos Withdrawn by Them, in Hearth',
      'Contact Withdrawn by You',
      'Photos Given by You',
      'Photos Not given by You',
      'Contact Given by You',
    ]);
  });
});

describe('a person’s export', () => {
  it('names the download after the person and the day', () => {
    expect(exportFilename('Jo Bloggs', '2027-01-05T10:00:00.000Z')).toBe(
      'hearth-data-jo-bloggs-2027-01-05.json',
    );
    expect(exportFilename('👋', '2027-01-05T10:00:00.000Z')).toBe('hearth-data-member-2027-01-05.json');
  });
});
