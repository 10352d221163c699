import { AbilityBuilder, createMongoAbility, subject as caslSubject, type MongoAbility } from '@casl/ability';
import { AppError, type Actor, type Grant } from '@hearth/contracts';

export type Action =
  'manage' | 'create' | 'read' | 'update' | 'delete' | 'transition' | 'invite' | 'import' | 'export';
export type HearthSubject = string | object;
export type HearthAbility = MongoAbility<[Action, HearthSubject]>;
export type RuleBuilder = AbilityBuilder<HearthAbility>;

/**
 * One factory for every service: each service passes its own rules per grant, so it authorises with its
 * own knowledge (the gateway only authenticates). An actor with no grants can do nothing.
 */
export function defineAbility(
  actor: Actor | undefined,
  rulesForGrant: (grant: Grant, builder: RuleBuilder) => void,
): HearthAbility {
  const builder = new AbilityBuilder<HearthAbility>(createMongoAbility);
  for (const grant of actor?.grants ?? []) rulesForGrant(grant, builder);
  return builder.build();
}

/** Tags a plain object with its CASL subject type so conditions are matched against it. */
export const subject = <T extends object>(type: string, object: T) => caslSubject(type, object);

/** Throws FORBIDDEN unless allowed. Callers first hide what the actor can't see behind NOT_FOUND. */
export function ensureCan(
  ability: HearthAbility,
  action: Action,
  target: HearthSubject,
  message = 'You do not have permission to do that.',
): void {
  if (!ability.can(action, target)) throw new AppError('FORBIDDEN', message);
}

export function requireActor(actor: Actor | undefined): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to do that.');
  return actor;
}
