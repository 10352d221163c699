import type { RequestContext } from './envelope';

/** What a typed client needs from the transport; `libs/messaging` provides it. */
export interface Requester {
  request<R>(subject: string, ctx: RequestContext, data: unknown): Promise<R>;
}
