import type { TrainingChangedEvent, TrainingView } from '@hearth/contracts';
import type { TrainingItem } from './training.entity';

export const trainingView = (t: TrainingItem): TrainingView => ({
  id: t.id,
  name: t.name,
  kind: t.kind,
  validityMonths: t.validityMonths,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

export const trainingEvent = (t: TrainingItem): TrainingChangedEvent => ({
  tenantId: t.tenantId,
  trainingId: t.id,
  name: t.name,
  kind: t.kind,
  validityMonths: t.validityMonths,
});
