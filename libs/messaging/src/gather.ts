import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from '@nats-io/transport-node';
import { AppError, type ErrorShape, type RequestContext } from '@hearth/contracts';
import { MESSAGING_OPTIONS, NatsConnectionProvider, type MessagingOptions } from './messaging.options';
import { EnvelopeVerifier, wireContext } from './envelope-verifier';

/** One service's part of a gathered answer. */
export type GatherReply<T> = { service: string; data: T } | { service: string; error: ErrorShape };

export type GatherHandler = (ctx: RequestContext, data: unknown) => Promise<unknown>;

interface GatherOptions {
  /** Stop waiting this long after the last reply. */
  stallMs?: number;
  /** Never wait longer than this in all. */
  maxWaitMs?: number;
}

const toShape = (err: unknown): ErrorShape =>
  err instanceof AppError ? err.toShape() : { code: 'INTERNAL', message: 'This service could not answer.' };

/**
 * Scatter-gather: one question, answered by every service that holds a part (a person's data export, say).
 * Each service answers in its own queue group, so every service answers once however many replicas run;
 * services added later join by answering the same subject. In process, every registered part answers.
 */
@Injectable()
export class Gather implements OnApplicationShutdown {
  private readonly logger = new Logger(Gather.name);
  private readonly subscriptions: Subscription[] = [];

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly nats: NatsConnectionProvider,
    private readonly verifier: EnvelopeVerifier,
  ) {}

  async answer(subject: string, service: string, handler: GatherHandler): Promise<void> {
    const run = async (payload: unknown): Promise<GatherReply<unknown>> => {
      try {
        // The same check as every request: the part is given only to the caller the token proves.
        const ctx = await this.verifier.contextOf(payload);
        return { service, data: await handler(ctx, (payload as { data?: unknown }).data) };
      } catch (err) {
        if (!(err instanceof AppError))
          this.logger.error({ err, subject, service }, 'A gather handler failed');
        return { service, error: toShape(err) };
      }
    };
    if (!this.options.natsUrl) {
      this.options.bus?.answerAll(subject, (payload) => run(payload));
      return;
    }
    const nc = await this.nats.get();
    this.subscriptions.push(
      nc.subscribe(subject, {
        queue: service,
        callback: (err, msg) => {
          if (err) return;
          void run(msg.json()).then((reply) => msg.respond(JSON.stringify(reply)));
        },
      }),
    );
  }

  async ask<T>(
    subject: string,
    ctx: RequestContext,
    data: unknown,
    opts: GatherOptions = {},
  ): Promise<GatherReply<T>[]> {
    const envelope = JSON.parse(JSON.stringify({ ctx: wireContext(ctx), data })) as unknown;
    if (!this.options.natsUrl) {
      const parts = this.options.bus?.gatherers(subject) ?? [];
      return (await Promise.all(parts.map((part) => part(envelope)))) as GatherReply<T>[];
    }
    const nc = await this.nats.get();
    const replies: GatherReply<T>[] = [];
    try {
      const messages = await nc.requestMany(subject, JSON.stringify(envelope), {
        strategy: 'stall',
        stall: opts.stallMs ?? 300,
        maxWait: opts.maxWaitMs ?? 3000,
      });
      for await (const msg of messages) replies.push(msg.json<GatherReply<T>>());
    } catch (err) {
      // No responders at all: an empty answer, not a failure of the asker.
      this.logger.warn({ err, subject }, 'A gather request ended early');
    }
    return replies;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const s of this.subscriptions.splice(0)) s.unsubscribe();
  }
}
