import { TimeoutError, firstValueFrom, timeout } from 'rxjs';
import type { ClientProxy } from '@nestjs/microservices';
import { AppError, type RequestContext, type RequestOptions, type Requester } from '@hearth/contracts';
import { wireContext } from './envelope-verifier';

export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;

/** Request-reply over whichever transport runs: a bounded wait, and errors as coded AppErrors. */
export class MessageClient implements Requester {
  constructor(
    private readonly proxy: Pick<ClientProxy, 'send' | 'close'>,
    private readonly timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {}

  async request<R>(
    subject: string,
    ctx: RequestContext,
    data: unknown,
    options: RequestOptions = {},
  ): Promise<R> {
    try {
      return await firstValueFrom(
        this.proxy
          .send<R>(subject, { ctx: wireContext(ctx), data })
          .pipe(timeout(options.timeoutMs ?? this.timeoutMs)),
      );
    } catch (err: unknown) {
      if (AppError.isShape(err)) throw AppError.fromShape(err);
      const service = subject.split('.')[0];
      if (err instanceof TimeoutError) {
        throw new AppError('UNAVAILABLE', `The ${service} service did not answer in time. Please try again.`);
      }
      throw new AppError('UNAVAILABLE', `The ${service} service cannot be reached. Please try again.`);
    }
  }

  async close(): Promise<void> {
    await this.proxy.close();
  }
}
