import { AppError } from '../errors';
import { validatePayload } from '../validation';
import { OrukQuery } from './oruk.dto';
import { normalisePostcode } from './postcode';

const problemsOf = (query: Record<string, unknown>) => {
  try {
    validatePayload(OrukQuery, query);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return ((err as AppError).details?.errors ?? []).map((e) => `${e.field} ${e.message}`);
  }
  return [];
};

describe('UK postcodes (the postcode package) and the feed’s postcode and proximity', () => {
  it('normalises a postcode written in any case and spacing, and knows what is not one', () => {
    expect(['ls14ap', ' LS1  4ap ', 'LS1 4AP', 'Ls1 4aP'].map(normalisePostcode)).toEqual(
      Array(4).fill('LS1 4AP'),
    );
    expect(['sw1a1aa', 'm11ad', 'SE1P 5ZZ'].map(normalisePostcode)).toEqual([
      'SW1A 1AA',
      'M1 1AD',
      'SE1P 5ZZ',
    ]);
    expect(['NOPE', 'LS1', '4AP LS1', '', 'LS1 4AP LS1 4AP', 'x'.repeat(100)].map(normalisePostcode)).toEqual(
      Array(6).fill(null),
    );
  });

  it('takes a postcode with or without a proximity in whole metres, normalised', () => {
    const query = validatePayload(OrukQuery, { postcode: 'ls14ap', proximity: '3000' });
    expect([query.postcode, query.proximity]).toEqual(['LS1 4AP', 3000]);
    expect(validatePayload(OrukQuery, { postcode: 'M1 1AD' }).proximity).toBeUndefined();
  });

  it('refuses what is not a postcode, a proximity that is not a distance, and a proximity without a postcode', () => {
    expect(problemsOf({ postcode: 'NOPE' })).toEqual(['postcode must be a UK postcode, such as LS1 4AP']);
    expect(problemsOf({ postcode: 'LS1 4AP', proximity: '3 km' })).toContain(
      'proximity must be a whole number of metres',
    );
    expect(problemsOf({ postcode: 'LS1 4AP', proximity: '0' })).toEqual([
      'proximity must be at least 1 metre',
    ]);
    expect(problemsOf({ postcode: 'LS1 4AP', proximity: '200001' })).toEqual([
      'proximity must be at most 200000 metres',
    ]);
    expect(problemsOf({ proximity: '3000' })).toEqual([
      'proximity needs a postcode to measure from (`postcode`)',
    ]);
  });
});
