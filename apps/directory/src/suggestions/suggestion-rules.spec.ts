import { AppError, ApproveSuggestionDto, SuggestListingDto, SuggestListingRequest } from '@hearth/contracts';
import { plainToInstance } from 'class-transformer';
import { suggestionOf, withEdits } from './suggestion-rules';

const LISTING = '01900000-0000-7000-8000-0000000000d1';
const ORG = '01900000-0000-7000-8000-0000000000e1';
const suggestion = (body: object) => plainToInstance(SuggestListingDto, body);
const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err.details?.errors?.[0]?.field;
  }
  return 'accepted';
};

describe('what a LERO may suggest', () => {
  it('keeps a new listing’s body as given, without the LERO’s id or unset fields', () => {
    const dto = plainToInstance(SuggestListingRequest, {
      tenantId: '01900000-0000-7000-8000-0000000000a1',
      name: 'Walking group',
      organization: { name: 'Our LERO' },
    });
    const { kind, body } = suggestionOf(dto);
    expect(kind).toBe('new');
    expect(JSON.parse(JSON.stringify(body))).toEqual({
      name: 'Walking group',
      organization: { name: 'Our LERO' },
    });
    expect(Object.keys(body).sort()).toEqual(['name', 'organization']);
  });

  it('needs a name and exactly one organisation for a new listing, and sane ages', () => {
    expect(fieldOf(() => suggestionOf(suggestion({ organization: { name: 'O' } })))).toBe('name');
    expect(fieldOf(() => suggestionOf(suggestion({ name: 'N' })))).toBe('organization');
    expect(
      fieldOf(() =>
        suggestionOf(suggestion({ name: 'N', organizationId: ORG, organization: { name: 'O' } })),
      ),
    ).toBe('organization');
    expect(
      fieldOf(() =>
        suggestionOf(suggestion({ name: 'N', organizationId: ORG, minimumAge: 30, maximumAge: 18 })),
      ),
    ).toBe('maximumAge');
  });

  it('takes a change as the fields to change of a listing, and nothing else', () => {
    expect(suggestionOf(suggestion({ listingId: LISTING, fees: 'Free' }))).toEqual({
      kind: 'change',
      body: { fees: 'Free' },
    });
    expect(fieldOf(() => suggestionOf(suggestion({ listingId: LISTING })))).toBe('listingId');
    expect(fieldOf(() => suggestionOf(suggestion({ listingId: LISTING, organizationId: ORG })))).toBe(
      'organizationId',
    );
  });
});

describe('a curator’s edits on approving', () => {
  const edits = (body: object) => plainToInstance(ApproveSuggestionDto, body);

  it('replace what was suggested field by field, and null removes a part', () => {
    expect(
      withEdits(
        'change',
        { fees: 'Free', alert: 'Closed in August' },
        edits({ alert: null, url: 'https://x.org' }),
      ),
    ).toEqual({ fees: 'Free', alert: null, url: 'https://x.org' });
  });

  it('put a new listing under an organisation already listed instead of the suggested one, and the reverse', () => {
    const body = { name: 'N', organization: { name: 'New org' } };
    expect(withEdits('new', body, edits({ organizationId: ORG }))).toEqual({
      name: 'N',
      organizationId: ORG,
    });
    expect(
      withEdits('new', { name: 'N', organizationId: ORG }, edits({ organization: { name: 'Another' } })),
    ).toEqual({ name: 'N', organization: { name: 'Another' } });
  });

  it('refuse an organisation’s id for a change', () => {
    expect(fieldOf(() => withEdits('change', { fees: 'Free' }, edits({ organizationId: ORG })))).toBe(
      'organizationId',
    );
  });
});
