import { IsISO8601, Matches, ValidateIf } from 'class-validator';
import { IsYearInRange } from '../input-policy';

/** A calendar day as the advocacy contracts take it: YYYY-MM-DD. */
export const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const DATE_MESSAGE = 'must be a date, YYYY-MM-DD';

/** A field that may be left out but, given, is never null. */
export const NotNullIfPresent = () => ValidateIf((_o, value) => value !== undefined);

/** A date field: a real day, YYYY-MM-DD, in Hearth's years. */
export const IsDay = (): PropertyDecorator => (target, key) => {
  Matches(DATE, { message: DATE_MESSAGE })(target, key);
  IsISO8601({ strict: true }, { message: DATE_MESSAGE })(target, key);
  IsYearInRange()(target, key);
};

export const DATE_TIME_MESSAGE = 'must be a date and time (ISO 8601)';

/** A date-time field (a consultation's opening and closing): ISO 8601. */
export const IsDateTime = (): PropertyDecorator =>
  IsISO8601({ strict: true }, { message: DATE_TIME_MESSAGE });
