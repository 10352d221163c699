import type { ApiError, MissingRequirement } from '../api/api-error';
import { refusalTitle } from '../http/reason-titles';

/** What a refused sign-up's page says, in words for the person who tried: who is refused, why, and what next. */
export function refusal(
  err: ApiError,
  at: { staff: boolean; role: string; day: string; leroName: string },
): { title: string; paragraphs: string[]; missing: MissingRequirement[] } {
  const missing = err.extra.missingRequirements ?? [];
  switch (err.reason) {
    case 'RequirementsMissing':
      return {
        title: at.staff ? 'They need training or checks first' : 'You need training or checks first',
        paragraphs: [
          `${at.role} needs ${missing.length === 1 ? 'this' : 'these'}, recorded by ${at.leroName} and still valid on ${at.day}:`,
        ],
        missing,
      };
    case 'NotAVolunteer':
      return {
        title: at.staff ? 'This person is not an active volunteer' : 'Only volunteers can sign up to shifts',
        paragraphs: [
          at.staff
            ? 'Give them the volunteer role on their member record first.'
            : `If you would like to volunteer, talk to a coordinator at ${at.leroName}.`,
        ],
        missing: [],
      };
    default:
      return { title: refusalTitle(err.reason), paragraphs: [err.detail], missing: [] };
  }
}
