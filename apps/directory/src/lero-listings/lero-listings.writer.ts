import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidv7 } from 'uuidv7';
import { DirectoryEvents, type ListingStatus } from '@hearth/contracts';
import { recordEvent } from '@hearth/messaging';
import type { RegionId, Statement } from '@hearth/persistence';
import { regionOfLeroListing } from '../directory-access';
import { changeLogStatement, type Change } from '../listings/change-log';
import { runAll, runIn } from './em-sql.util';
import {
  organizationPlan,
  servicePlan,
  serviceStatus,
  type OrganizationPlan,
  type ServicePlan,
} from './listing-plan';
import { LeroListingsSql as Sql } from './lero-listings.repository';
import { LeroSources, type LeroSource } from './lero-sources.repository';
import { RoleSources } from './role-sources.repository';
import { roleServicePlan, roleServiceStatus } from './role-plan';

/** Who the change log names for listings made from a LERO's own facts: no person, the system. */
export const SYSTEM_ACTOR = 'system';

type Snapshot = Record<string, unknown>;

/** JSON with its keys in order (jsonb keeps its own order), to tell whether anything changed. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Snapshot)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Snapshot)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

/** The change log of going from `before` (null: nothing listed yet) to `after`, field by field. */
function changesOf(
  resourceId: string,
  resourceType: Change['resourceType'],
  before: Snapshot | null,
  after: Snapshot,
): Change[] {
  if (!before) return [{ resourceId, resourceType, action: 'create', replacement: after.name }];
  return Object.keys(after)
    .filter((field) => canonical(before[field]) !== canonical(after[field]))
    .map((field) => ({
      resourceId,
      resourceType,
      action: field === 'status' && after.status === 'retired' ? 'retire' : 'update',
      field,
      previous: before[field],
      replacement: after[field],
    }));
}

/** Which of a LERO's sources an event spoke of: one activity, one role, or (none named) all of them. */
export interface SyncScope {
  activityId?: string;
  roleId?: string;
}

/** A source of a service, as the writer sees it: its id, how it stands, what it is, and what was last written. */
interface ServiceSource {
  id: string;
  published: Record<string, unknown> | null;
  status: ListingStatus;
  plan: ServicePlan | null;
  markPublished: (em: EntityManager, id: string, published: unknown) => Promise<void>;
}

/**
 * Makes a LERO's listings what its facts say (ADR 0042, 0058), in the consumer's transaction: its organisation, and
 * the services of its activities and public roles (all of them, or the one an event named). Nothing is listed until
 * the LERO's own facts are known; what never was listed is not written just to be retired.
 */
export async function syncLeroListings(
  em: EntityManager,
  tenantId: string,
  only: SyncScope = {},
): Promise<void> {
  const lero = await LeroSources.lero(em, tenantId);
  if (!lero) return;
  await LeroSources.scope(em, 'app.region_id', lero.region_id);
  const regionId = regionOfLeroListing(lero.region_id);
  const org = organizationPlan(lero);
  const organizationId = await writeOrganization(em, regionId, lero, org);
  if (!organizationId) return;
  if (!only.roleId)
    for (const activity of await LeroSources.activities(em, tenantId, only.activityId))
      await writeService(em, regionId, organizationId, {
        id: activity.id,
        published: activity.published,
        status: serviceStatus(org, activity),
        plan: servicePlan(org, activity),
        markPublished: LeroSources.markActivityPublished,
      });
  if (!only.activityId)
    for (const role of await RoleSources.roles(em, tenantId, only.roleId))
      await writeService(em, regionId, organizationId, {
        id: role.id,
        published: role.published,
        status: roleServiceStatus(org, role),
        plan: roleServicePlan(org, role),
        markPublished: RoleSources.markPublished,
      });
}

async function writeOrganization(
  em: EntityManager,
  regionId: RegionId,
  lero: LeroSource,
  org: OrganizationPlan,
): Promise<string | null> {
  const [existing] = await runIn<{ id: string }>(em, Sql.find('organizations', lero.tenant_id));
  if (!existing && org.status === 'retired') return null;
  const after = { ...org } as Snapshot;
  if (existing && canonical(lero.published) === canonical(after)) return existing.id;
  const id = existing?.id ?? uuidv7();
  await runAll(em, [
    existing ? Sql.updateOrganization(id, org) : Sql.createOrganization(regionId, id, lero.tenant_id, org),
    ...changeLogStatement(
      regionId,
      SYSTEM_ACTOR,
      changesOf(id, 'organization', existing ? lero.published : null, after),
    ),
  ]);
  await LeroSources.markLeroPublished(em, lero.tenant_id, after);
  return id;
}

async function writeService(
  em: EntityManager,
  regionId: RegionId,
  organizationId: string,
  source: ServiceSource,
): Promise<void> {
  const { status, plan } = source;
  const [existing] = await runIn<{ id: string; status: string }>(em, Sql.find('services', source.id));
  if (!existing && status === 'retired') return;
  // Retired, though not by this writer: a curator took it out of the region's directory, and it stays out
  // whatever the LERO changes next (ADR 0049).
  if (existing?.status === 'retired' && source.published?.status !== 'retired') return;
  // Retiring keeps what was listed as it was: only the status changes (a private source's facts never come).
  const after: Snapshot =
    status === 'retired' || !plan ? { ...(source.published ?? {}), status: 'retired' } : { ...plan };
  const before = existing ? source.published : null;
  if (existing && canonical(before) === canonical(after)) return;
  const id = existing?.id ?? uuidv7();
  const statements: Statement[] = [];
  if (!existing) statements.push(Sql.createService(regionId, id, organizationId, source.id, plan!));
  else if (status === 'retired') statements.push(Sql.setStatus('services', id, 'retired'));
  else statements.push(Sql.updateService(id, plan!), ...Sql.clearParts(id, source.id));
  if (status !== 'retired') statements.push(...Sql.parts(regionId, id, organizationId, source.id, plan!));
  statements.push(...changeLogStatement(regionId, SYSTEM_ACTOR, changesOf(id, 'service', before, after)));
  await runAll(em, statements);
  await source.markPublished(em, source.id, after);
  const subject = !existing
    ? DirectoryEvents.listingCreated
    : status === 'retired'
      ? DirectoryEvents.listingRetired
      : DirectoryEvents.listingUpdated;
  recordEvent(
    em,
    subject,
    { regionId, serviceId: id, organizationId, status: status as ListingStatus },
    null,
  );
}
