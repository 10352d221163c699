import { AppError, type RequestContext, type RequestOptions, type Requester } from '@hearth/contracts';
import { wireContext } from './envelope-verifier';
import type { Answered } from './answer-routes';

export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;

/**
 * How a request travels (NATS, or the in-process bus): one envelope out, one `Answered` back, never a rejection.
 * A plain promise per request: no rxjs stream, no Error made unless something failed (ADR 0092).
 */
export interface RequestTransport {
  request(subject: string, envelope: unknown, timeoutMs: number): Promise<Answered>;
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
    const answered = await this.transport.request(
      subject,
      { ctx: wireContext(ctx), data },
      options.timeoutMs ?? this.timeoutMs,
    );
    if (answered.kind === 'answer') return answered.value as R;
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
