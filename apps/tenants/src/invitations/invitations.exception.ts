import { AppError, type DomainReason, type Role, type TenantStatus } from '@hearth/contracts';

/** Coded errors of invitations: making, accepting and cancelling them. */
const SELF_GRANT = 'Nobody can give a role to their own account. Ask another admin to invite you.';

export const selfGrant = () => new AppError('FORBIDDEN', SELF_GRANT, { reason: 'SelfGrant' });

const gone = (message: string, reason: DomainReason) => new AppError('GONE', message, { reason });

export const invitationUnknown = () =>
  new AppError(
    'VALIDATION',
    'This invitation link is not valid. Ask the person who invited you for a new one.',
    {
      reason: 'InvitationUnknown',
      errors: [{ field: 'token', message: 'is not a valid invitation' }],
    },
  );

export const invitationUsed = () =>
  gone('This invitation has already been used. Sign in, or ask for a new invitation.', 'InvitationSpent');

export const invitationCancelled = () =>
  gone('This invitation has been cancelled. Ask for a new one if you need it.', 'InvitationCancelled');

export const invitationExpired = () =>
  gone('This invitation has expired. Ask the person who invited you for a new one.', 'InvitationExpired');

/** A spent invitation whose person was erased (it has no email left). */
export const invitationUsedErased = () => gone('This invitation has already been used.', 'InvitationSpent');

/** Of two acceptances (or an acceptance and a cancellation) at once, this one lost. */
export const invitationUsedOrCancelled = () =>
  gone('This invitation has already been used or cancelled.', 'InvitationSpent');

export const appointmentPending = (takesEffectAt: Date, inWords: string) =>
  new AppError(
    'CONFLICT',
    `This appointment takes effect on ${inWords}, after the LERO has been told. Accept it then.`,
    { reason: 'AppointmentPending', takesEffectAt: takesEffectAt.toISOString() },
  );

export const accountPasswordMismatch = () =>
  new AppError(
    'UNAUTHENTICATED',
    'This email already has a Hearth account. Enter that account’s password to accept the invitation.',
    { reason: 'AccountPasswordMismatch' },
  );

export const invitationLeroArchived = () =>
  new AppError('GONE', 'This LERO has been archived; the invitation no longer works.');

export const appointmentLapsed = (lero: string) =>
  new AppError('CONFLICT', `${lero} has an admin who can sign in again, so this appointment has lapsed.`, {
    reason: 'TenantHasAdmin',
  });

export const invitationAccepted = () =>
  new AppError('CONFLICT', 'This invitation has been accepted; take the role away instead.', {
    reason: 'InvitationSpent',
  });

export const invitationJustAccepted = () =>
  new AppError('CONFLICT', 'This invitation has just been accepted.', { reason: 'InvitationSpent' });

export const noInviteToArchived = () =>
  new AppError('CONFLICT', 'This LERO is archived; nobody can be invited to it.', {
    reason: 'TenantArchived',
  });

/** Region staff asking for a role inside a LERO that only its own admins give. */
export const invitingIsLeros = (status: TenantStatus) =>
  new AppError(
    'FORBIDDEN',
    status === 'onboarding'
      ? 'While a LERO is onboarding, its region can invite only its first admin.'
      : 'Only this LERO’s own admins can invite people to it. If it has no admin who can sign in, appoint one with notice (break glass).',
    { reason: 'LeroAdminsOnly' },
  );

export const mayNotInvite = (role: Role) =>
  new AppError('FORBIDDEN', `You do not have permission to invite a ${role} to this LERO.`);

export const memberLinkNeedsMemberRole = () =>
  new AppError('VALIDATION', 'Invalid memberId: only a member invitation can link a member record.', {
    errors: [{ field: 'memberId', message: 'only allowed with role "member"' }],
  });

export const mayNotCancel = (role: Role) =>
  new AppError('FORBIDDEN', `You do not have permission to cancel an invitation as ${role}.`);
