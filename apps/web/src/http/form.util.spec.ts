import { ApiError } from '../api/api-error';
import { FormErrors, fields } from './form.util';

describe('FormErrors', () => {
  it('keeps one message per field, in page order, linking to each field', () => {
    const errors = new FormErrors()
      .add('password', 'Enter your password')
      .add('email', 'Enter your email')
      .add('email', 'ignored');
    expect(errors.view(['email', 'password'])).toEqual({
      summary: [
        { text: 'Enter your email', href: '#email' },
        { text: 'Enter your password', href: '#password' },
      ],
      fields: { email: { text: 'Enter your email' }, password: { text: 'Enter your password' } },
    });
  });

  it('puts the API’s problem+json field errors on the form’s fields, named as the page names them', () => {
    const problem = new ApiError(400, 'VALIDATION', 'Invalid email.', {
      errors: [{ field: 'email', message: 'must be an email address' }],
    });
    expect(new FormErrors().fromApi(problem, { email: 'Email address' }, 'name').view().summary).toEqual([
      { text: 'Email address must be an email address', href: '#email' },
    ]);
  });

  it('puts an API error about a field this form does not show on the fallback field', () => {
    const problem = new ApiError(400, 'VALIDATION', 'Invalid regionId: must be a UUID.', {
      errors: [{ field: 'regionId', message: 'must be a UUID' }],
    });
    expect(new FormErrors().fromApi(problem, { name: 'Name' }, 'name').view().summary).toEqual([
      { text: 'Invalid regionId: must be a UUID.', href: '#name' },
    ]);
  });

  it('puts a nested API field on the form field it came from, and links a date to its first box', () => {
    const problem = new ApiError(400, 'VALIDATION', 'Invalid schedule.startsAt.', {
      errors: [{ field: 'schedule.startsAt', message: 'can be at most a year in the past' }],
    });
    const view = new FormErrors()
      .fromApi(problem, { 'schedule.startsAt': 'First session' }, 'title', {
        'schedule.startsAt': 'startDate',
      })
      .view([], { startDate: 'startDate-day' });
    expect(view.summary).toEqual([
      { text: 'First session can be at most a year in the past', href: '#startDate-day' },
    ]);
    expect(view.fields.startDate).toEqual({ text: 'First session can be at most a year in the past' });
  });
});

describe('fields', () => {
  it('reads ticked checkboxes as a list, one or many', () => {
    expect(fields({ days: ['TU', ' TH ', ''] }, 'days')).toEqual(['TU', 'TH']);
    expect(fields({ days: 'TU' }, 'days')).toEqual(['TU']);
    expect(fields({}, 'days')).toEqual([]);
  });
});
