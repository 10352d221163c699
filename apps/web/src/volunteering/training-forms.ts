import {
  MAX_VALIDITY_MONTHS,
  TRAINING_VERIFIED_HOW,
  type CreateTrainingDto,
  type RecordTrainingDto,
  type TrainingKind,
  type TrainingRecordView,
  type TrainingVerifiedHow,
  type TrainingView,
} from '@hearth/contracts';
import { DateTime } from 'luxon';
import { FormErrors, field } from '../http/form.util';
import { HOME_ZONE } from '../http/time';
import { isoDate } from '../programme/activity-form';
import { parseDateParts } from '../programme/recurrence';
import { dateItems, datePartsOf, selectOptions, type DateParts } from '../programme/recurrence-form';

/** A catalogue item's form: name, training or check, how many months it stays valid (empty: never expires). */
export interface TrainingFormValues {
  name: string;
  kind: string;
  validityMonths: string;
}

export const TRAINING_FIELDS = ['name', 'kind', 'validityMonths'];
export const TRAINING_LABELS: Record<string, string> = {
  name: 'Name',
  kind: 'Training or check',
  validityMonths: 'Months it stays valid',
};

export const readTrainingForm = (body: unknown): TrainingFormValues => ({
  name: field(body, 'name'),
  kind: field(body, 'kind'),
  validityMonths: field(body, 'validityMonths'),
});

export const trainingFormFrom = (t?: TrainingView): TrainingFormValues => ({
  name: t?.name ?? '',
  kind: t?.kind ?? 'training',
  validityMonths: t?.validityMonths ? String(t.validityMonths) : '',
});

export function trainingRequest(
  v: TrainingFormValues,
  errors: FormErrors,
): Required<CreateTrainingDto> | undefined {
  if (!v.name) errors.add('name', 'Enter a name, like Safeguarding adults');
  else if (v.name.length > 120) errors.add('name', 'Name must be 120 characters or fewer');
  if (v.kind !== 'training' && v.kind !== 'check')
    errors.add('kind', 'Select whether it is training or a check');
  const months = Number(v.validityMonths);
  if (v.validityMonths && (!/^\d+$/.test(v.validityMonths) || months < 1 || months > MAX_VALIDITY_MONTHS))
    errors.add(
      'validityMonths',
      `Months it stays valid must be a whole number from 1 to ${MAX_VALIDITY_MONTHS}`,
    );
  if (!errors.ok) return undefined;
  return { name: v.name, kind: v.kind as TrainingKind, validityMonths: v.validityMonths ? months : null };
}

/** How a coordinator saw it, in words. */
export const HOW_WORDS: Record<TrainingVerifiedHow, string> = {
  'certificate-seen': 'Certificate seen',
  'delivered-by-us': 'Delivered by us',
  'accepted-from-passport': 'Accepted from a passport',
};

/** A volunteer's record's form: which item, when completed, how it was verified. */
export interface RecordFormValues {
  trainingId: string;
  completedOn: DateParts;
  how: string;
}

export const RECORD_FIELDS = ['trainingId', 'completedOn', 'how'];
export const RECORD_ANCHORS = { completedOn: 'completedOn-day' };
export const RECORD_LABELS: Record<string, string> = {
  trainingId: 'Training or check',
  completedOn: 'Date completed',
  how: 'How you know',
};

export const readRecordForm = (body: unknown): RecordFormValues => ({
  trainingId: field(body, 'trainingId'),
  completedOn: datePartsOf(body, 'completedOn'),
  how: field(body, 'how'),
});

export const recordFormFrom = (r?: TrainingRecordView): RecordFormValues => {
  const d = r ? DateTime.fromISO(r.completedOn) : undefined;
  return {
    trainingId: r?.trainingId ?? '',
    completedOn: d
      ? { day: String(d.day), month: String(d.month), year: String(d.year) }
      : { day: '', month: '', year: '' },
    how: r?.how ?? 'certificate-seen',
  };
};

export function recordRequest(
  v: RecordFormValues,
  errors: FormErrors,
  now = new Date(),
): RecordTrainingDto | undefined {
  if (!v.trainingId) errors.add('trainingId', 'Select the training or check');
  const date = parseDateParts(v.completedOn);
  if (!v.completedOn.day && !v.completedOn.month && !v.completedOn.year)
    errors.add('completedOn', 'Enter the date it was completed');
  else if (!date) errors.add('completedOn', 'Date completed must be a real date, like 5 1 2027');
  else if (isoDate(date) > DateTime.fromJSDate(now).setZone(HOME_ZONE).toISODate()!)
    errors.add('completedOn', 'Date completed must be today or in the past');
  if (!(TRAINING_VERIFIED_HOW as readonly string[]).includes(v.how)) errors.add('how', 'Select how you know');
  if (!errors.ok || !date) return undefined;
  return { trainingId: v.trainingId, completedOn: isoDate(date), how: v.how as TrainingVerifiedHow };
}

/** What the record form draws. */
export const recordFormChoices = (
  v: RecordFormValues,
  errors: { fields: Record<string, unknown> },
  catalogue: TrainingView[],
) => ({
  completedOnItems: dateItems('completedOn', v.completedOn, errors),
  trainingOptions: selectOptions(
    catalogue.map((t) => ({ value: t.id, text: t.name })),
    v.trainingId,
    'Choose one',
  ),
  howItems: TRAINING_VERIFIED_HOW.map((h) => ({ value: h, text: HOW_WORDS[h], checked: v.how === h })),
});
