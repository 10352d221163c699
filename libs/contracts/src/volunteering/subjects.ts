/** Every subject the volunteering service answers (`volunteering.<feature>.<verb>`). A shipped value never changes (add `.v2`). */
export const VolunteeringSubjects = {
  createTraining: 'volunteering.training.create',
  listTraining: 'volunteering.training.list',
  updateTraining: 'volunteering.training.update',
  createRole: 'volunteering.role.create',
  listRoles: 'volunteering.role.list',
  getRole: 'volunteering.role.get',
  updateRole: 'volunteering.role.update',
  listVolunteers: 'volunteering.volunteer.list',
  createShift: 'volunteering.shift.create',
  listShifts: 'volunteering.shift.list',
  getShift: 'volunteering.shift.get',
  updateShift: 'volunteering.shift.update',
  cancelShift: 'volunteering.shift.cancel',
  rota: 'volunteering.rota.week',
  createSignup: 'volunteering.signup.create',
  cancelSignup: 'volunteering.signup.cancel',
  listSignups: 'volunteering.signup.list',
} as const;

/** Domain events of the volunteering service (facts, past tense: `evt.volunteering.<thing>.<happened>`), from its outbox. */
export const VolunteeringEvents = {
  trainingAdded: 'evt.volunteering.training.added',
  trainingUpdated: 'evt.volunteering.training.updated',
  rolePublished: 'evt.volunteering.role.published',
  roleUpdated: 'evt.volunteering.role.updated',
  roleClosed: 'evt.volunteering.role.closed',
  shiftScheduled: 'evt.volunteering.shift.scheduled',
  shiftChanged: 'evt.volunteering.shift.changed',
  shiftCancelled: 'evt.volunteering.shift.cancelled',
  signupConfirmed: 'evt.volunteering.signup.confirmed',
  signupWaitlisted: 'evt.volunteering.signup.waitlisted',
  signupPromoted: 'evt.volunteering.signup.promoted',
  signupCancelled: 'evt.volunteering.signup.cancelled',
} as const;
