import {
  MAX_ROLE_REQUIREMENTS,
  MAX_ROLE_SKILLS,
  type CreateRoleDto,
  type RoleView,
  type TrainingView,
} from '@hearth/contracts';
import { FormErrors, field, fields } from '../http/form.util';
import { KIND_WORDS } from './volunteering-page';

/** A volunteering role's form as posted; skills one a line. */
export interface RoleFormValues {
  title: string;
  description: string;
  whatYoullDo: string;
  skills: string;
  requirementIds: string[];
  where: string;
  visibility: string;
}

export const ROLE_FIELDS = [
  'title',
  'description',
  'whatYoullDo',
  'skills',
  'requirementIds',
  'where',
  'visibility',
];

/** The API's field names in the form's words. */
export const ROLE_LABELS: Record<string, string> = {
  title: 'Name of the role',
  description: 'About the role',
  whatYoullDo: 'What you’ll do',
  skills: 'Skills you’ll build',
  requirementIds: 'Training and checks needed',
  where: 'Where',
  visibility: 'Who can see it',
};

export const emptyRoleForm = (): RoleFormValues => ({
  title: '',
  description: '',
  whatYoullDo: '',
  skills: '',
  requirementIds: [],
  where: '',
  visibility: 'members',
});

export const readRoleForm = (body: unknown): RoleFormValues => ({
  title: field(body, 'title'),
  description: field(body, 'description'),
  whatYoullDo: field(body, 'whatYoullDo'),
  skills: field(body, 'skills'),
  requirementIds: fields(body, 'requirementIds'),
  where: field(body, 'where'),
  visibility: field(body, 'visibility'),
});

export const roleFormFrom = (r: RoleView): RoleFormValues => ({
  title: r.title,
  description: r.description ?? '',
  whatYoullDo: r.whatYoullDo ?? '',
  skills: r.skills.join('\n'),
  requirementIds: r.requirements.map((q) => q.id),
  where: r.where ?? '',
  visibility: r.visibility,
});

const skillsOf = (text: string) => [
  ...new Set(
    text
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

/**
 * Checks the form and builds the role as the API takes it (a change sends every field: an emptied text is null).
 * The catalogue's ids are the API's to check; the form offers only the LERO's own.
 */
export function roleRequest(v: RoleFormValues, errors: FormErrors): Required<CreateRoleDto> | undefined {
  if (!v.title) errors.add('title', 'Enter a name for the role, like Peer walk leader');
  else if (v.title.length > 160) errors.add('title', 'Name of the role must be 160 characters or fewer');
  if (v.description.length > 5000)
    errors.add('description', 'About the role must be 5,000 characters or fewer');
  if (v.whatYoullDo.length > 5000)
    errors.add('whatYoullDo', 'What you’ll do must be 5,000 characters or fewer');
  const skills = skillsOf(v.skills);
  if (skills.length > MAX_ROLE_SKILLS) errors.add('skills', `List at most ${MAX_ROLE_SKILLS} skills`);
  else if (skills.some((s) => s.length > 80))
    errors.add('skills', 'Each skill must be 80 characters or fewer');
  if (v.requirementIds.length > MAX_ROLE_REQUIREMENTS)
    errors.add('requirementIds', `Choose at most ${MAX_ROLE_REQUIREMENTS} training and checks`);
  if (v.where.length > 300) errors.add('where', 'Where must be 300 characters or fewer');
  if (v.visibility !== 'public' && v.visibility !== 'members')
    errors.add('visibility', 'Select who can see it');
  if (!errors.ok) return undefined;
  return {
    title: v.title,
    description: v.description || null,
    whatYoullDo: v.whatYoullDo || null,
    skills,
    requirementIds: [...new Set(v.requirementIds)],
    where: v.where || null,
    visibility: v.visibility as 'public' | 'members',
    status: 'open',
  };
}

/** The catalogue as checkboxes, the role's requirements ticked. */
export const requirementItems = (catalogue: TrainingView[], chosen: string[]) =>
  catalogue.map((t, i) => ({
    value: t.id,
    text: t.name,
    hint: { text: KIND_WORDS[t.kind] },
    checked: chosen.includes(t.id),
    ...(i === 0 ? { id: 'requirementIds' } : {}),
  }));
