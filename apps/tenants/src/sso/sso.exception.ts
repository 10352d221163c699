import { AppError } from '@hearth/contracts';

/** Coded errors of single sign-on (ADR 80). Refusals say why only as far as the person signing in may know. */
export const ssoUnavailable = () =>
  new AppError('UNAVAILABLE', 'Single sign-on is not set up on this Hearth (no public address).', {
    reason: 'SsoNotConfigured',
  });

export const ssoProviderUnreachable = () =>
  new AppError('UNAVAILABLE', 'The identity provider could not be reached. Try again later.', {
    reason: 'SsoProviderUnreachable',
  });

export const ssoFlowUnknown = () =>
  new AppError('UNAUTHENTICATED', 'This sign-in has expired or was already used. Start again.', {
    reason: 'SsoFlowUnknown',
  });

export const ssoRejected = () =>
  new AppError('UNAUTHENTICATED', 'The identity provider’s answer could not be verified. Start again.', {
    reason: 'SsoResponseRejected',
  });

export const ssoEmailUnverified = () =>
  new AppError('FORBIDDEN', 'The identity provider has not verified your email address.', {
    reason: 'SsoEmailUnverified',
  });

export const ssoEmailNotAllowed = () =>
  new AppError('FORBIDDEN', 'This identity provider cannot sign in that email address. Use your password.', {
    reason: 'SsoEmailNotAllowed',
  });

/** No account, or an account reaching beyond the provider's region or LERO: the same answer for both. */
export const ssoAccountNotAllowed = () =>
  new AppError(
    'FORBIDDEN',
    'This identity provider cannot sign in your Hearth account. Sign in with your password.',
    { reason: 'SsoAccountNotAllowed' },
  );

export const ssoLinkUnknown = () =>
  new AppError('UNAUTHENTICATED', 'This link offer has expired or was already used. Sign in again.', {
    reason: 'SsoLinkUnknown',
  });

export const domainsNeedVerifying = () =>
  new AppError('FORBIDDEN', 'Only a platform admin can verify an identity provider’s domains.', {
    reason: 'PlatformAdminOnly',
  });
