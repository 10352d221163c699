import { AppError } from '@hearth/contracts';

/** Coded errors of sign-ups (ADR 0052). */
export const signupForSelfOnly = () =>
  new AppError(
    'FORBIDDEN',
    'You can sign up or cancel only for yourself (the member record your account is linked to).',
  );

export const shiftCancelledForSignups = () =>
  new AppError('CONFLICT', 'The shift is cancelled: nobody can sign up to it.', { reason: 'ShiftCancelled' });

export const roleClosedForSignups = () =>
  new AppError('CONFLICT', 'The shift’s role is closed: nobody can sign up to it.', { reason: 'RoleClosed' });

export const shiftStarted = () =>
  new AppError('CONFLICT', 'This occurrence of the shift has already started.', { reason: 'ShiftStarted' });

export const notAVolunteer = () =>
  new AppError(
    'CONFLICT',
    'This member is not a volunteer of the LERO: their community roles do not include volunteer (or they have left).',
    { reason: 'NotAVolunteer' },
  );

export interface MissingRequirement {
  id: string;
  name: string;
  kind: string;
}

export const requirementsMissing = (missing: MissingRequirement[]) =>
  new AppError(
    'CONFLICT',
    `The role needs what this volunteer does not hold: ${missing.map((m) => m.name).join(', ')}.`,
    { reason: 'RequirementsMissing', missingRequirements: missing },
  );
