import {
  MAX_STATEMENT_LENGTH,
  MIN_PUBLISH_THRESHOLD,
  type ContributeDto,
  type CreateThemeDto,
  type MyPieceView,
  type PieceStatus,
  type PieceView,
  type ThemeStatus,
  type ThemeView,
} from '@hearth/contracts';
import { FormErrors, field } from '../http/form.util';

export { MAX_STATEMENT_LENGTH };

export const MAX_THEME_TITLE = 200;
export const MAX_THEME_PROMPT = 1000;

export const THEME_FIELDS = ['title', 'prompt', 'publishThreshold'];
export const STATEMENT_FIELDS = ['text', 'consent'];

export const THEME_STATUS_WORDS: Record<ThemeStatus, string> = {
  draft: 'Draft',
  open: 'Open',
  closed: 'Closed',
};

/** A piece's state in staff's words (the review queue). */
export const PIECE_STATUS_WORDS: Record<PieceStatus, string> = {
  submitted: 'Waiting for review',
  'edit-proposed': 'Edit proposed',
  approved: 'Approved',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

/** A piece's state in the contributor's words: what happens next. */
const MY_STATUS_WORDS: Record<PieceStatus, string> = {
  submitted: 'Waiting for review. It is not published yet.',
  'edit-proposed':
    'Staff suggest an edit to take out details that could identify someone. Accept it, or withdraw your statement.',
  approved: 'Approved. It is published with the theme once enough people have taken part.',
  declined: 'Not approved: it will not be published. You can withdraw it and write another.',
  withdrawn: 'Withdrawn. Its text is deleted.',
};

export interface ThemeFormValues {
  title: string;
  prompt: string;
  publishThreshold: string;
}

export const emptyThemeForm = (): ThemeFormValues => ({ title: '', prompt: '', publishThreshold: '10' });

/** A draft's form, filled in from the theme. */
export const themeFormFrom = (theme: ThemeView): ThemeFormValues => ({
  title: theme.title,
  prompt: theme.prompt,
  publishThreshold: String(theme.publishThreshold),
});

export const readThemeForm = (body: unknown): ThemeFormValues => ({
  title: field(body, 'title'),
  prompt: field(body, 'prompt'),
  publishThreshold: field(body, 'publishThreshold'),
});

const required = (
  errors: FormErrors,
  name: string,
  value: string,
  empty: string,
  label: string,
  max: number,
) => {
  if (!value) errors.add(name, empty);
  else if (value.length > max)
    errors.add(name, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`);
};

/** A new theme from the form, or undefined with the form's errors. */
export function themeRequest(values: ThemeFormValues, errors: FormErrors): CreateThemeDto | undefined {
  required(errors, 'title', values.title, 'Enter a title', 'The title', MAX_THEME_TITLE);
  required(
    errors,
    'prompt',
    values.prompt,
    'Enter what members are asked',
    'What members are asked',
    MAX_THEME_PROMPT,
  );
  const k = Number(values.publishThreshold);
  if (!/^\d+$/.test(values.publishThreshold) || !Number.isSafeInteger(k))
    errors.add('publishThreshold', 'Enter the number of people as a whole number, like 10');
  else if (k < MIN_PUBLISH_THRESHOLD)
    errors.add('publishThreshold', `The number of people must be ${MIN_PUBLISH_THRESHOLD} or more`);
  if (!errors.ok) return undefined;
  return { title: values.title, prompt: values.prompt, publishThreshold: k };
}

export interface StatementValues {
  text: string;
  consent: boolean;
}

export const readStatement = (body: unknown): StatementValues => ({
  text: field(body, 'text'),
  consent: field(body, 'consent') === 'yes',
});

/** A statement and its consent from the form, or undefined with the form's errors. */
export function statementRequest(values: StatementValues, errors: FormErrors): ContributeDto | undefined {
  required(errors, 'text', values.text, 'Enter your statement', 'Your statement', MAX_STATEMENT_LENGTH);
  if (!values.consent)
    errors.add('consent', 'Tick the box to agree that your statement may be published without your name');
  return errors.ok ? { text: values.text, consent: true } : undefined;
}

/** An edit staff propose: the same limits as a statement. */
export function editRequest(body: unknown, fieldName: string, errors: FormErrors): string | undefined {
  const text = field(body, 'text');
  required(
    errors,
    fieldName,
    text,
    'Enter the edited statement',
    'The edited statement',
    MAX_STATEMENT_LENGTH,
  );
  return errors.ok ? text : undefined;
}

/** "Published", or how many more contributors it needs (staff's view, which carries the count). */
export function progressOf(theme: ThemeView): string {
  if (theme.published) return 'Published';
  const more = Math.max(theme.publishThreshold - (theme.contributors ?? 0), 0);
  if (more === 0) return 'Not published';
  return `Needs ${more} more ${more === 1 ? 'contributor' : 'contributors'}`;
}

export const themeCard = (theme: ThemeView) => ({
  id: theme.id,
  title: theme.title,
  prompt: theme.prompt,
  /** A region's theme, shown to members beside their LERO's (ADR 0076). */
  fromRegion: theme.owner === 'region',
  status: theme.status,
  statusText: THEME_STATUS_WORDS[theme.status],
  published: theme.published,
  publishThreshold: theme.publishThreshold,
  contributors: theme.contributors ?? 0,
  progress: progressOf(theme),
});

/** A piece in staff's review queue: what they may still do with it. */
export const reviewCard = (piece: PieceView) => ({
  id: piece.id,
  status: piece.status,
  statusText: PIECE_STATUS_WORDS[piece.status],
  text: piece.text,
  proposedText: piece.proposedText,
  waiting: piece.status === 'submitted' || piece.status === 'edit-proposed',
});

/** A member's own piece: its state in their words, and what they may do. */
export const myCard = (piece: MyPieceView) => ({
  id: piece.id,
  themeId: piece.themeId,
  themeTitle: piece.themeTitle,
  status: piece.status,
  statusText: PIECE_STATUS_WORDS[piece.status],
  explanation: MY_STATUS_WORDS[piece.status],
  text: piece.text,
  proposedText: piece.proposedText,
  live: piece.status !== 'withdrawn',
});

/** The member's live piece of a theme (neither withdrawn nor declined), if any: they may write one only. */
export const livePieceOf = (mine: MyPieceView[], themeId: string) =>
  mine.find((p) => p.themeId === themeId && p.status !== 'withdrawn' && p.status !== 'declined');
