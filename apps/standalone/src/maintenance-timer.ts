import { Client } from 'pg';
import { maintainDatabase } from '@hearth/persistence';

export interface MaintenanceTimerOptions {
  /** Between two runs; 0 turns the timer off. */
  intervalMs: number;
  /** The first run, this long after start (a minute, or the interval if shorter). */
  firstRunMs?: number;
  /** The outcome of each run, in a line. */
  say(line: string): void;
  /** What each run did, table by table. */
  debug?(line: string): void;
}

/**
 * Standalone owns its database, so it runs `npm run maintenance` itself (ADR 0020): shortly after start, then
 * every interval (a day by default), as the owner. A run that fails is said and tried again at the next.
 */
export class MaintenanceTimer {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly ownerUrl: string,
    private readonly schemas: string[],
    private readonly options: MaintenanceTimerOptions,
  ) {}

  start(): void {
    if (this.options.intervalMs <= 0) return;
    this.schedule(this.options.firstRunMs ?? Math.min(60_000, this.options.intervalMs));
  }

  /** Stops the timer, after the run in progress (if any) ends. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce().finally(() => {
        this.running = undefined;
        this.schedule(this.options.intervalMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  async runOnce(): Promise<void> {
    const client = new Client({ connectionString: this.ownerUrl });
    client.on('error', () => undefined);
    const lines: string[] = [];
    try {
      await client.connect();
      const report = await maintainDatabase(client, this.schemas, (line) => {
        lines.push(line);
        this.options.debug?.(`maintenance: ${line}`);
      });
      this.options.say(lines[lines.length - 1] ?? `Maintenance ${report.ok ? 'done' : 'incomplete'}.`);
    } catch (err) {
      this.options.say(`Maintenance failed; trying again later: ${(err as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
