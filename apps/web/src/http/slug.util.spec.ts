import { slugify } from './slug.util';

describe('slugify', () => {
  it.each([
    ['Phoenix Recovery Community', 'phoenix-recovery-community'],
    ['St Mary’s Recovery Café', 'st-marys-recovery-cafe'],
    ['  North -- East!  ', 'north-east'],
  ])('%s → %s', (name, slug) => expect(slugify(name)).toBe(slug));
});
