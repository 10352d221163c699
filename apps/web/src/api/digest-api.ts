import type { DigestSettingView } from '@hearth/contracts';
import type { CallContext, HearthApi } from './hearth-api';

/** The weekly summary email (ADR 0083): one's own choice, and its unsubscribe link; a client beside `HearthApiCalls`. */
export class DigestApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
  ) {}

  get = () => this.api.request<DigestSettingView>('GET', '/api/v1/me/digest', this.ctx);

  set = (enabled: boolean) =>
    this.api.request<DigestSettingView>('PATCH', '/api/v1/me/digest', this.ctx, { enabled });

  unsubscribe = (token: string) =>
    this.api.request<void>('POST', '/api/v1/auth/digest-unsubscribe', this.ctx, { token });
}
