import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type ValidationMetadata = Parameters<Storage['addValidationMetadata']>[0];

const CACHED = Symbol.for('hearth:validation-metadata-cached');

/**
 * Precompiled contracts (ADR 0092): class-validator finds a class's rules on every validation by walking every
 * class it knows (an `instanceof` per class, for inherited rules) and grouping them by property — about a sixth
 * of a service's CPU per member read. Both answers depend only on the rules registered so far, so they are kept
 * per class and dropped whenever a rule is added (a class defined later). Installed once per process, on the one
 * storage every copy of class-validator's API shares.
 */
export function cacheValidationMetadata(): void {
  const storage = getMetadataStorage() as Storage & { [CACHED]?: true };
  if (storage[CACHED]) return;
  storage[CACHED] = true;
  let found = new Map<object, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  const forget = () => {
    found = new Map();
    grouped = new WeakMap();
  };
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const addRule = storage.addValidationMetadata.bind(storage);
  const addConstraint = storage.addConstraintMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    forget();
    addRule(metadata);
  };
  storage.addConstraintMetadata = (metadata) => {
    forget();
    addConstraint(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${(groups ?? []).join('\u0001')}`;
    let byKey = found.get(target);
    if (!byKey) found.set(target, (byKey = new Map()));
    let rules = byKey.get(key);
    if (!rules)
      byKey.set(
        key,
        (rules = Object.freeze(lookUp(target, schema, always, strictGroups, groups)) as ValidationMetadata[]),
      );
    return rules;
  };
  storage.groupByPropertyName = (metadata) => {
    let byProperty = grouped.get(metadata);
    if (!byProperty) {
      byProperty = group(metadata);
      if (Object.isFrozen(metadata)) grouped.set(metadata, byProperty);
    }
    return byProperty;
  };
}
