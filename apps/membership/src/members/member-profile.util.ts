import type { CreateMemberDto, UpdateMeDto, UpdateMemberDto } from '@hearth/contracts';
import type { Member } from './member.entity';

type ProfileChanges = Omit<UpdateMemberDto, 'consents'> | Omit<UpdateMeDto, 'consents'>;

const PROFILE_FIELDS = [
  'displayName',
  'email',
  'phone',
  'communityRoles',
  'pathway',
  'preferredContact',
  'reminders',
  'notes',
] as const;

const clean = (value: string | null | undefined) => {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

/**
 * Applies a partial change: a field left out is untouched, `null` clears it. Returns the names of the fields
 * that changed (the audit log records names, never values).
 */
export function applyProfile(member: Member, changes: ProfileChanges): string[] {
  const changed: string[] = [];
  const input = changes as Partial<Record<(typeof PROFILE_FIELDS)[number], unknown>>;
  for (const field of PROFILE_FIELDS) {
    if (input[field] === undefined) continue;
    const before = JSON.stringify(member[field]);
    switch (field) {
      case 'displayName':
        member.displayName = (input.displayName as string).trim();
        break;
      case 'email':
        member.email = clean(input.email as string | null)?.toLowerCase() ?? null;
        break;
      case 'communityRoles':
        member.communityRoles = [...(input.communityRoles as Member['communityRoles'])];
        break;
      case 'preferredContact':
        member.preferredContact = (input.preferredContact as Member['preferredContact']) ?? null;
        break;
      case 'reminders':
        member.reminders = input.reminders as Member['reminders'];
        break;
      default:
        member[field] = clean(input[field] as string | null);
    }
    if (JSON.stringify(member[field]) !== before) changed.push(field);
  }
  return changed;
}

/** A new member's profile from a create request or an import row. */
export function newProfile(member: Member, dto: Omit<CreateMemberDto, 'consents'>): void {
  applyProfile(member, dto);
}
