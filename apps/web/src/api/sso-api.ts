import type {
  LoginResult,
  SsoCallbackDto,
  SsoCallbackResult,
  SsoLinkDto,
  SsoProviderChoice,
} from '@hearth/contracts';
import type { CallContext, HearthApi } from './hearth-api';

/** The gateway's single sign-on routes (ADR 80), none signed in: a client of its own beside `HearthApiCalls`. */
export class SsoApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
  ) {}

  providersFor = (email: string) =>
    this.api.request<{ items: SsoProviderChoice[] }>(
      'GET',
      `/api/v1/auth/sso/providers?${new URLSearchParams({ email }).toString()}`,
      this.ctx,
    );

  /** The provider's authorisation address, and the secret binding the sign-in to us, from the gateway's redirect. */
  start = async (providerId: string) => {
    const { location, headers } = await this.api.request<{ location: string; headers: Headers }>(
      'GET',
      `/api/v1/auth/sso/${encodeURIComponent(providerId)}/start`,
      this.ctx,
      undefined,
      { redirect: true },
    );
    return { url: location, binding: headers.get('hearth-sso-binding') ?? '' };
  };

  /** The providers through which an invitation can be accepted. */
  providersForInvitation = (invitationToken: string) =>
    this.api.request<{ items: SsoProviderChoice[] }>(
      'POST',
      '/api/v1/auth/sso/invitation-providers',
      this.ctx,
      { invitationToken },
    );

  callback = (dto: SsoCallbackDto) =>
    this.api.request<SsoCallbackResult>('POST', '/api/v1/auth/sso/callback', this.ctx, dto);

  link = (dto: SsoLinkDto) => this.api.request<LoginResult>('POST', '/api/v1/auth/sso/link', this.ctx, dto);
}
