import type { ListingStatus } from '@hearth/contracts';
import type { OrganizationPlan, ServicePlan } from './listing-plan';
import type { RoleSource } from './role-sources.repository';

/** Hearth's own `Volunteering` term (migration 20261211), which every role's service is found under. */
export const VOLUNTEERING_TERM = '042f6833-53b4-42ca-9b46-322e780b0fd7';

/** How a role stands in the directory: listed while open and public, hidden while its LERO is, gone otherwise. */
export function roleServiceStatus(org: OrganizationPlan, r: RoleSource): ListingStatus {
  if (org.status === 'retired' || r.status === 'closed' || !r.listing) return 'retired';
  return org.status === 'inactive' ? 'inactive' : 'active';
}

const sentence = (text: string) => (/[.!?…]$/.test(text) ? text : `${text}.`);

/**
 * The description a role's service carries: HSDS has no fields of its own for what a volunteer does, builds or
 * needs, so they are said in words, with how to get involved (through the organisation's contact).
 */
export function roleDescription(orgName: string, facts: NonNullable<RoleSource['listing']>): string {
  const parts = [facts.description ? sentence(facts.description) : `Volunteering with ${orgName}.`];
  if (facts.whatYoullDo) parts.push(`What you’ll do: ${sentence(facts.whatYoullDo)}`);
  if (facts.skills.length) parts.push(`Skills you’ll build: ${facts.skills.join(', ')}.`);
  if (facts.where) parts.push(`Where: ${sentence(facts.where)}`);
  if (facts.requirements.length) parts.push(`Needs: ${facts.requirements.join(', ')}.`);
  parts.push(`To get involved, contact ${orgName}.`);
  return parts.join('\n\n');
}

/** The service an open public role is: no schedule or place of its own (its shifts are the LERO's business). */
export function roleServicePlan(org: OrganizationPlan, r: RoleSource): ServicePlan | null {
  if (!r.listing) return null;
  return {
    status: roleServiceStatus(org, r),
    name: r.listing.title,
    description: roleDescription(org.name, r.listing),
    url: null,
    email: org.email,
    schedule: null,
    attendingType: null,
    location: null,
    area: null,
    taxonomyTermIds: [VOLUNTEERING_TERM],
  };
}
