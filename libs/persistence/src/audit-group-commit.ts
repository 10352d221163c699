import { Logger } from '@nestjs/common';
import { AppError } from '@hearth/contracts';
import type { ServiceDatabase, SqlLiteral, Statement, TenantId } from './service-database';

export interface GroupCommitOptions {
  /** How long the first row of a batch waits for others, in ms; 0 turns group commit off. */
  windowMs: number;
  /** A batch this large is written at once, without waiting out the window. */
  maxRows?: number;
}

interface Waiting {
  tenantId: TenantId;
  values: SqlLiteral[];
  resolve(): void;
  reject(err: unknown): void;
}

/** The most rows in one batch by default: one INSERT of 200 audit rows is well under a millisecond. */
export const GROUP_COMMIT_MAX_ROWS = 200;

/**
 * Group commit of audit rows (ADR 0090): concurrent audited reads share one commit. Each `write` waits, at most
 * `windowMs`, for others; the batch is then written in ONE round trip and ONE transaction — a multi-row INSERT per
 * LERO, each under its own LERO's row-level security (`readEachTenant` sets the tenant before each statement) —
 * and every `write` of the batch resolves only once that transaction has committed. When it does not commit,
 * every `write` of the batch rejects with `UNAVAILABLE` (503): a read whose audit row is not durable is never
 * answered.
 */
export class AuditGroupCommit {
  private batch: Waiting[] = [];
  private timer?: NodeJS.Timeout;
  private readonly logger = new Logger(AuditGroupCommit.name);

  constructor(
    private readonly db: ServiceDatabase,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly options: GroupCommitOptions,
  ) {}

  /** Whether rows are grouped (a window above 0); otherwise callers keep their own one-commit-per-row path. */
  get enabled(): boolean {
    return this.options.windowMs > 0;
  }

  /** Resolves once `values` (one per column) are committed with their batch; rejects when the batch did not. */
  write(tenantId: TenantId, values: SqlLiteral[]): Promise<void> {
    if (!tenantId) throw new AppError('INTERNAL', 'An audit row was written without a tenant.');
    if (values.length !== this.columns.length) throw new Error('One value per column is needed.');
    return new Promise<void>((resolve, reject) => {
      this.batch.push({ tenantId, values, resolve, reject });
      if (this.batch.length >= (this.options.maxRows ?? GROUP_COMMIT_MAX_ROWS)) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.windowMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) return;
    const byTenant = new Map<TenantId, Waiting[]>();
    for (const w of batch) {
      const rows = byTenant.get(w.tenantId);
      if (rows) rows.push(w);
      else byTenant.set(w.tenantId, [w]);
    }
    this.db
      .readEachTenant([...byTenant.keys()], (tenantId) => this.insert(byTenant.get(tenantId)!))
      .then(
        () => {
          for (const w of batch) w.resolve();
        },
        (err: unknown) => {
          this.logger.error(
            `A batch of ${batch.length} audit rows did not commit: ${err instanceof Error ? err.message : String(err)}`,
          );
          const failure = new AppError(
            'UNAVAILABLE',
            'The audit entry of this request could not be recorded, so it was not answered. Try again.',
          );
          for (const w of batch) w.reject(failure);
        },
      );
  }

  /** One multi-row INSERT of one LERO's rows. */
  private insert(rows: Waiting[]): Statement {
    const n = this.columns.length;
    const tuples = rows.map((_, i) => `(${this.columns.map((_, j) => `$${i * n + j + 1}`).join(', ')})`);
    return {
      sql: `insert into ${this.table} (${this.columns.join(', ')}) values ${tuples.join(', ')}`,
      params: rows.flatMap((r) => r.values),
    };
  }
}
