import { ApiError } from '../api/api-error';
import { FormErrors } from './form.util';

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
});
