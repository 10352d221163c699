import { TenantsEvents, type TenantStatus, type TenantTransition } from '@hearth/contracts';

/** The LERO lifecycle: onboarding → active ⇄ suspended → archived (terminal; nothing is deleted). */
export const TENANT_LIFECYCLE: Record<
  TenantTransition,
  {
    from: TenantStatus[];
    to: TenantStatus;
    event: (typeof TenantsEvents)[keyof typeof TenantsEvents];
  }
> = {
  suspend: { from: ['onboarding', 'active'], to: 'suspended', event: TenantsEvents.tenantSuspended },
  activate: { from: ['onboarding', 'suspended'], to: 'active', event: TenantsEvents.tenantActivated },
  archive: {
    from: ['onboarding', 'active', 'suspended'],
    to: 'archived',
    event: TenantsEvents.tenantArchived,
  },
};

export const canTransition = (status: TenantStatus, transition: TenantTransition) =>
  TENANT_LIFECYCLE[transition].from.includes(status);
