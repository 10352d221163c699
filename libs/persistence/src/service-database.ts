import { MikroORM, PostgreSqlDriver, type EntityManager } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import type { Constructor, EntityClass, MigrationObject } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Pool, type PoolClient, type QueryResult } from 'pg';
import { AppError } from '@hearth/contracts';
import type { ReadinessReport } from '@hearth/platform';
import { roundTrip } from './db-span';
import { TENANT_FILTER, TENANT_SETTING } from './tenant-owned.entity';
import { REGION_FILTER, REGION_SETTING } from './region-owned.entity';
import { inspectRole, roleProblems, serviceRoleName, serviceUrlVariable } from './service-role.util';
import { releaseDeadConnections } from './pool-guard.util';

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

declare const regionBrand: unique symbol;
/** A region id checked against the caller's grants (a region's gate): what region-owned repositories take. */
export type RegionId = string & { readonly [regionBrand]: true };
export const asRegionId = (id: string) => id as RegionId;

/** An entity manager bound to one region: the ORM filter and the RLS session variable are both set. */
export interface RegionScope {
  readonly regionId: RegionId;
  readonly em: EntityManager;
}

/** An entity manager bound to one LERO: the ORM filter and the RLS session variable are both set. */
export interface TenantScope {
  readonly tenantId: TenantId;
  readonly em: EntityManager;
}

export interface ConnectOptions {
  url: string;
  poolMax?: number;
  /**
   * Fail when the role could get round isolation: it can bypass row-level security, owns a table or schema, or
   * can use another service's schema. Off only for owner connections in tooling.
   */
  requireUnprivilegedRole?: boolean;
}

/** How long a request waits for a new connection before it fails as `UNAVAILABLE` (a black-holed server). */
export const CONNECT_TIMEOUT_MS = 5000;

const ormLogger = new Logger('ServiceDatabase');

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
    // MikroORM's own pool already listens for errors on idle and checked-out connections. This bounds the wait
    // for a connection while the server is away, and takes back the ones a failed rollback leaves checked out.
    driverOptions: {
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      onPoolCreated: (pool: Pool) =>
        releaseDeadConnections(pool, (message) => ormLogger.warn(`${def.schema}: ${message}`)),
    },
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

/** A service starts only as a role of its own: one that owns nothing and can use its own schema only. */
async function assertServiceRole(schema: string, url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A server that goes away mid-check fails the query; without a listener the 'error' event would end the process.
  client.on('error', () => undefined);
  await client.connect();
  const facts = await inspectRole(client, null, schema).finally(() => client.end());
  const problems = roleProblems(facts, schema);
  if (problems.length === 0) return;
  throw new Error(
    `The ${schema} service will not start: its database role "${facts.role}" ${problems.join('; ')}. ` +
      'Each service connects as a role of its own that owns nothing and can use its own schema only: point ' +
      `DATABASE_URL at the ${schema} service's role (${serviceRoleName(schema)}, or the one ` +
      `${serviceUrlVariable(schema)} names), which \`npm run migrate\` creates and grants.`,
  );
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

/** The LERO (or the region) for row-level security, for the rest of the transaction. */
const setScopeSql = (client: PoolClient, setting: string, id: string) =>
  `select set_config('${setting}', ${client.escapeLiteral(id)}, true)`;
const setTenantSql = (client: PoolClient, tenantId: string) => setScopeSql(client, TENANT_SETTING, tenantId);

/** What a raw transaction's RLS is set to: a LERO, a region, both, or nothing (platform plumbing). */
type RlsScope = { setting: string; id: string }[];

/** Rolls back after a failure; the error when that failed too, so the connection is dropped, not reused. */
async function rollback(client: PoolClient): Promise<Error | undefined> {
  try {
    await client.query('rollback');
    return undefined;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/** Replaces `$1…$n` in `sql` by the escaped literals of `params`. */
function bindLiterals(client: PoolClient, sql: string, params: SqlLiteral[]): string {
  return sql.replace(/\$(\d+)/g, (_, i: string) => {
    const index = Number(i) - 1;
    if (index >= params.length) throw new Error(`No value for $${i}.`);
    return literal(client, params[index]);
  });
}

/** One statement with its own `$1…$n` numbering. */
export interface Statement {
  sql: string;
  params?: SqlLiteral[];
}

/** A transaction of `ServiceDatabase.transactInTenant`: each `run` is one round trip. */
export interface TenantTransaction {
  /** Runs the statements in one round trip; returns the rows of each, in order. */
  run<R extends unknown[] = Record<string, unknown>[][]>(
    statements: Statement | Statement[],
    opts?: { commit?: boolean },
  ): Promise<R>;
  /** This transaction writes domain events: the outbox relay is told right after it commits. */
  markEvents(): void;
}

/** One service's database: the ORM on an unprivileged role, forked per message and per tenant. */
export class ServiceDatabase implements OnApplicationShutdown {
  private fastPool?: Pool;
  private readonly eventCommitListeners: (() => void)[] = [];
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
    if (options.requireUnprivilegedRole !== false) await assertServiceRole(def.schema, options.url);
    const orm = await MikroORM.init(ormConfig(def, options.url, options.poolMax));
    // MikroORM connects on first use; a service is ready (health) once connected, so connect now.
    await orm.connect();
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

  /** A fresh context bound to one region (region-owned tables: `RegionOwnedEntity`, `regionRlsSql`). */
  forRegion(regionId: RegionId): RegionScope {
    if (!regionId) throw new AppError('INTERNAL', 'A region-scoped query was attempted without a region.');
    const em = this.em();
    em.setFilterParams(REGION_FILTER, { regionId });
    return { regionId, em };
  }

  /** The pg pool of the one-round-trip paths (`readInTenant`, `transactInTenant`), made on first use. */
  private pool(): Pool {
    if (!this.url) throw new Error('This database was created without a URL for the raw paths.');
    if (!this.fastPool) {
      this.fastPool = new Pool({
        connectionString: this.url,
        max: this.poolMax,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      });
      // A connection that the server ends (a restart, a failover) emits 'error'; without a listener that is an
      // uncaught exception and the process stops. pg-pool listens only while a connection is idle (and re-emits
      // on the pool); a checked-out one is ours to guard: its query in flight rejects on its own, so the request
      // using it fails (503) and the broken connection is dropped on release.
      this.fastPool.on('error', (err) =>
        this.logger.warn(`An idle ${this.schema} connection ended: ${err.message}`),
      );
      this.fastPool.on('connect', (client) =>
        client.on('error', (err) => this.logger.warn(`A ${this.schema} connection ended: ${err.message}`)),
      );
    }
    return this.fastPool;
  }

  /**
   * The hot read path: one statement inside `BEGIN; set tenant; …; COMMIT` sent as ONE round trip (the simple
   * protocol, values escaped as literals by pg). Row-level security applies exactly as for the ORM, which
   * needs four round trips for the same read (measured: bench/micro/rls-read.ts). `$1…$n` in `sql` are
   * replaced by the literals of `params`; returns raw rows.
   */
  async readInTenant<R>(tenantId: TenantId, sql: string, params: SqlLiteral[] = []): Promise<R[]> {
    if (!tenantId) throw new AppError('INTERNAL', 'A tenant-scoped query was attempted without a tenant.');
    const client = await this.pool().connect();
    let broken: Error | undefined;
    try {
      const statement = bindLiterals(client, sql, params);
      const text = `begin; ${setTenantSql(client, tenantId)}; ${statement}; commit`;
      const results = (await roundTrip(this.schema, () => client.query(text))) as unknown as QueryResult[];
      return results[2].rows as R[];
    } catch (err) {
      broken = await rollback(client);
      throw err;
    } finally {
      client.release(broken);
    }
  }

  /**
   * The same read for many LEROs in ONE round trip: each statement runs under its own LERO's RLS setting
   * (`set_config` again before each), so each sees only its LERO's rows, as `readInTenant` would. Returns the
   * rows of each LERO, in the order of `tenantIds`.
   */
  async readEachTenant<R>(
    tenantIds: TenantId[],
    statement: (tenantId: TenantId) => Statement,
  ): Promise<R[][]> {
    if (tenantIds.length === 0) return [];
    if (tenantIds.some((t) => !t))
      throw new AppError('INTERNAL', 'A tenant-scoped query was attempted without a tenant.');
    const client = await this.pool().connect();
    let broken: Error | undefined;
    try {
      const parts = tenantIds.map((t) => {
        const st = statement(t);
        return `${setTenantSql(client, t)}; ${bindLiterals(client, st.sql, st.params ?? [])}`;
      });
      const text = `begin; ${parts.join('; ')}; commit`;
      const results = (await roundTrip(this.schema, () => client.query(text))) as unknown as QueryResult[];
      return tenantIds.map((_, i) => results[2 + 2 * i].rows as R[]);
    } catch (err) {
      broken = await rollback(client);
      throw err;
    } finally {
      client.release(broken);
    }
  }

  /**
   * A hot write path: a transaction on one pinned connection where every `run` is ONE round trip (the simple
   * protocol, `$n` replaced by escaped literals, several `;`-separated statements allowed). The first `run`
   * carries `BEGIN` and the tenant's RLS setting; `run(…, { commit: true })` carries the `COMMIT`, so a
   * lock-read-write transaction takes two round trips where the ORM takes nine. Rolls back on any error;
   * commit listeners (the outbox relay) run after the commit.
   */
  transactInTenant<T>(tenantId: TenantId, work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    if (!tenantId) throw new AppError('INTERNAL', 'A tenant-scoped query was attempted without a tenant.');
    return this.transact([{ setting: TENANT_SETTING, id: tenantId }], work);
  }

  /** The same for one region's region-owned rows: RLS set to the region. */
  transactInRegion<T>(regionId: RegionId, work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    if (!regionId) throw new AppError('INTERNAL', 'A region-scoped query was attempted without a region.');
    return this.transact([{ setting: REGION_SETTING, id: regionId }], work);
  }

  /** A LERO's transaction reading its region's rows too (a signpost): RLS set to both (only the LERO's writes). */
  transactInLeroOfRegion<T>(
    tenantId: TenantId,
    regionId: RegionId,
    work: (tx: TenantTransaction) => Promise<T>,
  ): Promise<T> {
    if (!tenantId || !regionId)
      throw new AppError('INTERNAL', 'A LERO-and-region query was attempted without both.');
    return this.transact(
      [
        { setting: TENANT_SETTING, id: tenantId },
        { setting: REGION_SETTING, id: regionId },
      ],
      work,
    );
  }

  /** One read of one region's rows in one round trip, as `readInTenant` for a LERO's. */
  async readInRegion<R>(regionId: RegionId, sql: string, params: SqlLiteral[] = []): Promise<R[]> {
    const [rows] = await this.transactInRegion(regionId, (tx) =>
      tx.run<[R[]]>({ sql, params }, { commit: true }),
    );
    return rows;
  }

  /** The same for platform plumbing without a LERO's rows (the outbox): no tenant set, RLS shows nothing. */
  transactPlatform<T>(work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    return this.transact([], work);
  }

  private async transact<T>(scope: RlsScope, work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool().connect();
    let broken: Error | undefined;
    let begun = false;
    let committed = false;
    let events = false;
    const tx: TenantTransaction = {
      run: async (statements, opts = {}) => {
        if (committed) throw new Error('This transaction has already committed.');
        const list = Array.isArray(statements) ? statements : [statements];
        const head = begun ? [] : ['begin', ...scope.map((s) => setScopeSql(client, s.setting, s.id))];
        const body = list.map((st) => bindLiterals(client, st.sql, st.params ?? []));
        const text = [...head, ...body, ...(opts.commit ? ['commit'] : [])].join('; ');
        begun = true;
        const raw: QueryResult | QueryResult[] = await roundTrip(this.schema, () => client.query(text));
        if (opts.commit) committed = true;
        const results = Array.isArray(raw) ? raw : [raw];
        return results.slice(head.length, head.length + body.length).map((r) => r.rows) as never;
      },
      markEvents: () => {
        events = true;
      },
    };
    try {
      const result = await work(tx);
      if (begun && !committed) {
        await client.query('commit');
        committed = true;
      }
      return result;
    } catch (err) {
      if (begun && !committed) broken = await rollback(client);
      throw err;
    } finally {
      client.release(broken);
      if (committed && events) for (const listener of this.eventCommitListeners) listener();
    }
  }

  /** Called after a `transactInTenant` commit that wrote events (ORM commits have MikroORM's subscribers). */
  onEventsCommitted(listener: () => void): void {
    this.eventCommitListeners.push(listener);
  }

  /** Ready while a round trip to the database succeeds; red while it is unreachable, green again by itself. */
  async isReady(): Promise<ReadinessReport> {
    const check = await this.orm.checkConnection();
    return check.ok ? { ready: true } : { ready: false, details: { reason: check.reason } };
  }

  /** Once: a second call (the app's shutdown after a test closed it) does nothing. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.fastPool?.end();
      await this.orm.close(true);
    })();
    return this.closing;
  }

  private closing?: Promise<void>;

  /** Every service's database closes with its app (Nest's shutdown hooks). */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
