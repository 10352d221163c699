import type { FormView } from '../http/form.util';
import { WEEKDAYS } from '../programme/recurrence';
import { CATEGORIES } from './directory-search';
import type { HsdsOrganization } from '../api/hsds';
import { COMMON_LANGUAGES, languageName, type ListingFormAsks, type ListingFormValues } from './listing-form';
import type { ListingShape } from './listing-shape';
import { splitSchedules } from './opening-times';

/** A listing form's page: what it is for, where it posts, and what it offers to choose from. */
export interface ListingFormPage {
  caption: string;
  title: string;
  intro?: string[];
  action: string;
  backHref: string;
  backText: string;
  submit: string;
  asks: ListingFormAsks;
  values: ListingFormValues;
  errors: FormView;
  /** Organisations already listed that a new listing may join. */
  organisations?: HsdsOrganization[];
  /** The listing changed, whose schedules the grid cannot hold are offered to keep. */
  base?: ListingShape;
  /** A region's own taxonomy terms the listing already has (Hearth's are always offered). */
  extraTerms?: { id: string; name: string }[];
  /** Hidden fields the form carries back (the listing a suggestion changes, the region's short name). */
  hidden?: Record<string, string>;
}

/** The ids the form may post as categories: Hearth's terms, and the region's own the listing has. */
export const termChoices = (extra: { id: string }[] = []) => [
  ...CATEGORIES.map((c) => c.id),
  ...extra.map((t) => t.id),
];

/** The template's context: the page, with GOV.UK items for its choices. */
export function listingFormContext(page: ListingFormPage): Record<string, unknown> {
  const { values, errors } = page;
  const terms = [
    ...CATEGORIES,
    ...(page.extraTerms ?? []).filter((t) => !CATEGORIES.some((c) => c.id === t.id)),
  ];
  const others = splitSchedules(page.base?.schedules ?? []).others;
  return {
    ...page,
    termItems: terms.map((t) => ({ value: t.id, text: t.name, checked: values.terms.includes(t.id) })),
    languageItems: COMMON_LANGUAGES.map((code) => ({
      value: code,
      text: languageName(code),
      checked: values.languages.includes(code),
    })),
    organisationItems: [
      { value: '', text: 'A new organisation (name it below)' },
      ...[...(page.organisations ?? [])]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((o) => ({ value: o.id, text: o.name, selected: o.id === values.organizationId })),
    ],
    statusItems: [
      {
        value: 'active',
        text: 'Shown in the public directory',
        checked: values.status !== 'inactive',
      },
      {
        value: 'inactive',
        text: 'Hidden for now',
        hint: { text: 'For a service that has paused: it stays here to bring back' },
        checked: values.status === 'inactive',
      },
    ],
    days: WEEKDAYS.map((d) => ({
      code: d.code,
      name: d.name,
      opens: values.times[d.code].opens,
      closes: values.times[d.code].closes,
      opensError: errors.fields[`opens-${d.code}`],
      closesError: errors.fields[`closes-${d.code}`],
    })),
    otherItems: others.map((o) => ({
      value: String(o.index),
      text: o.words,
      checked: values.keep.includes(String(o.index)),
    })),
  };
}
