import type { TenantStatus, TenantTransition, TenantView } from '@hearth/contracts';

export type LeroActionName = 'suspend' | 'reactivate' | 'activate' | 'archive';

export interface LeroAction {
  name: LeroActionName;
  transition: TenantTransition;
  label: string;
  question: string;
  explanation: string[];
  warning?: string;
  confirm: string;
  classes: string;
  done: string;
}

/** The lifecycle changes a region admin can make, each explained on its confirmation page. */
export function leroAction(name: string, lero: TenantView): LeroAction | undefined {
  const actions: Record<LeroActionName, LeroAction> = {
    suspend: {
      name: 'suspend',
      transition: 'suspend',
      label: 'Suspend',
      question: `Suspend ${lero.name}?`,
      explanation: [
        `${lero.name}’s own team and members will not be able to use Hearth while it is suspended.`,
        'Nothing is deleted. You can reactivate it at any time.',
      ],
      confirm: 'Yes, suspend it',
      classes: 'govuk-button--warning',
      done: 'is suspended',
    },
    reactivate: {
      name: 'reactivate',
      transition: 'activate',
      label: 'Reactivate',
      question: `Reactivate ${lero.name}?`,
      explanation: [`${lero.name}’s team and members will be able to use Hearth again.`],
      confirm: 'Yes, reactivate it',
      classes: '',
      done: 'is active again',
    },
    activate: {
      name: 'activate',
      transition: 'activate',
      label: 'Activate now',
      question: `Activate ${lero.name} now?`,
      explanation: [
        `${lero.name} becomes active by itself when its first admin accepts their invitation.`,
        'Activate it now if its space should open before that.',
      ],
      confirm: 'Yes, activate it',
      classes: '',
      done: 'is active',
    },
    archive: {
      name: 'archive',
      transition: 'archive',
      label: 'Archive',
      question: `Archive ${lero.name}?`,
      explanation: [
        `${lero.name}’s space closes for good: its team and members cannot use it, and nobody can be invited to it.`,
        'Its records are kept, and its anonymised figures stay in the regional reports.',
      ],
      warning: 'Archiving cannot be undone.',
      confirm: 'Yes, archive it',
      classes: 'govuk-button--warning',
      done: 'is archived',
    },
  };
  const action = actions[name as LeroActionName];
  return action && availableActions(lero.status).includes(action.name) ? action : undefined;
}

export function availableActions(status: TenantStatus): LeroActionName[] {
  switch (status) {
    case 'onboarding':
      return ['activate', 'archive'];
    case 'active':
      return ['suspend', 'archive'];
    case 'suspended':
      return ['reactivate', 'archive'];
    case 'archived':
      return [];
  }
}
