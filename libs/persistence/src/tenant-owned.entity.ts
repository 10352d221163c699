import { Filter, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { uuidv7 } from 'uuidv7';

/** The session variable every row-level-security policy reads; set per transaction, never per connection. */
export const TENANT_SETTING = 'app.tenant_id';
export const TENANT_FILTER = 'tenant';

/**
 * Base of every table a LERO owns. The default filter needs a tenant: a query without one throws
 * rather than reading every LERO. The same filter stages `app.tenant_id` for the database's RLS policy.
 */
@Filter({
  name: TENANT_FILTER,
  cond: (args: Record<string, string>) => ({ tenantId: args.tenantId }),
  default: true,
  rls: { setting: TENANT_SETTING },
})
export abstract class TenantOwnedEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Index()
  @Property({ type: 'uuid' })
  tenantId!: string;
}
