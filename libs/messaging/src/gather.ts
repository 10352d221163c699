import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from '@nats-io/transport-node';
import type { ErrorShape, RequestContext } from '@hearth/contracts';
import { MESSAGING_OPTIONS, NatsConnectionProvider, type MessagingOptions } from './messaging.options';
import { EnvelopeVerifier, wireContext } from './envelope-verifier';
import { answerMessage } from './message-pipeline';

/** One service's part of a gathered answer. */
export type GatherReply<T> = { service: string; data: T } | { service: string; error: ErrorShape };

export type GatherHandler = (ctx: RequestContext, data: unknown) => Promise<unknown>;

export interface GatherOptions {
  /** The services that hold a part: the answer is complete once each of them has answered. */
  from: readonly string[];
  /** Never wait longer than this in all (default 5 s). */
  maxWaitMs?: number;
}

/** What came back: every reply (a part or a service's error), and which expected services said nothing. */
export interface Gathered<T> {
  replies: GatherReply<T>[];
  silent: string[];
}

export const DEFAULT_GATHER_WAIT_MS = 5_000;

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
    // The same pipeline as every request: the part is given only to the caller the token proves.
    const run = async (payload: unknown): Promise<GatherReply<unknown>> => {
      const outcome = await answerMessage(
        { verify: (p) => this.verifier.contextOf(p) },
        { handle: handler },
        payload,
      );
      return outcome.ok ? { service, data: outcome.value } : { service, error: outcome.error };
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

  /**
   * Asks every service for its part and waits until each service of `from` has answered (a part or an error),
   * for `maxWaitMs` at most; the asker learns which did not, rather than getting a shorter answer.
   */
  async ask<T>(
    subject: string,
    ctx: RequestContext,
    data: unknown,
    opts: GatherOptions,
  ): Promise<Gathered<T>> {
    const envelope = JSON.parse(JSON.stringify({ ctx: wireContext(ctx), data })) as unknown;
    const maxWaitMs = opts.maxWaitMs ?? DEFAULT_GATHER_WAIT_MS;
    const replies: GatherReply<T>[] = [];
    const complete = () => opts.from.every((s) => replies.some((r) => r.service === s));
    if (!this.options.natsUrl) {
      const parts = this.options.bus?.gatherers(subject) ?? [];
      let timer: NodeJS.Timeout | undefined;
      const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)));
      const answered = parts.map((part) =>
        part(envelope).then((reply) => void replies.push(reply as GatherReply<T>)),
      );
      await Promise.race([Promise.all(answered), timeUp]);
      clearTimeout(timer);
      return { replies: [...replies], silent: this.silent(opts.from, replies) };
    }
    const nc = await this.nats.get();
    try {
      // Each service answers once (its queue group); stop at the last expected one, or when time is up.
      const messages = await nc.requestMany(subject, JSON.stringify(envelope), {
        strategy: 'timer',
        maxWait: maxWaitMs,
      });
      for await (const msg of messages) {
        replies.push(msg.json<GatherReply<T>>());
        // Leaving the loop stops the request (nats.js ends the iterator and its subscription).
        if (complete()) break;
      }
    } catch (err) {
      // No responders at all: every expected service is silent, which the asker reports.
      this.logger.warn({ err, subject }, 'A gather request ended early');
    }
    return { replies, silent: this.silent(opts.from, replies) };
  }

  private silent(from: readonly string[], replies: GatherReply<unknown>[]): string[] {
    const silent = from.filter((s) => !replies.some((r) => r.service === s));
    if (silent.length > 0) this.logger.warn({ silent }, 'Services did not answer a gather in time');
    return silent;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const s of this.subscriptions.splice(0)) s.unsubscribe();
  }
}
