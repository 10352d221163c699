import type { EntityManager } from '@mikro-orm/postgresql';
import { DirectoryEvents, type TypedDomainEvent } from '@hearth/contracts';
import type { AggregatesRepository } from './aggregates.repository';
import { categoryDimension } from './projection-events.util';

/**
 * signposts ("people signposted"): one a signpost, on its own day and under the category the directory named
 * (a Hearth term's id, or `signpost-other`). Counted once by the signpost's random id, whatever is redelivered;
 * additive, so any arrival order gives the same counts. Listing events are not reporting's business.
 */
export async function projectSignpostsEvent(
  em: EntityManager,
  event: TypedDomainEvent,
  aggregates: AggregatesRepository,
): Promise<void> {
  if (event.subject !== DirectoryEvents.signpostRecorded) return;
  const { tenantId, signpostId, date, category } = event.data;
  await aggregates.enterTenant(em, tenantId);
  if (!(await aggregates.countSignpostOnce(em, tenantId, signpostId))) return;
  await aggregates.add(em, tenantId, date, 'signposts', categoryDimension(category), 1);
}
