import { EVENTS_STREAM } from './events';
import { TenantsSubjects } from './tenants/subjects';
import { MEMBER_EXPORT_PART, MembershipEvents, MembershipSubjects } from './membership/subjects';
import { EventsEvents, EventsSubjects } from './activities/subjects';
import { ReportingSubjects } from './reporting/subjects';
import { DirectorySubjects } from './directory/subjects';
import { VolunteeringEvents, VolunteeringSubjects } from './volunteering/subjects';
import { AdvocacySubjects } from './advocacy/subjects';
import { WebhooksSubjects } from './webhooks/subjects';
import { TestimonySubjects } from './advocacy/testimony.subjects';
import { MEMBER_EXPORT_HOLDERS } from './membership/export-parts';

/*
 * Who may say what on NATS: the one list from which `deploy/nats/accounts.conf` is generated (`npm run
 * nats-config`; a test fails when the committed file differs). Every app connects as its own NATS user and
 * may publish and subscribe only what is written here. A new service adds its lines here.
 */

/** The services: each answers `<service>.>` in its own queue group and publishes `evt.<service>.>`. */
export const NATS_SERVICES = [
  'tenants',
  'membership',
  'events',
  'reporting',
  'directory',
  'volunteering',
  'advocacy',
  'webhooks',
] as const;
export type NatsService = (typeof NATS_SERVICES)[number];

/**
 * Every NATS user: the services, the gateway (requests only), migrate (JetStream admin), operator (reads the
 * stream for `npm run dead-letters -- replay`, changes nothing), standalone.
 */
export const NATS_USERS = [...NATS_SERVICES, 'gateway', 'migrate', 'operator', 'standalone'] as const;
export type NatsUser = (typeof NATS_USERS)[number];

/**
 * Events the gateway reads as plain notices (not a durable consumer, no inbox): a change to a LERO drops its cached
 * access answers at once (ADR 0091). LERO-level facts (name, status, contact address), never a person's.
 */
export const GATEWAY_NOTICES = ['evt.tenants.tenant.>'] as const;

/** Subjects no outside caller needs: only the services listed in CROSS_SERVICE_REQUESTS may ask them. */
const INTERNAL_SUBJECTS: readonly string[] = [
  MembershipSubjects.memberNames,
  TenantsSubjects.tenantBySlug,
  TenantsSubjects.regionBySlug,
  TenantsSubjects.regionPublicLeros,
];

const answeredBy = (subjects: Record<string, string>) =>
  Object.values(subjects).filter((s) => !INTERNAL_SUBJECTS.includes(s));

/**
 * Requests between apps, the only ones the NATS server lets through. Each carries the end user's token (or,
 * for a public route, the gateway's anonymous token), and the receiving service authorises it as its own.
 */
export const CROSS_SERVICE_REQUESTS: Record<
  Exclude<NatsUser, 'migrate' | 'operator' | 'standalone'>,
  readonly string[]
> = {
  gateway: [
    ...answeredBy(TenantsSubjects),
    ...answeredBy(MembershipSubjects),
    ...answeredBy(EventsSubjects),
    ...answeredBy(ReportingSubjects),
    ...answeredBy(DirectorySubjects),
    ...answeredBy(VolunteeringSubjects),
    ...answeredBy(AdvocacySubjects),
    ...answeredBy(TestimonySubjects),
    ...answeredBy(WebhooksSubjects),
  ],
  // An invitation may link only one of the inviting LERO's own active members. A weekly digest (ADR 0083) asks,
  // as its recipient, for their LERO's coming sessions and expiring training and their region's listings due review.
  tenants: [
    MembershipSubjects.memberNames,
    EventsSubjects.listSessions,
    VolunteeringSubjects.expiringTraining,
    DirectorySubjects.needsReview,
  ],
  // A register shows names; the public programme shows only an active LERO's sessions; the OpenActive feed
  // answers only for a region that exists, by its slug (ADR 0078).
  events: [MembershipSubjects.memberNames, TenantsSubjects.tenantBySlug, TenantsSubjects.regionBySlug],
  // A person's data export gathers every service's part.
  membership: [MEMBER_EXPORT_PART],
  reporting: [],
  // The public feed answers only for a region that exists, by its slug; a LERO's suggestion goes to its region,
  // and a signpost is checked against its region's directory.
  directory: [TenantsSubjects.regionBySlug, TenantsSubjects.tenantAccess],
  // What the volunteering service may ask of other services: the public page shows only an active LERO's roles;
  // the rota names who is on each shift, asked at read time on behalf of the coordinator (ADR 0055); a passport names
  // the volunteer (asked of membership as them) and the issuing LERO (ADR 0056).
  volunteering: [TenantsSubjects.tenantBySlug, MembershipSubjects.memberNames, TenantsSubjects.getTenant],
  // A member answers a consultation of their LERO or of its region: the LERO's region, as tenants knows it. The
  // "you said, we did" pages name only active LEROs, and per-LERO counts only where the LERO allows (ADR 0065). The public testimony page shows only an active LERO's
  // published themes (ADR 0066).
  advocacy: [TenantsSubjects.tenantAccess, TenantsSubjects.tenantBySlug, TenantsSubjects.regionPublicLeros],
  // A region's LEROs, asked as the region's admin when they subscribe (ADR 0082).
  webhooks: [TenantsSubjects.listTenants],
};

/**
 * Scatter-gather subjects a service answers (in its own queue group) besides its own `<service>.>`: a person's
 * export part for the services the export's registry names, so the two can never disagree.
 */
const partsOf = (service: NatsService): readonly string[] =>
  (MEMBER_EXPORT_HOLDERS as readonly NatsService[]).includes(service) ? [MEMBER_EXPORT_PART] : [];

export const GATHER_PARTS: Record<NatsService, readonly string[]> = {
  tenants: partsOf('tenants'),
  membership: partsOf('membership'),
  events: partsOf('events'),
  reporting: partsOf('reporting'),
  directory: partsOf('directory'),
  volunteering: partsOf('volunteering'),
  advocacy: partsOf('advocacy'),
  webhooks: partsOf('webhooks'),
};

/** A durable JetStream consumer: created by `migrate` (an admin), only read by its service. */
export interface EventConsumerContract {
  durable: string;
  service: NatsService;
  /** One filter subject per durable: NATS 2.9 fixes a durable's filter and knows no lists. */
  subject: string;
}

/** Every service's consumers of other services' domain events, and nothing else it may read. */
export const EVENT_CONSUMERS = {
  tenantsMemberErasure: {
    durable: 'tenants-member-erasure',
    service: 'tenants',
    subject: MembershipEvents.memberErased,
  },
  // Named anew when it grew from erasures to every member event (a durable's filter is fixed on NATS 2.9).
  eventsMembers: { durable: 'events-members', service: 'events', subject: 'evt.membership.member.*' },
  // The OpenActive feed (ADR 0078): the LEROs' choice and status, and the service's own activity and session
  // events, after which each LERO's feed items are brought in line with what it has (one handler).
  eventsOpenActiveTenants: {
    durable: 'events-openactive-tenants',
    service: 'events',
    subject: 'evt.tenants.tenant.*',
  },
  eventsOpenActiveActivities: {
    durable: 'events-openactive-activities',
    service: 'events',
    subject: 'evt.events.activity.*',
  },
  eventsOpenActiveSessions: {
    durable: 'events-openactive-sessions',
    service: 'events',
    subject: 'evt.events.session.*',
  },
  reportingTenants: { durable: 'reporting-tenants', service: 'reporting', subject: 'evt.tenants.>' },
  reportingMembership: { durable: 'reporting-membership', service: 'reporting', subject: 'evt.membership.>' },
  reportingEvents: { durable: 'reporting-events', service: 'reporting', subject: 'evt.events.>' },
  // Signposts only: the directory's listing events are no business of reporting's.
  reportingSignposts: {
    durable: 'reporting-signposts',
    service: 'reporting',
    subject: 'evt.directory.signpost.>',
  },
  // Approved volunteer hours only (ADR 0057): volunteering's other events are no business of reporting's.
  reportingVolunteering: {
    durable: 'reporting-volunteering',
    service: 'reporting',
    subject: 'evt.volunteering.hours.>',
  },
  // Meetings attended and asks raised and resolved (ADR 0069); consultations' events are skipped.
  reportingAdvocacy: { durable: 'reporting-advocacy', service: 'reporting', subject: 'evt.advocacy.>' },
  // A LERO that publishes to its region's directory, and its public activities there (ADR 0042).
  directoryTenants: { durable: 'directory-tenants', service: 'directory', subject: 'evt.tenants.tenant.*' },
  directoryActivities: {
    durable: 'directory-activities',
    service: 'directory',
    subject: 'evt.events.activity.*',
  },
  // A LERO's public volunteering roles in its region's directory (ADR 0058).
  directoryVolunteering: {
    durable: 'directory-volunteering',
    service: 'directory',
    subject: 'evt.volunteering.role.*',
  },
  // Who is a volunteer: members whose community roles include `volunteer` (ADR 0050).
  volunteeringMembers: {
    durable: 'volunteering-members',
    service: 'volunteering',
    subject: 'evt.membership.member.*',
  },
  // An erased member's testimony is withdrawn (ADR 0066): erasures only; advocacy keeps no projection of members.
  advocacyMembers: {
    durable: 'advocacy-members',
    service: 'advocacy',
    subject: MembershipEvents.memberErased,
  },
  // Session reminders (ADR 0081): membership knows who asked for them and how to reach them. Every events event
  // in one durable, in order: a reminder due, then its session cancelled or a place cancelled, withdraw it.
  membershipReminders: {
    durable: 'membership-reminders',
    service: 'membership',
    subject: EventsEvents.reminderDue,
  },
  // …and withdraws a session's reminders still waiting (ADR 0081): durables of their own, not `evt.events.>`, so
  // membership is not handed every check-in.
  membershipReminderCancellations: {
    durable: 'membership-reminder-cancellations',
    service: 'membership',
    subject: EventsEvents.sessionCancelled,
  },
  membershipReminderRsvpCancellations: {
    durable: 'membership-reminder-rsvp-cancellations',
    service: 'membership',
    subject: EventsEvents.rsvpCancelled,
  },
  // Shift reminders (ADR 0081): the same handler and choice; its own durable, as a durable's filter is fixed.
  membershipShiftReminders: {
    durable: 'membership-shift-reminders',
    service: 'membership',
    subject: VolunteeringEvents.reminderDue,
  },
  // …and withdraws a shift occurrence's reminders still waiting when the shift or a sign-up is cancelled.
  membershipShiftReminderCancellations: {
    durable: 'membership-shift-reminder-cancellations',
    service: 'membership',
    subject: VolunteeringEvents.shiftCancelled,
  },
  membershipShiftReminderSignupCancellations: {
    durable: 'membership-shift-reminder-signup-cancellations',
    service: 'membership',
    subject: VolunteeringEvents.signupCancelled,
  },
  // Webhooks (ADR 0079): a cancelled session and a LERO's activities, mapped to payloads without personal data.
  webhooksSessions: {
    durable: 'webhooks-sessions',
    service: 'webhooks',
    subject: EventsEvents.sessionCancelled,
  },
  webhooksActivities: {
    durable: 'webhooks-activities',
    service: 'webhooks',
    subject: 'evt.events.activity.*',
  },
  // Which region each LERO is in, so that a LERO's events reach its region's subscriptions too.
  webhooksTenants: { durable: 'webhooks-tenants', service: 'webhooks', subject: 'evt.tenants.tenant.*' },
  // ADR 0082: sessions laid out, a region's directory listings, and its released periods.
  webhooksScheduled: {
    durable: 'webhooks-scheduled',
    service: 'webhooks',
    subject: EventsEvents.sessionScheduled,
  },
  webhooksDirectory: {
    durable: 'webhooks-directory',
    service: 'webhooks',
    subject: 'evt.directory.listing.*',
  },
  webhooksReporting: {
    durable: 'webhooks-reporting',
    service: 'webhooks',
    subject: 'evt.reporting.period.*',
  },
} as const satisfies Record<string, EventConsumerContract>;

/** The stream every `evt.>` subject goes to (created by `migrate`). */
export const PERMISSIONS_STREAM = EVENTS_STREAM;

/** NATS's reply inboxes of one user: private to its connections, so no one else reads its answers. */
export const inboxPrefixOf = (user: NatsUser) => `_INBOX_${user}`;

/** The environment variable that holds a user's NATS password where the server's config reads it. */
export const natsPasswordVariable = (user: NatsUser) => `HEARTH_NATS_${user.toUpperCase()}_PASSWORD`;
