import { MikroORM, PostgreSqlDriver, type EntityManager } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import type { Constructor, EntityClass, MigrationObject } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Logger } from '@nestjs/common';
import { Pool, type PoolClient, type QueryResult } from 'pg';
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
    // Each service's ORM has its own context name: MikroORM finds an ambient transaction by that name, so in one
    // process (standalone) a consumer called inside another service's transaction must not join it.
    contextName: def.schema,
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

export type SqlLiteral = string | number | boolean | Date | null;

function literal(client: PoolClient, value: SqlLiteral): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('A SQL number must be finite.');
    return String(value);
  }
  return client.escapeLiteral(value instanceof Date ? value.toISOString() : value);
}

/** One service's database: the ORM on an unprivileged role, forked per message and per tenant. */
export class ServiceDatabase {
  private fastPool?: Pool;
  private readonly logger = new Logger(`ServiceDatabase(${this.constructor.name})`);

  constructor(
    readonly orm: MikroORM,
    readonly schema: string,
    private readonly url?: string,
    private readonly poolMax = 10,
  ) {}

  static async connect<T extends ServiceDatabase>(
    this: new (orm: MikroORM, schema: string, url?: string, poolMax?: number) => T,
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
    return new this(orm, def.schema, options.url, options.poolMax);
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

  /**
   * The hot read path: one statement inside `BEGIN; set tenant; …; COMMIT` sent as ONE round trip (the simple
   * protocol, values escaped as literals by pg). Row-level security applies exactly as for the ORM, which
   * needs four round trips for the same read (measured: bench/micro/rls-read.ts). `$1…$n` in `sql` are
   * replaced by the literals of `params`; returns raw rows.
   */
  async readInTenant<R>(tenantId: TenantId, sql: string, params: SqlLiteral[] = []): Promise<R[]> {
    if (!tenantId) throw new AppError('INTERNAL', 'A tenant-scoped query was attempted without a tenant.');
    if (!this.url) throw new Error('This database was created without a URL for the read path.');
    if (!this.fastPool) {
      this.fastPool = new Pool({ connectionString: this.url, max: this.poolMax });
      // An idle connection that the server ends (a restart, a failover) is dropped and replaced on next use;
      // without a listener, pg would raise it as an unhandled error and stop the process.
      this.fastPool.on('error', (err) =>
        this.logger.warn(`An idle ${this.schema} connection ended: ${err.message}`),
      );
    }
    const client = await this.fastPool.connect();
    try {
      const statement = sql.replace(/\$(\d+)/g, (_, i: string) => {
        const index = Number(i) - 1;
        if (index >= params.length) throw new Error(`No value for $${i}.`);
        return literal(client, params[index]);
      });
      const results = (await client.query(
        `begin; select set_config('app.tenant_id', ${client.escapeLiteral(tenantId)}, true); ${statement}; commit`,
      )) as unknown as QueryResult[];
      return results[2].rows as R[];
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async isReady(): Promise<boolean> {
    return this.orm.isConnected();
  }

  async close(): Promise<void> {
    await this.fastPool?.end();
    await this.orm.close(true);
  }
}
