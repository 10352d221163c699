import type { ImportView } from '@hearth/contracts';
import { readPublishChoice } from '../leros/lero-settings.controller';
import { countsInWords, importDetails, readImportForm } from './directory-imports';

const run = (over: Partial<ImportView> = {}): ImportView => ({
  id: '01900000-0000-7000-8000-0000000000f1',
  regionId: '01900000-0000-7000-8000-0000000000e1',
  source: 'https://directory.example.gov.uk/oruk',
  mode: 'suggestions',
  full: true,
  modifiedAfter: null,
  status: 'succeeded',
  startedAt: '2027-01-05T10:00:00.000Z',
  finishedAt: '2027-01-05T10:02:00.000Z',
  counts: { pages: 2, seen: 5, created: 3, updated: 0, unchanged: 1, removed: 0, skipped: 1 },
  problems: [{ sourceId: 'fh-5', message: 'The service has no name.' }],
  error: null,
  pendingSuggestions: 3,
  ...over,
});

describe('the import form', () => {
  it('takes a feed’s address and where its services go, every service only when ticked', () => {
    expect(readImportForm({ url: ' https://x.example.org/oruk ', mode: 'suggestions' }).dto).toEqual({
      url: 'https://x.example.org/oruk',
      mode: 'suggestions',
    });
    expect(readImportForm({ url: 'https://x.example.org/oruk', mode: 'listings', full: 'yes' }).dto).toEqual({
      url: 'https://x.example.org/oruk',
      mode: 'listings',
      full: true,
    });
  });

  it('says what is missing or wrong, field by field', () => {
    const fieldsOf = (body: object) =>
      readImportForm(body)
        .errors.view()
        .summary.map((e) => e.href);
    expect(fieldsOf({})).toEqual(['#url', '#mode']);
    expect(fieldsOf({ url: 'ftp://x.example.org', mode: 'suggestions' })).toEqual(['#url']);
    expect(fieldsOf({ url: 'https://x.example.org', mode: 'drafts', full: 'please' })).toEqual([
      '#mode',
      '#full',
    ]);
  });
});

describe('an import in words', () => {
  it('sums up what it did, leaving out what did not happen', () => {
    expect(countsInWords(run())).toBe('5 services: 3 new, 0 changed, 1 unchanged, 1 could not be taken');
    expect(countsInWords(run({ counts: { ...run().counts, seen: 1, skipped: 0, removed: 2 } }))).toBe(
      '1 service: 3 new, 0 changed, 1 unchanged, 2 no longer in the feed',
    );
  });

  it('names what it made by its mode, and says how many of its suggestions wait', () => {
    const details = importDetails(run());
    expect(details.countRows[2][0].text).toBe('New suggestions');
    expect(details.pending).toBe('3 suggestions');
    const listings = importDetails(run({ mode: 'listings', pendingSuggestions: 0 }));
    expect(listings.countRows[2][0].text).toBe('New listings');
    expect(listings.pending).toBeUndefined();
  });
});

describe('the LERO’s directory switch', () => {
  it('is ticked, not ticked, or not something a form of ours sends', () => {
    expect(readPublishChoice({ publishToDirectory: 'yes' })).toBe(true);
    expect(readPublishChoice({})).toBe(false);
    expect(readPublishChoice({ publishToDirectory: 'maybe' })).toBeUndefined();
    expect(readPublishChoice({ publishToDirectory: ['yes', 'yes'] })).toBeUndefined();
  });
});
