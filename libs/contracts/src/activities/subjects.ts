/** Every subject the events service answers or emits. A shipped value never changes (add `.v2`). */
export const EventsSubjects = {
  createActivity: 'events.activity.create',
  listActivities: 'events.activity.list',
  getActivity: 'events.activity.get',
  updateActivity: 'events.activity.update',
  deleteActivity: 'events.activity.delete',
  transitionActivity: 'events.activity.transition',
  listSessions: 'events.session.list',
  getSession: 'events.session.get',
  cancelSession: 'events.session.cancel',
  createRsvp: 'events.rsvp.create',
  deleteRsvp: 'events.rsvp.delete',
  listRsvps: 'events.rsvp.list',
  recordAttendance: 'events.attendance.record',
  removeAttendance: 'events.attendance.remove',
  getAttendance: 'events.attendance.get',
  recordWalkIns: 'events.walk-ins.record',
  /** A register entered in one go (after the session, from paper): who came, who did not, walk-ins. */
  enterRegister: 'events.register.enter',
  /** A page of one part of a LERO's archive (its tenant-admins only). */
  leroExportPage: 'events.lero-export.page',
  publicSessions: 'events.public.sessions',
  publicCalendar: 'events.public.calendar',
  /** No sign-in: a page of a region's OpenActive RPDE feed (ADR 0078). */
  openActiveFeed: 'events.public.openactive',
} as const;

/** Domain events of the events service (facts, past tense), relayed from its outbox to JetStream. */
export const EventsEvents = {
  activityCreated: 'evt.events.activity.created',
  activityUpdated: 'evt.events.activity.updated',
  activityDeleted: 'evt.events.activity.deleted',
  activityPaused: 'evt.events.activity.paused',
  activityResumed: 'evt.events.activity.resumed',
  activityEnded: 'evt.events.activity.ended',
  sessionCancelled: 'evt.events.session.cancelled',
  /** Sessions laid out from an activity's schedule, together (one event per layout pass, ADR 0082). */
  sessionScheduled: 'evt.events.session.scheduled',
  sessionHeld: 'evt.events.session.held',
  rsvpCreated: 'evt.events.rsvp.created',
  rsvpCancelled: 'evt.events.rsvp.cancelled',
  rsvpPromoted: 'evt.events.rsvp.promoted',
  attendanceRecorded: 'evt.events.attendance.recorded',
  attendanceRemoved: 'evt.events.attendance.removed',
  walkInsRecorded: 'evt.events.walk-ins.recorded',
  participantErased: 'evt.events.participant.erased',
  // Not under `session.*`: a reminder is not a change to the session, and the feeds that follow sessions need not see it.
  reminderDue: 'evt.events.reminder.due',
} as const;
