import type { Actor, Grant, Role } from '@hearth/contracts';

export const isPlatformAdmin = (actor?: Actor) => !!actor?.grants.some((g) => g.role === 'platform-admin');

export const grantsFor = (actor: Actor | undefined, roles: readonly Role[]): Grant[] =>
  actor?.grants.filter((g) => roles.includes(g.role)) ?? [];

export const regionIdsWith = (actor: Actor | undefined, roles: readonly Role[]) =>
  grantsFor(actor, roles).flatMap((g) => (g.regionId ? [g.regionId] : []));

export const tenantIdsWith = (actor: Actor | undefined, roles: readonly Role[]) =>
  grantsFor(actor, roles).flatMap((g) => (g.tenantId ? [g.tenantId] : []));
