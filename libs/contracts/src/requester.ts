import type { RequestContext } from './envelope';

/** What a typed client needs from the transport; `libs/messaging` provides it. */
export interface RequestOptions {
  /** Overrides the transport's default wait, for the few requests that are slow by nature (imports, exports). */
  timeoutMs?: number;
}

export interface Requester {
  request<R>(subject: string, ctx: RequestContext, data: unknown, options?: RequestOptions): Promise<R>;
  /** The answer as its JSON text, for a caller that sends it on as it is (ADR 0094). */
  requestJson(subject: string, ctx: RequestContext, data: unknown, options?: RequestOptions): Promise<string>;
}
