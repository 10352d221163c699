import {
  HEARTH_TAXONOMY_TERMS,
  SIGNPOST_CHANNELS,
  type RecordSignpostDto,
  type SignpostChannel,
} from '@hearth/contracts';
import { FormErrors, field } from '../http/form.util';
import { looksLikeUuid } from '../http/params';

/** Each way of signposting as the form says it. */
export const CHANNEL_NAMES: Record<SignpostChannel, string> = {
  'in-person': 'In person',
  phone: 'On the phone',
  online: 'Online',
};

/** What the form offers: Hearth's categories, by name (a region's own terms come with the directory's screens). */
export const SIGNPOST_TERMS = HEARTH_TAXONOMY_TERMS;

export interface SignpostForm {
  values: { taxonomyTermId: string; channel: string };
  /** The door view to go back to (a session's id), when the form was opened from it. */
  sessionId?: string;
  dto?: RecordSignpostDto;
  errors: FormErrors;
}

/** The posted form, checked as the page can check it (the API checks it again). */
export function readSignpostForm(body: unknown): SignpostForm {
  const values = { taxonomyTermId: field(body, 'taxonomyTermId'), channel: field(body, 'channel') };
  const session = field(body, 'sessionId');
  const errors = new FormErrors();
  if (!SIGNPOST_TERMS.some((t) => t.id === values.taxonomyTermId))
    errors.add('taxonomyTermId', 'Choose what they were signposted to');
  if (!(SIGNPOST_CHANNELS as readonly string[]).includes(values.channel))
    errors.add('channel', 'Choose how they were signposted');
  return {
    values,
    ...(looksLikeUuid(session) ? { sessionId: session } : {}),
    ...(errors.ok
      ? { dto: { taxonomyTermId: values.taxonomyTermId, channel: values.channel as SignpostChannel } }
      : {}),
    errors,
  };
}

/** The radios' items, the chosen one checked. */
export const termItems = (chosen: string) =>
  SIGNPOST_TERMS.map((t) => ({ value: t.id, text: t.name, checked: t.id === chosen }));

export const channelItems = (chosen: string) =>
  SIGNPOST_CHANNELS.map((c) => ({ value: c, text: CHANNEL_NAMES[c], checked: c === chosen }));
