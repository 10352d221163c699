import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { OPERATIONS_TAG } from '@hearth/platform';

/**
 * The API document's tags, in the order a reader meets them, each saying what it groups. An operation's tag is
 * chosen with `ApiTag` (the document is built without Nest's automatic per-controller tags: ADR 0033).
 */
export const API_TAGS = [
  {
    name: 'auth',
    description:
      'Signing in and out, tokens, your own account and password, two-factor sign-in. Start here: every other ' +
      'operation except the public ones wants `Authorization: Bearer <accessToken>`.',
  },
  {
    name: 'accounts',
    description: 'Other people’s accounts: disabling and enabling them, an admin’s password reset.',
  },
  {
    name: 'regions',
    description:
      'Regions (the regional network that onboards LEROs) and their staff: region admins, commissioners and directory curators.',
  },
  {
    name: 'tenants',
    description:
      'LEROs (tenants) in the regional registry: onboarding, details, lifecycle (onboarding → active ⇄ ' +
      'suspended → archived), their team of accounts and roles, invitations into them, their activity log.',
  },
  {
    name: 'invitations',
    description:
      'Accepting an invitation (new account or new role for an existing one) and cancelling one. Invitations ' +
      'are made under `regions` and `tenants`.',
  },
  {
    name: 'members',
    description:
      'A LERO’s people: member records, consents, imports, erasure and data exports; `/me` for a member’s own ' +
      'record. Person-level data never leaves the LERO: region and platform staff get 403.',
  },
  {
    name: 'activities',
    description: 'A LERO’s programme: activities, one-off or recurring, that sessions are laid out from.',
  },
  {
    name: 'sessions',
    description: 'Sessions of activities: the programme, cancelling, RSVPs and the register at the door.',
  },
  {
    name: 'public',
    description:
      'No sign-in: what an active LERO runs that anyone may come to, as a listing and a calendar feed.',
  },
  {
    name: 'directory',
    description:
      'A region’s shared resource directory: its admins and directory curators curate and assure listings (a ' +
      'service with its organisation, place, times, contact and categories) and decide LEROs’ suggestions; anyone ' +
      'reads the active ones as an Open Referral UK 3.0 feed, without signing in. ' +
      'A LERO’s staff and volunteers record signposts there: who was pointed to what kind of help, counted, never named.',
  },
  {
    name: 'volunteering',
    description:
      'A LERO’s volunteering: its catalogue of training and checks, the roles volunteers take, with what each ' +
      'requires, their shifts and the week’s rota, who its volunteers are, their training and check records, and ' +
      'their hours (proposed from shifts or logged, approved by coordinators).',
  },
  {
    name: 'advocacy',
    description:
      'A LERO’s and a region’s collective voice: consultations (a LERO’s members, or every LERO’s members in a ' +
      'region) whose responses are anonymous by construction, and their results under the small-number rule; asks ' +
      'and their outcomes ("you said, we did"); and the representation log, a LERO’s seats on boards and forums and ' +
      'the meetings it attended.',
  },
  {
    name: 'webhooks',
    description:
      'A LERO’s and a region’s webhooks: their admins subscribe an https:// receiver to events that carry no personal data ' +
      '(`session.scheduled`, `session.cancelled`, `activity.published`; a region’s also ' +
      '`directory.listing.changed`, `report.released`); each delivery is signed per the Standard Webhooks spec, ' +
      'retried with backoff for at least 24 hours, and kept in a log they can read and replay from; secrets can be ' +
      'rotated, both signing for a while.',
  },
  {
    name: 'reports',
    description:
      'Impact figures: a region’s disclosure-controlled reports for its commissioners, and a LERO’s own exact ' +
      'figures for its staff.',
  },
  {
    name: OPERATIONS_TAG,
    description: 'For operators and orchestrators: liveness, readiness and Prometheus metrics.',
  },
] as const;

export type ApiTagName = (typeof API_TAGS)[number]['name'];

/** The tag of every operation of a controller: one of `API_TAGS`. */
export const ApiTag = (name: ApiTagName) => ApiTags(name);

/** The heading every operation's description gives its callers (the API document test looks for it). */
export const WHO_MAY_CALL = '**Who may call it:**';

/**
 * What an API user reads about one operation. `summary` is the line a list of operations shows; `description`
 * what it does and answers; `who` the roles that may call it and what others are answered; `errors` the errors
 * worth knowing beyond the usual ones the document's introduction describes (400 naming the fields, 401, 404).
 */
export interface OperationDoc {
  summary: string;
  description: string;
  who: string;
  errors?: string;
}

export const operationDescription = (doc: OperationDoc) =>
  [doc.description, `${WHO_MAY_CALL} ${doc.who}`, ...(doc.errors ? [`**Errors:** ${doc.errors}`] : [])].join(
    '\n\n',
  );

/** An operation's summary and description, written next to its handler. */
export const ApiDoc = (doc: OperationDoc) =>
  ApiOperation({ summary: doc.summary, description: operationDescription(doc) });

/** The document's introduction: what every operation shares, so each operation says only what is its own. */
export const API_INTRODUCTION = [
  'Hearth: a platform for Lived Experience Recovery Organisations (LEROs). One deployment serves a region: the ' +
    'regional network onboards LEROs, each LERO runs its own space (its people, its activities), commissioners ' +
    'see only anonymised aggregate impact.',
  '**Signing in.** `POST /api/v1/auth/login` answers an access token (a JWT, valid for `expiresIn` seconds: a ' +
    'minute by default) and a refresh token. Send the access token as `Authorization: Bearer <accessToken>`; swap ' +
    'the refresh token for a new pair with `POST /api/v1/auth/refresh` (each refresh token works once). Accounts ' +
    'holding an admin role sign in with a second factor.',
  '**Roles.** `platform-admin` (the deployment); `region-admin`, `commissioner` and `directory-curator` (one ' +
    'region); `tenant-admin`, ' +
    '`coordinator`, `volunteer` and `member` (one LERO). Every operation says who may call it. Nobody can give a ' +
    'role to their own account.',
  '**Errors** are RFC 9457 `application/problem+json`: `status`, `title`, `detail` (a sentence to show), `code` ' +
    '(`VALIDATION`, `UNAUTHENTICATED`, `FORBIDDEN`, `NOT_FOUND`, `CONFLICT`, `GONE`, `UNPROCESSABLE`, ' +
    '`RATE_LIMITED`, `UNAVAILABLE`), often a `reason` naming the rule (`SlugTaken`, `RegisterClosed` …), ' +
    '`errors: [{field, message}]` on a 400, and `requestId` to quote to the operator. Any operation may answer: ' +
    '400 for input it refuses, naming each field; 401 without a valid access token; 403 when you may see the ' +
    'thing but not do this (`TenantClosed` for the own people of a suspended or archived LERO); 404 for what does ' +
    'not exist or you may not see (another LERO’s ids answer exactly like ids that do not exist); 413 for a body ' +
    'over 1 MiB; 429 when sign-in attempts from your address are too many; 503, with `Retry-After` where known, ' +
    'when a part of Hearth is briefly unavailable: try again.',
  '**Lists** take `limit` and `cursor` and answer `{items, nextCursor}`: pass `nextCursor` back as `cursor` for ' +
    'the next page (null on the last).',
  '**Ids** are UUIDs. **Times** are ISO 8601 with an offset, except an activity’s schedule: wall-clock time in ' +
    'its IANA `timezone`.',
].join('\n\n');
