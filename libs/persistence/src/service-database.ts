import { MikroORM, PostgreSqlDriver, type EntityManager } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import type { Constructor, EntityClass, MigrationObject } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { AppError } from '@hearth/contracts';
import { TENANT_FILTER } from './tenant-owned.entity';

/** What a service declares about its data: its own schema, its entities and its migrations. */
export interface ServiceSchema {
  schema: string;
  entities: EntityClass<object>[];
  migrations: (MigrationObject | Constructor<Migration>)[];
}

declare const tenantBrand: unique symbol;
/** A tenant id that has been checked against the caller's grants; repositories require it in their types. */
export type TenantId = string & { readonly [tenantBrand]: true };
export const asTenantId = (id: string) => id as TenantId;

/** An entity manager bound to one LERO: the ORM filter and the RLS session variable are both set. */
export interface TenantScope {
  readonly tenantId: TenantId;
  readonly em: EntityManager;
}

export interface ConnectOptions {
  url: string;
  poolMax?: number;
  /** Fail when the role can bypass row-level security. Off only for owner connections in tooling. */
  requireUnprivilegedRole?: boolean;
}

export function ormConfig(def: ServiceSchema, url: string, poolMax = 10) {
  return {
    driver: PostgreSqlDriver,
    clientUrl: url,
    schema: def.schema,
    entities: def.entities,
    metadataProvider: ReflectMetadataProvider,
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: poolMax },
    migrations: {
      migrationsList: def.migrations,
      tableName: 'mikro_orm_migrations',
      schema: def.schema,
      snapshot: false,
      silent: true,
    },
    debug: false,
  } as const;
}

/** One service's database: the ORM on an unprivileged role, forked per message and per tenant. */
export class ServiceDatabase {
  constructor(
    readonly orm: MikroORM,
    readonly schema: string,
  ) {}

  static async connect<T extends ServiceDatabase>(
    this: new (orm: MikroORM, schema: string) => T,
    def: ServiceSchema,
    options: ConnectOptions,
  ): Promise<T> {
    const orm = await MikroORM.init(ormConfig(def, options.url, options.poolMax));
    if (options.requireUnprivilegedRole !== false) {
      const [role] = await orm.em
        .fork()
        .getConnection()
        .execute<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }[]>(
          'select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user',
        );
      if (!role || role.rolsuper || role.rolbypassrls) {
        await orm.close(true);
        throw new Error(
          `The ${def.schema} service must connect as a role without SUPERUSER or BYPASSRLS, but "${role?.rolname}" has them. ` +
            'Point DATABASE_URL at the application role that `npm run migrate` creates.',
        );
      }
    }
    return new this(orm, def.schema);
  }

  /** A fresh context for platform-level (not tenant-owned) data. */
  em(): EntityManager {
    return this.orm.em.fork({ clear: true, useContext: false });
  }

  /** A fresh context bound to one LERO. */
  forTenant(tenantId: TenantId): TenantScope {
    if (!tenantId) throw new AppError('INTERNAL', 'A tenant-scoped query was attempted without a tenant.');
    const em = this.em();
    em.setFilterParams(TENANT_FILTER, { tenantId });
    return { tenantId, em };
  }

  async isReady(): Promise<boolean> {
    return this.orm.isConnected();
  }

  async close(): Promise<void> {
    await this.orm.close(true);
  }
}
