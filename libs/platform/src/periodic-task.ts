import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';

/**
 * A sweeper's loop: work run every `intervalMs` (and at start, unless told not to), never twice at once, a
 * failure logged and tried again at the next turn, and the run in progress awaited before shutdown.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly what: string,
    private readonly task: () => Promise<unknown>,
  ) {}

  start(intervalMs: number, opts: { atStart?: boolean } = {}): void {
    if (opts.atStart !== false) this.runNow();
    this.timer = setInterval(() => this.runNow(), intervalMs);
    this.timer.unref();
  }

  /** Runs the work now unless it is running already; resolves when that run ends. */
  runNow(): Promise<void> {
    this.running ??= this.task()
      .then(() => undefined)
      .catch((err: unknown) => this.logger.warn({ err }, `${this.what} failed; trying later`))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

/**
 * A Nest provider whose `work` runs as a `PeriodicTask`: started when the application is up, every `intervalMs()`,
 * and awaited before it shuts down. Its name names it in the log.
 */
export abstract class PeriodicService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly periodic = new PeriodicTask(new Logger(this.constructor.name), this.constructor.name, () =>
    this.work(),
  );

  protected abstract work(): Promise<unknown>;
  protected abstract intervalMs(): number;

  onApplicationBootstrap(): void {
    this.periodic.start(this.intervalMs());
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
  }
}

/**
 * A `PeriodicService` announcing what a list says is due within a lead (reminders, ADR 0081): each turn reads the
 * list's rows due by now + `leadMs()` in batches and announces each in its own transaction; `announce` answers
 * whether it announced (false: another replica had it, or it was taken off without a word).
 */
export abstract class LeadSweepService<Row> extends PeriodicService {
  private static readonly BATCH = 100;

  /** `now`: the service's clock (tests move it). */
  constructor(private readonly timing: { intervalMs: number; leadMs: number; now?: () => Date }) {
    super();
  }

  protected intervalMs(): number {
    return this.timing.intervalMs;
  }

  protected now(): Date {
    return this.timing.now?.() ?? new Date();
  }

  protected abstract due(until: Date, limit: number): Promise<Row[]>;
  protected abstract announce(row: Row): Promise<boolean>;

  protected work(): Promise<number> {
    return this.sweep();
  }

  /** Announces everything due; returns how many were announced. */
  async sweep(): Promise<number> {
    const batch = LeadSweepService.BATCH;
    let announced = 0;
    for (;;) {
      const due = await this.due(new Date(this.now().getTime() + this.timing.leadMs), batch);
      for (const row of due) if (await this.announce(row)) announced++;
      if (due.length < batch) return announced;
    }
  }
}
