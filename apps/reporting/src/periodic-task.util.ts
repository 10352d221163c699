import type { Logger } from '@nestjs/common';

/** Work run at start and then every `intervalMs`, never twice at once, and awaited before shutdown. */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
    private readonly task: () => Promise<unknown>,
  ) {}

  start(intervalMs: number): void {
    const run = () => {
      this.running ??= this.task()
        .then(() => undefined)
        .catch((err: unknown) => this.logger.warn({ err }, `${this.what} failed; trying later`))
        .finally(() => (this.running = undefined));
    };
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
