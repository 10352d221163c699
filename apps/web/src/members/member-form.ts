import {
  COMMUNITY_ROLES,
  CONSENT_KINDS,
  DISPLAY_NAME_MAX,
  PHONE_PATTERN,
  PREFERRED_CONTACTS,
  REMINDER_CHOICES,
  type CommunityRole,
  type ConsentKind,
  type ConsentsView,
  type MemberView,
  type PreferredContact,
  type ReminderChoice,
} from '@hearth/contracts';
import { FormErrors, field, fields, isEmail } from '../http/form.util';

export const COMMUNITY_ROLE_NAMES: Record<CommunityRole, string> = {
  member: 'Member',
  volunteer: 'Volunteer',
  'peer-mentor': 'Peer mentor',
  staff: 'Staff',
  trustee: 'Trustee',
};

export const PREFERRED_CONTACT_NAMES: Record<PreferredContact, string> = {
  email: 'By email',
  phone: 'By phone',
  none: 'They do not want to be contacted',
};

/** Session and shift reminders (ADR 0081): one choice covers both, as staff and the member see the choice. */
export const REMINDER_NAMES: Record<ReminderChoice, { text: string; self: string }> = {
  email: { text: 'Email the day before', self: 'Email me the day before' },
  none: { text: 'No reminders', self: 'No reminders' },
};

/** Each consent as the person was asked it. */
export const CONSENT_NAMES: Record<ConsentKind, { text: string; hint: string; selfHint: string }> = {
  contact: {
    text: 'Contact',
    hint: 'The LERO may contact them about its groups and activities, the way they prefer',
    selfHint: 'The LERO may contact you about its groups and activities, the way you prefer',
  },
  photos: {
    text: 'Photos',
    hint: 'Photos or video that show them may be taken and shared',
    selfHint: 'Photos or video that show you may be taken and shared',
  },
  shareStoriesAnonymously: {
    text: 'Stories, without a name',
    hint: 'What they share about their recovery may be told to others without naming them',
    selfHint: 'What you share about your recovery may be told to others without naming you',
  },
};

export const rolesInWords = (roles: CommunityRole[]) =>
  roles.map((r) => COMMUNITY_ROLE_NAMES[r] ?? r).join(', ') || 'None recorded';

/** The fields of the member form, in page order (the error summary's order). */
export const MEMBER_FIELDS = [
  'displayName',
  'email',
  'phone',
  'preferredContact',
  'reminders',
  'communityRoles',
  'pathway',
  'consents',
  'notes',
];

/** The API's field names in the words the form uses, for its problem+json errors. */
export const MEMBER_LABELS: Record<string, string> = {
  displayName: 'Name',
  email: 'Email address',
  phone: 'Phone number',
  communityRoles: 'Roles',
  pathway: 'Pathway',
  preferredContact: 'How they prefer to be contacted',
  reminders: 'Session and shift reminders',
  consents: 'Consents',
  notes: 'Notes',
};

export interface MemberFormValues {
  displayName: string;
  email: string;
  phone: string;
  communityRoles: string[];
  pathway: string;
  preferredContact: string;
  reminders: string;
  consents: string[];
  notes: string;
}

export const emptyMemberForm = (): MemberFormValues => ({
  displayName: '',
  email: '',
  phone: '',
  communityRoles: ['member'],
  pathway: '',
  preferredContact: '',
  reminders: 'none',
  consents: [],
  notes: '',
});

export const memberFormOf = (m: MemberView): MemberFormValues => ({
  displayName: m.displayName,
  email: m.email ?? '',
  phone: m.phone ?? '',
  communityRoles: [...m.communityRoles],
  pathway: m.pathway ?? '',
  preferredContact: m.preferredContact ?? '',
  reminders: m.reminders,
  consents: CONSENT_KINDS.filter((k) => m.consents[k]),
  notes: m.notes ?? '',
});

export function readMemberForm(body: unknown): MemberFormValues {
  return {
    displayName: field(body, 'displayName'),
    email: field(body, 'email'),
    phone: field(body, 'phone'),
    communityRoles: fields(body, 'communityRoles'),
    pathway: field(body, 'pathway'),
    preferredContact: field(body, 'preferredContact'),
    reminders: field(body, 'reminders') || 'none',
    consents: fields(body, 'consents'),
    notes: field(body, 'notes'),
  };
}

/** The checks the API makes too, said the way a person needs to hear them. */
export function validateMemberForm(
  v: MemberFormValues,
  errors: FormErrors,
  { self = false }: { self?: boolean } = {},
): void {
  const whose = self ? 'your' : 'their';
  if (!v.displayName) errors.add('displayName', self ? 'Enter your name' : 'Enter their name');
  else if (v.displayName.length > DISPLAY_NAME_MAX)
    errors.add('displayName', `Name must be ${DISPLAY_NAME_MAX} characters or fewer`);
  if (v.email && !isEmail(v.email))
    errors.add('email', 'Enter an email address in the correct format, like name@example.org');
  if (v.phone && (v.phone.length > 25 || !PHONE_PATTERN.test(v.phone)))
    errors.add('phone', 'Enter a phone number, like 0191 498 0000 or +44 7700 900 982');
  if (v.preferredContact && !(PREFERRED_CONTACTS as readonly string[]).includes(v.preferredContact))
    errors.add('preferredContact', `Select how ${self ? 'you prefer' : 'they prefer'} to be contacted`);
  if (v.preferredContact === 'email' && !v.email)
    errors.add('email', `Enter ${whose} email address, or choose another way to be contacted`);
  if (v.preferredContact === 'phone' && !v.phone)
    errors.add('phone', `Enter ${whose} phone number, or choose another way to be contacted`);
  if (!(REMINDER_CHOICES as readonly string[]).includes(v.reminders))
    errors.add('reminders', `Select whether ${self ? 'you want' : 'they want'} session reminders`);
  else if (v.reminders === 'email' && !v.email)
    errors.add('email', `Enter ${whose} email address, or choose no reminders`);
  if (v.communityRoles.some((r) => !(COMMUNITY_ROLES as readonly string[]).includes(r)))
    errors.add('communityRoles', 'Select their roles from the list');
  if (v.pathway.length > 200) errors.add('pathway', 'Pathway must be 200 characters or fewer');
  if (v.consents.some((c) => !(CONSENT_KINDS as readonly string[]).includes(c)))
    errors.add('consents', 'Select consents from the list');
  if (v.notes.length > 2000) errors.add('notes', 'Notes must be 2,000 characters or fewer');
}

export const consentsOf = (chosen: string[]): ConsentsView => ({
  contact: chosen.includes('contact'),
  photos: chosen.includes('photos'),
  shareStoriesAnonymously: chosen.includes('shareStoriesAnonymously'),
});

/** Checkbox items with the id the error summary links to on the first. */
export function checkboxItems(
  idPrefix: string,
  choices: { value: string; text: string; hint?: string }[],
  checked: string[],
) {
  return choices.map((c, i) => ({
    value: c.value,
    text: c.text,
    ...(c.hint ? { hint: { text: c.hint } } : {}),
    checked: checked.includes(c.value),
    ...(i === 0 ? { id: idPrefix } : {}),
  }));
}

export const roleChoices = () => COMMUNITY_ROLES.map((r) => ({ value: r, text: COMMUNITY_ROLE_NAMES[r] }));

export const consentChoices = (self = false) =>
  CONSENT_KINDS.map((k) => ({
    value: k,
    text: CONSENT_NAMES[k].text,
    hint: self ? CONSENT_NAMES[k].selfHint : CONSENT_NAMES[k].hint,
  }));

export function contactItems(checked: string, self = false) {
  return [
    ...PREFERRED_CONTACTS.map((c, i) => ({
      value: c,
      text: self && c === 'none' ? 'I do not want to be contacted' : PREFERRED_CONTACT_NAMES[c],
      checked: checked === c,
      ...(i === 0 ? { id: 'preferredContact' } : {}),
    })),
    { divider: 'or' },
    { value: '', text: self ? 'I have not said' : 'Not asked yet', checked: checked === '' },
  ];
}

/** The reminder radios: sent only with consent to contact, which the hint says. */
export function reminderItems(checked: string, self = false) {
  return REMINDER_CHOICES.map((c, i) => ({
    value: c,
    text: self ? REMINDER_NAMES[c].self : REMINDER_NAMES[c].text,
    checked: checked === c,
    ...(i === 0 ? { id: 'reminders' } : {}),
  }));
}
