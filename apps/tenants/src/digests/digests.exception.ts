import { AppError } from '@hearth/contracts';

export const digestLinkUnknown = () =>
  new AppError(
    'VALIDATION',
    'This unsubscribe link is not valid. Turn the summary off from your account page.',
    {
      reason: 'DigestLinkUnknown',
      errors: [{ field: 'token', message: 'is not a valid unsubscribe link' }],
    },
  );
