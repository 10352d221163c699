import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { toNormalised } from 'postcode';

export const POSTCODE_MESSAGE = 'must be a UK postcode, such as LS1 4AP';

/**
 * A UK postcode as Royal Mail and the ONS write it (`ls14ap`, ` LS1  4ap ` → `LS1 4AP`), or null when it is not
 * one: the `postcode` package's rules, after trimming. The one form Hearth stores, looks up and shows.
 */
export function normalisePostcode(value: string): string | null {
  return value.length > 16 ? null : toNormalised(value.trim());
}

/** A UK postcode, taken in any case and spacing and kept in its normal form (`LS1 4AP`); anything else is a 400. */
export const IsUkPostcode = (options?: ValidationOptions) => (target: object, key: string) => {
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (normalisePostcode(value) ?? value) : value,
  )(target, key);
  ValidateBy(
    {
      name: 'isUkPostcode',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && normalisePostcode(value) === value,
        defaultMessage: () => POSTCODE_MESSAGE,
      },
    },
    options,
  )(target, key);
};
