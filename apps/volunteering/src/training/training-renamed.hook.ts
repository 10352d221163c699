import type { EntityManager } from '@mikro-orm/postgresql';
import type { TrainingItem } from './training.entity';

/**
 * What happens when a catalogue item is renamed, in the change's transaction with the item locked. Roles implement
 * it (a public role names its requirements to the public: ADR 0058) and the module wires it, so training need not
 * know them.
 */
export abstract class TrainingRenamed {
  abstract onTrainingRenamed(em: EntityManager, item: TrainingItem): Promise<void>;
}
