import { AppError } from '@hearth/contracts';

/** Coded errors of teams: taking roles away, and break glass. */
export const onlyRegionAppoints = () =>
  new AppError('FORBIDDEN', 'Only the region’s admins can appoint an admin for a LERO that has none.');

export const appointWhileOnboarding = (lero: string) =>
  new AppError('CONFLICT', `${lero} is still onboarding: invite its first admin instead.`, {
    reason: 'TenantOnboarding',
  });

export const noAppointmentToArchived = () =>
  new AppError('CONFLICT', 'This LERO is archived; nobody can be appointed to it.', {
    reason: 'TenantArchived',
  });

export const noContactEmail = (lero: string) =>
  new AppError(
    'CONFLICT',
    `${lero} has no contact email to tell about the appointment. Add its contact email first.`,
    { reason: 'NoContactEmail' },
  );

export const leroHasAdmin = (lero: string) =>
  new AppError('CONFLICT', `${lero} has an admin who can sign in: roles inside it are theirs to give.`, {
    reason: 'TenantHasAdmin',
  });

export const lastTenantAdmin = (lero: string) =>
  new AppError(
    'CONFLICT',
    `${lero} must keep at least one admin. Invite another admin before this one steps down.`,
    { reason: 'LastTenantAdmin' },
  );
