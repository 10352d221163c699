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
