import type { PublicRoleView } from '@hearth/contracts';

/** A public volunteering role as the LERO's public page shows it: what it is, needs, and where (ADR 0058). */
export function publicRoleCard(r: PublicRoleView) {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    whatYoullDo: r.whatYoullDo,
    skills: r.skills,
    where: r.where,
    requirements: r.requirements.map((q) => q.name),
  };
}
