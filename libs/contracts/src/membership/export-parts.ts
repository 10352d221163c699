import type { NatsService } from '../permissions';

/**
 * The services that hold a part of a person's data export (they keep member ids): each answers
 * `MEMBER_EXPORT_PART` with its part. The export waits for exactly these, within a bounded time, and answers
 * 503 naming any that did not give their part, never a document with a silent gap; the NATS permissions let
 * exactly these answer (GATHER_PARTS is derived from this list). A service that starts keeping member ids
 * (volunteering, advocacy, the directory) adds itself here when it answers the subject.
 */
export const MEMBER_EXPORT_HOLDERS = [
  'membership',
  'tenants',
  'events',
  'volunteering',
  'advocacy',
] as const satisfies readonly NatsService[];

export type MemberExportHolder = (typeof MEMBER_EXPORT_HOLDERS)[number];
