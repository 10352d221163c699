import {
  TENANT_STATUSES,
  TENANT_TRANSITIONS,
  TenantsEvents,
  type TenantStatus,
  type TenantTransition,
} from '@hearth/contracts';
import { TENANT_LIFECYCLE, canTransition } from './tenant-lifecycle';

/** The whole table, written out by hand so a change to the lifecycle must change this test too. */
const ALLOWED: Record<TenantStatus, TenantTransition[]> = {
  onboarding: ['suspend', 'activate', 'archive'],
  active: ['suspend', 'archive'],
  suspended: ['activate', 'archive'],
  archived: [],
};

const pairs = TENANT_STATUSES.flatMap((status) =>
  TENANT_TRANSITIONS.map((transition) => ({
    status,
    transition,
    allowed: ALLOWED[status].includes(transition),
  })),
);

describe('tenant lifecycle', () => {
  it('covers all 12 (status, transition) pairs', () => {
    expect(pairs).toHaveLength(12);
  });

  it.each(pairs.filter((p) => p.allowed))('allows $transition from $status', ({ status, transition }) => {
    expect(canTransition(status, transition)).toBe(true);
  });

  it.each(pairs.filter((p) => !p.allowed))('refuses $transition from $status', ({ status, transition }) => {
    expect(canTransition(status, transition)).toBe(false);
  });

  it('treats archived as terminal: no transition leaves it', () => {
    expect(TENANT_TRANSITIONS.filter((t) => canTransition('archived', t))).toEqual([]);
  });

  it('refuses to reactivate an archived LERO', () => {
    expect(canTransition('archived', 'activate')).toBe(false);
  });

  it('activates from onboarding and from suspended only', () => {
    expect(TENANT_STATUSES.filter((s) => canTransition(s, 'activate'))).toEqual(['onboarding', 'suspended']);
  });

  it('suspends only from onboarding or active', () => {
    expect(TENANT_STATUSES.filter((s) => canTransition(s, 'suspend'))).toEqual(['onboarding', 'active']);
  });

  it('archives from every status except archived itself', () => {
    expect(TENANT_STATUSES.filter((s) => canTransition(s, 'archive'))).toEqual([
      'onboarding',
      'active',
      'suspended',
    ]);
  });

  it('never allows a transition into the status it already is in', () => {
    for (const transition of TENANT_TRANSITIONS) {
      const { to } = TENANT_LIFECYCLE[transition];
      expect(canTransition(to, transition)).toBe(false);
    }
  });

  it('moves each transition to its target status and announces the matching event', () => {
    expect(TENANT_LIFECYCLE.suspend).toMatchObject({ to: 'suspended', event: TenantsEvents.tenantSuspended });
    expect(TENANT_LIFECYCLE.activate).toMatchObject({ to: 'active', event: TenantsEvents.tenantActivated });
    expect(TENANT_LIFECYCLE.archive).toMatchObject({ to: 'archived', event: TenantsEvents.tenantArchived });
  });
});
