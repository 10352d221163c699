import { IsIn } from 'class-validator';
import { LeroExportPageRequest } from '../lero-export';

/**
 * Advocacy's parts of a LERO's archive (ADR 0075), each a table with these columns: its asks and their timelines
 * (ADR 0065), its seats and the meetings it attended (ADR 0069; `askIds`: the asks raised or followed up there, `;`
 * between them). No member id anywhere: `representedBy` is the text the person chose. The LERO's consultations
 * (anonymous answers, ADR 0062) are not part of it.
 */
export const ADVOCACY_EXPORT_COLUMNS = {
  'advocacy-asks': [
    'id',
    'what',
    'bodyName',
    'bodyKind',
    'source',
    'consultationId',
    'raisedOn',
    'public',
    'status',
    'createdAt',
    'updatedAt',
  ],
  'advocacy-ask-updates': ['id', 'askId', 'status', 'date', 'text', 'reason', 'createdAt'],
  'advocacy-seats': ['id', 'bodyName', 'bodyKind', 'role', 'since', 'until', 'createdAt', 'updatedAt'],
  'advocacy-meetings': [
    'id',
    'seatId',
    'bodyName',
    'bodyKind',
    'date',
    'representedBy',
    'outcome',
    'askIds',
    'createdAt',
    'updatedAt',
  ],
} as const;

export type AdvocacyExportPart = keyof typeof ADVOCACY_EXPORT_COLUMNS;
export const ADVOCACY_EXPORT_PARTS = Object.keys(ADVOCACY_EXPORT_COLUMNS) as AdvocacyExportPart[];

/** `advocacy.lero-export.page`: a page of one part, for the LERO's tenant-admins. */
export class AdvocacyExportPageRequest extends LeroExportPageRequest {
  @IsIn(ADVOCACY_EXPORT_PARTS, { message: `must be one of ${ADVOCACY_EXPORT_PARTS.join(', ')}` })
  part!: AdvocacyExportPart;
}
