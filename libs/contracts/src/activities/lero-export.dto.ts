import { IsIn } from 'class-validator';
import { LeroExportPageRequest } from '../lero-export';

/**
 * Events' parts of a LERO's archive, each a table with these columns. Activities include deleted ones (their
 * past registers stay), sessions every one laid out with its counts, RSVPs and check-ins with the member's id
 * (empty for a member since erased, who still counts). Walk-ins are a count on the session, never names.
 */
export const EVENTS_EXPORT_COLUMNS = {
  activities: [
    'id',
    'title',
    'category',
    'description',
    'visibility',
    'placeName',
    'address',
    'postcode',
    'onlineUrl',
    'capacity',
    'startsAtLocal',
    'durationMinutes',
    'timezone',
    'rrule',
    'createdAt',
    'updatedAt',
    'deletedAt',
  ],
  sessions: [
    'id',
    'activityId',
    'startsAt',
    'endsAt',
    'timezone',
    'status',
    'cancelReason',
    'capacity',
    'membersCheckedIn',
    'walkIns',
    'heldAt',
  ],
  rsvps: ['id', 'sessionId', 'memberId', 'status', 'createdAt'],
  attendance: ['id', 'sessionId', 'memberId', 'recordedAt', 'recordedBy'],
} as const;

export type EventsExportPart = keyof typeof EVENTS_EXPORT_COLUMNS;
export const EVENTS_EXPORT_PARTS = Object.keys(EVENTS_EXPORT_COLUMNS) as EventsExportPart[];

export class EventsExportPageRequest extends LeroExportPageRequest {
  @IsIn(EVENTS_EXPORT_PARTS, { message: `must be one of ${EVENTS_EXPORT_PARTS.join(', ')}` })
  part!: EventsExportPart;
}
