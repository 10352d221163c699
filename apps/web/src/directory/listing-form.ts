import { normalisePostcode } from '@hearth/contracts';
import { FormErrors, field, fields, isEmail } from '../http/form.util';
import { looksLikeUuid } from '../http/params';
import { parseTime } from '../programme/activity-form';
import { WEEKDAYS, type WeekdayCode } from '../programme/recurrence';
import { compactObject, type ListingShape } from './listing-shape';
import { emptyGrid, gridSchedules, splitSchedules, type WeekGrid } from './opening-times';

/** The languages the form offers as boxes to tick (ISO 639-1), the commonest in England after English. */
export const COMMON_LANGUAGES = ['en', 'cy', 'pl', 'ro', 'pa', 'ur', 'bn', 'gu', 'ar', 'pt', 'es', 'so'];
const languageNames = new Intl.DisplayNames(['en-GB'], { type: 'language' });
export const languageName = (code: string) => {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
};

const PHONE = /^\+?[0-9][0-9 ()-]{5,24}$/;
const LANGUAGE_CODE = /^[a-z]{2,3}$/;

/** What the listing form shows and posts, as text. */
export interface ListingFormValues {
  name: string;
  description: string;
  organizationId: string;
  organizationName: string;
  url: string;
  contactName: string;
  phone: string;
  contactEmail: string;
  fees: string;
  minimumAge: string;
  maximumAge: string;
  locationName: string;
  address1: string;
  city: string;
  postcode: string;
  accessibility: string;
  status: string;
  terms: string[];
  languages: string[];
  otherLanguages: string;
  times: WeekGrid;
  /** The other schedules (by their place in the listing's list) to keep. */
  keep: string[];
}

/** What a form asks besides the listing's own fields: its organisation (a new listing) and its status (a change). */
export interface ListingFormAsks {
  organisation: boolean;
  status: boolean;
}

/** The form's fields in page order (the error summary's order). */
export const LISTING_FORM_ORDER = [
  'name',
  'organizationId',
  'organizationName',
  'description',
  'terms',
  ...WEEKDAYS.flatMap((d) => [`opens-${d.code}`, `closes-${d.code}`]),
  'locationName',
  'address1',
  'city',
  'postcode',
  'accessibility',
  'phone',
  'contactEmail',
  'contactName',
  'url',
  'minimumAge',
  'maximumAge',
  'fees',
  'languages',
  'status',
];

/** The API's field names on the form's fields, and how the form names them. */
export const LISTING_API_LABELS: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  url: 'Website',
  fees: 'Cost',
  minimumAge: 'Youngest age',
  maximumAge: 'Oldest age',
  'location.name': 'Place name',
  'location.address1': 'Address',
  'location.city': 'Town or city',
  'location.postcode': 'Postcode',
  'location.accessibility': 'Accessibility',
  'contact.name': 'Contact name',
  'contact.email': 'Email address',
  'contact.phone': 'Phone number',
  taxonomyTermIds: 'Categories',
  languages: 'Languages',
  organization: 'Organisation',
  'organization.name': 'Organisation',
  organizationId: 'Organisation',
  listingId: 'Listing',
};
export const LISTING_API_IDS: Record<string, string> = {
  'location.name': 'locationName',
  'location.address1': 'address1',
  'location.city': 'city',
  'location.postcode': 'postcode',
  'location.accessibility': 'accessibility',
  'contact.name': 'contactName',
  'contact.email': 'contactEmail',
  'contact.phone': 'phone',
  taxonomyTermIds: 'terms',
  organization: 'organizationName',
  'organization.name': 'organizationName',
  listingId: 'name',
};

const text = (value: string | null | undefined) => value ?? '';
const number = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

/** The form filled in from a listing's shape. */
export function valuesOf(shape: ListingShape): ListingFormValues {
  const { grid, others } = splitSchedules(shape.schedules ?? []);
  const languages = shape.languages ?? [];
  return {
    name: text(shape.name),
    description: text(shape.description),
    organizationId: text(shape.organizationId),
    organizationName: text(shape.organization?.name),
    url: text(shape.url),
    contactName: text(shape.contact?.name),
    phone: text(shape.contact?.phone),
    contactEmail: text(shape.contact?.email),
    fees: text(shape.fees),
    minimumAge: number(shape.minimumAge),
    maximumAge: number(shape.maximumAge),
    locationName: text(shape.location?.name),
    address1: text(shape.location?.address1),
    city: text(shape.location?.city),
    postcode: text(shape.location?.postcode),
    accessibility: text(shape.location?.accessibility),
    status: shape.status ?? 'active',
    terms: shape.taxonomyTermIds ?? [],
    languages: languages.filter((c) => COMMON_LANGUAGES.includes(c)),
    otherLanguages: languages.filter((c) => !COMMON_LANGUAGES.includes(c)).join(', '),
    times: grid,
    keep: others.map((o) => String(o.index)),
  };
}

export const emptyListingForm = (): ListingFormValues => valuesOf({});

/** The posted form, as text. */
export function readListingForm(body: unknown): ListingFormValues {
  const times = emptyGrid();
  for (const d of WEEKDAYS)
    times[d.code] = { opens: field(body, `opens-${d.code}`), closes: field(body, `closes-${d.code}`) };
  const one = (name: keyof ListingFormValues) => field(body, name);
  return {
    name: one('name'),
    description: one('description'),
    organizationId: one('organizationId'),
    organizationName: one('organizationName'),
    url: one('url'),
    contactName: one('contactName'),
    phone: one('phone'),
    contactEmail: one('contactEmail'),
    fees: one('fees'),
    minimumAge: one('minimumAge'),
    maximumAge: one('maximumAge'),
    locationName: one('locationName'),
    address1: one('address1'),
    city: one('city'),
    postcode: one('postcode'),
    accessibility: one('accessibility'),
    status: one('status'),
    terms: fields(body, 'terms'),
    languages: fields(body, 'languages'),
    otherLanguages: one('otherLanguages'),
    times,
    keep: fields(body, 'keep'),
  };
}

function age(errors: FormErrors, name: string, label: string, value: string): number | null {
  if (!value) return null;
  if (!/^\d{1,3}$/.test(value) || Number(value) > 120) {
    errors.add(name, `${label} must be a whole number from 0 to 120`);
    return null;
  }
  return Number(value);
}

function openingHours(errors: FormErrors, times: WeekGrid): WeekGrid {
  const grid = emptyGrid();
  for (const { code, name } of WEEKDAYS) {
    const { opens, closes } = times[code as WeekdayCode];
    if (!opens && !closes) continue;
    const from = parseTime(opens);
    const to = parseTime(closes);
    if (!opens) errors.add(`opens-${code}`, `Enter the time it opens on ${name}`);
    else if (!from)
      errors.add(`opens-${code}`, `Enter the time it opens on ${name} as hours and minutes, like 09:30`);
    if (!closes) errors.add(`closes-${code}`, `Enter the time it closes on ${name}`);
    else if (!to)
      errors.add(`closes-${code}`, `Enter the time it closes on ${name} as hours and minutes, like 17:00`);
    else if (from && to <= from)
      errors.add(`closes-${code}`, `The closing time on ${name} must be after it opens`);
    if (from && to && to > from) grid[code as WeekdayCode] = { opens: from, closes: to };
  }
  return grid;
}

/**
 * The listing the form describes, checked as the page can check it (the API checks again): with `base`, the
 * listing it changes, whose parts the form does not show (a place's own map point while its address stays,
 * the contact's title, schedules the grid cannot hold and the form keeps) carry over.
 */
export function listingFromForm(
  values: ListingFormValues,
  asks: ListingFormAsks,
  choices: { terms: string[]; organisations: string[] },
  base: ListingShape = {},
): { shape?: ListingShape; errors: FormErrors } {
  const errors = new FormErrors();
  if (!values.name) errors.add('name', 'Enter the name of the service');
  else if (values.name.length > 200) errors.add('name', 'Name must be 200 characters or fewer');
  if (asks.organisation) {
    if (values.organizationId && !choices.organisations.includes(values.organizationId))
      errors.add('organizationId', 'Select an organisation from the list');
    else if (!values.organizationId && !values.organizationName)
      errors.add(
        'organizationName',
        'Enter the name of the organisation that runs it, or select one from the list',
      );
    else if (values.organizationName.length > 200)
      errors.add('organizationName', 'The organisation’s name must be 200 characters or fewer');
  }
  if (values.description.length > 5000)
    errors.add('description', 'Description must be 5,000 characters or fewer');
  if (values.terms.some((t) => !looksLikeUuid(t) || !choices.terms.includes(t)))
    errors.add('terms', 'Select categories from the list');
  const grid = openingHours(errors, values.times);
  const where = [values.locationName, values.address1, values.city, values.postcode, values.accessibility];
  const postcode = values.postcode ? normalisePostcode(values.postcode) : null;
  if (where.some(Boolean)) {
    if (!values.address1) errors.add('address1', 'Enter the first line of the address');
    if (!values.city) errors.add('city', 'Enter the town or city');
    if (!values.postcode) errors.add('postcode', 'Enter the postcode');
    else if (!postcode) errors.add('postcode', 'Enter a real postcode, like LS1 4AP');
  }
  if (values.phone && !PHONE.test(values.phone))
    errors.add('phone', 'Enter a phone number, like 0113 496 0000 or +44 113 496 0000');
  if (values.contactEmail && !isEmail(values.contactEmail))
    errors.add('contactEmail', 'Enter an email address in the correct format, like name@example.org');
  if (values.url && !isWebAddress(values.url))
    errors.add('url', 'Enter the website’s full address, like https://www.example.org');
  const minimumAge = age(errors, 'minimumAge', 'Youngest age', values.minimumAge);
  const maximumAge = age(errors, 'maximumAge', 'Oldest age', values.maximumAge);
  if (minimumAge !== null && maximumAge !== null && maximumAge < minimumAge)
    errors.add('maximumAge', 'Oldest age must be the same as or more than the youngest age');
  if (values.fees.length > 1000) errors.add('fees', 'Cost must be 1,000 characters or fewer');
  const others = values.otherLanguages
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((c) => c.toLowerCase());
  if (others.some((c) => !LANGUAGE_CODE.test(c)))
    errors.add('languages', 'Enter other languages as their codes, like ro or ti, separated by commas');
  if (values.languages.some((c) => !COMMON_LANGUAGES.includes(c)))
    errors.add('languages', 'Select languages from the list');
  if (asks.status && !['active', 'inactive'].includes(values.status))
    errors.add('status', 'Select whether it is shown in the public directory');
  if (!errors.ok) return { errors };

  const sameAddress =
    base.location &&
    base.location.postcode === postcode &&
    base.location.address1 === values.address1 &&
    base.location.city === values.city;
  const { others: baseOthers } = splitSchedules(base.schedules ?? []);
  const shape: ListingShape = {
    name: values.name,
    description: values.description || null,
    taxonomyTermIds: values.terms,
    schedules: [
      ...gridSchedules(grid),
      ...baseOthers.filter((o) => values.keep.includes(String(o.index))).map((o) => o.schedule),
    ],
    location: values.address1
      ? compactObject({
          name: values.locationName,
          description: base.location?.description,
          address1: values.address1,
          city: values.city,
          postcode: postcode!,
          ...(sameAddress ? { latitude: base.location!.latitude, longitude: base.location!.longitude } : {}),
          accessibility: values.accessibility,
        })
      : null,
    url: values.url || null,
    contact:
      values.contactName || values.phone || values.contactEmail
        ? compactObject({
            name: values.contactName,
            title: base.contact?.title,
            email: values.contactEmail,
            phone: values.phone,
          })
        : null,
    minimumAge,
    maximumAge,
    fees: values.fees || null,
    languages: [...new Set([...values.languages, ...others])],
    ...(asks.status ? { status: values.status as 'active' | 'inactive' } : {}),
    ...(asks.organisation
      ? values.organizationId
        ? { organizationId: values.organizationId }
        : { organization: { name: values.organizationName } }
      : {}),
  };
  return { shape, errors };
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}
