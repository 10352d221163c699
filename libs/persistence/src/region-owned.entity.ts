import { Filter, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { uuidv7 } from 'uuidv7';

/** The session variable of region-owned tables' row-level security; set per transaction, never per connection. */
export const REGION_SETTING = 'app.region_id';
export const REGION_FILTER = 'region';

/**
 * Base of every table a region owns (the directory's listings, suggestions, curator queues; later a region's
 * consultations): isolated between regions exactly as tenant-owned tables are between LEROs. The default filter
 * needs a region: a query without one throws rather than reading every region, and it stages `app.region_id` for
 * the database's RLS policy (`regionRlsSql`).
 */
@Filter({
  name: REGION_FILTER,
  cond: (args: Record<string, string>) => ({ regionId: args.regionId }),
  default: true,
  rls: { setting: REGION_SETTING },
})
export abstract class RegionOwnedEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Index()
  @Property({ type: 'uuid' })
  regionId!: string;
}
