import { AppError, type RequestContext, type RequestOptions, type Requester } from '@hearth/contracts';
import { wireContext } from './envelope-verifier';
import type { Answered } from './answer-routes';
import { JsonText } from './json-text';

export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;

/**
 * How a request travels (NATS, or the in-process bus): one envelope out, one `Answered` back, never a rejection.
 * A plain promise per request: no rxjs stream, no Error made unless something failed (ADR 0092). An answer may
 * come as the JSON text its handler wrote (`JsonText`): always when `asText` asks for it and the responder can
 * (ADR 0094), sometimes without.
 */
export interface RequestTransport {
  request(subject: string, envelope: unknown, timeoutMs: number, asText?: boolean): Promise<Answered>;
  close(): Promise<void>;
}

/** Request-reply over whichever transport runs: a bounded wait, and errors as coded AppErrors. */
export class MessageClient implements Requester {
  constructor(
    private readonly transport: RequestTransport,
    private readonly timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {}

  async request<R>(
    subject: string,
    ctx: RequestContext,
    data: unknown,
    options: RequestOptions = {},
  ): Promise<R> {
    const value = await this.answer(subject, ctx, data, options, false);
    if (!(value instanceof JsonText)) return value as R;
    try {
      return JSON.parse(value.text) as R;
    } catch {
      // As an unreadable reply packet is (`answeredOf`): the service's fault, not the caller's.
      throw new AppError('INTERNAL', 'A service answered with something unreadable.');
    }
  }

  /**
   * The answer as JSON text, to be sent on as it is (ADR 0094): the text its handler wrote when it wrote one,
   * otherwise the answer written as JSON here (a responder that answers with a value, Nest's or an older one).
   */
  async requestJson(
    subject: string,
    ctx: RequestContext,
    data: unknown,
    options: RequestOptions = {},
  ): Promise<string> {
    const value = await this.answer(subject, ctx, data, options, true);
    return value instanceof JsonText ? value.text : JSON.stringify(value ?? null);
  }

  /** The answer's value, however it came; a failure thrown as a coded AppError. */
  private async answer(
    subject: string,
    ctx: RequestContext,
    data: unknown,
    options: RequestOptions,
    asText: boolean,
  ): Promise<unknown> {
    const answered = await this.transport.request(
      subject,
      { ctx: wireContext(ctx), data },
      options.timeoutMs ?? this.timeoutMs,
      asText,
    );
    if (answered.kind === 'answer') return answered.value;
    if (answered.kind === 'error' && AppError.isShape(answered.error))
      throw AppError.fromShape(answered.error);
    const service = subject.split('.')[0];
    if (answered.kind === 'timeout') {
      throw new AppError('UNAVAILABLE', `The ${service} service did not answer in time. Please try again.`);
    }
    throw new AppError('UNAVAILABLE', `The ${service} service cannot be reached. Please try again.`);
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}
