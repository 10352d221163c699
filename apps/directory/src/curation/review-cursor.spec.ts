import { AppError } from '@hearth/contracts';
import { reviewCursor, reviewPosition } from './curation.service';

const ID = '01900000-0000-7000-8000-0000000000d1';
const encoded = (text: string) => Buffer.from(text).toString('base64url');
const refused = (cursor: string) => {
  try {
    reviewPosition(cursor);
    return false;
  } catch (err) {
    return err instanceof AppError && err.code === 'VALIDATION';
  }
};

describe('the needs-review cursor', () => {
  it('gives back the position it was made from', () => {
    for (const key of ['-infinity', '2025-02-28'])
      expect(reviewPosition(reviewCursor({ key, id: ID }))).toEqual({ key, id: ID });
  });

  it('refuses anything else as a 400, dates the database would not take included', () => {
    for (const text of [
      'nonsense',
      `2025-02-30_${ID}`,
      `0000-01-01_${ID}`,
      `2025-13-01_${ID}`,
      `2025-01-01_x`,
    ])
      expect(refused(encoded(text))).toBe(true);
    expect(refused('%%%')).toBe(true);
  });
});
