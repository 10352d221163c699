import { AppError, type TenantStatus } from '@hearth/contracts';

/** Coded errors of the LERO registry and its lifecycle. */
export const tenantClosed = (status: TenantStatus) =>
  new AppError('FORBIDDEN', `This LERO's space is ${status}. Contact your regional network.`, {
    reason: 'TenantClosed',
  });

export const reportingChoiceIsLeros = () =>
  new AppError('FORBIDDEN', 'Only this LERO’s own admins can choose how its figures are reported.', {
    reason: 'LeroAdminsOnly',
  });

export const directoryChoiceIsLeros = () =>
  new AppError('FORBIDDEN', 'Only this LERO’s own admins can choose whether it appears in the directory.', {
    reason: 'LeroAdminsOnly',
  });

export const openActiveChoiceIsLeros = () =>
  new AppError(
    'FORBIDDEN',
    'Only this LERO’s own admins can choose whether its sessions appear on OpenActive.',
    {
      reason: 'LeroAdminsOnly',
    },
  );

export const detailsAreLeros = () =>
  new AppError('FORBIDDEN', 'Only this LERO’s own admins can change its details now it has one.', {
    reason: 'LeroAdminsOnly',
  });

export const invalidTransition = (status: TenantStatus, to: TenantStatus) =>
  new AppError('CONFLICT', `A LERO that is ${status} cannot be ${to === 'active' ? 'activated' : to}.`, {
    reason: 'InvalidTransition',
    status,
  });

export const tenantArchivedUnchangeable = () =>
  new AppError('CONFLICT', 'This LERO is archived and can no longer be changed.');
