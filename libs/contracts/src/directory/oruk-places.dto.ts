import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateBy, type ValidationArguments } from 'class-validator';
import { IsUkPostcode } from './postcode';

/** The widest circle the feed searches: 200 km, more than the length of any region. */
export const ORUK_MAX_PROXIMITY = 200_000;

/**
 * The feed's `postcode` (Open Referral UK: on `/service_at_locations`; a Hearth extension on `/services`): a UK
 * postcode in any case and spacing, measured from its centroid in Hearth's postcode list (ADR 0038).
 */
export const OrukPostcode = () => (target: object, key: string) => {
  IsOptional()(target, key);
  IsUkPostcode()(target, key);
};

/** The feed's `proximity`: whole metres from the postcode's centroid, so only with `postcode`. */
export const OrukProximity = () => (target: object, key: string) => {
  IsOptional()(target, key);
  Type(() => Number)(target, key);
  IsInt({ message: 'must be a whole number of metres' })(target, key);
  Min(1, { message: 'must be at least 1 metre' })(target, key);
  Max(ORUK_MAX_PROXIMITY, { message: `must be at most ${ORUK_MAX_PROXIMITY} metres` })(target, key);
  ValidateBy({
    name: 'proximityNeedsPostcode',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) =>
        (args?.object as { postcode?: unknown } | undefined)?.postcode !== undefined,
      defaultMessage: () => 'needs a postcode to measure from (`postcode`)',
    },
  })(target, key);
};
